#pragma once

#include "httprequest.h"
#include "httpresponse.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Marquee {

// Maps a method and a path pattern to a handler. Patterns are written with {name} for
// one path segment ("/movies/v1/{boxId}/movies"); variables are matched on the encoded
// segment and percent-decoded once, so a tel URI with an encoded '/' stays one variable.
// A path that matches with another method gets 405 with the Allow header; no match at
// all gets 404. Where several patterns match, the one with the most literal segments wins.
class Router
{
public:
    using Handler = std::function<HttpResponse(const HttpRequest &request)>;

    void addRoute(const QString &method, const QString &pattern, Handler handler);
    HttpResponse dispatch(HttpRequest request) const;

private:
    struct Route
    {
        QString method;
        QStringList segments;
        int literalCount = 0;
        Handler handler;
    };

    static bool matches(const Route &route, const QStringList &encodedSegments,
                        QHash<QString, QString> *variables);

    QList<Route> m_routes;
};

} // namespace Marquee
