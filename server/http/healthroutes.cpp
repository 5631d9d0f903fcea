#include "healthroutes.h"

#include "router.h"

#include <QSqlQuery>

namespace Marquee {

void addHealthRoutes(Router &router, QSqlDatabase database)
{
    router.addRoute(QStringLiteral("GET"), QStringLiteral("/health"), [database](const HttpRequest &) {
        QSqlQuery query(database);
        if (!query.exec(QStringLiteral("SELECT 1")))
            return HttpResponse::error(
                    RequestError::internalError(QStringLiteral("the database query failed")));
        return HttpResponse::document(200, {{QStringLiteral("status"), QStringLiteral("ok")}});
    });
}

} // namespace Marquee
