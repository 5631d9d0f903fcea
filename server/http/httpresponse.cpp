#include "httpresponse.h"

#include <QJsonDocument>

namespace Marquee {

HttpResponse HttpResponse::json(int status, const QJsonObject &document)
{
    HttpResponse response;
    response.status = status;
    response.headers.append({QByteArrayLiteral("Content-Type"), QByteArrayLiteral("application/json")});
    response.body = QJsonDocument(document).toJson(QJsonDocument::Compact);
    return response;
}

HttpResponse HttpResponse::error(const RequestError &error)
{
    return json(error.httpStatus, error.toJson());
}

HttpResponse HttpResponse::methodNotAllowed(const QString &method, const QStringList &allowed)
{
    HttpResponse response = error(RequestError::methodNotAllowed(method, allowed));
    response.headers.append({QByteArrayLiteral("Allow"),
                             allowed.join(QStringLiteral(", ")).toLatin1()});
    return response;
}

HttpResponse HttpResponse::created(const QUrl &location, const QJsonObject &document)
{
    HttpResponse response = json(201, document);
    response.headers.append({QByteArrayLiteral("Location"), location.toEncoded()});
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    return headerValue(headers, name);
}

} // namespace Marquee
