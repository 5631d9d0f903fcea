#include "httpresponse.h"

#include "omaxml.h"

#include <QJsonDocument>

namespace Marquee {

HttpResponse HttpResponse::document(int status, const QJsonObject &content)
{
    HttpResponse response;
    response.status = status;
    response.content = content;
    return response;
}

HttpResponse HttpResponse::error(const RequestError &error)
{
    return document(error.httpStatus, error.toJson());
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
    HttpResponse response = HttpResponse::document(201, document);
    response.headers.append({QByteArrayLiteral("Location"), location.toEncoded()});
    return response;
}

HttpResponse HttpResponse::noContent()
{
    HttpResponse response;
    response.status = 204;
    return response;
}

void HttpResponse::render(BodyFormat format)
{
    if (!content)
        return;

    body = format == BodyFormat::Xml ? OmaXml::fromJson(*content)
                                     : QJsonDocument(*content).toJson(QJsonDocument::Compact);
    headers.append({QByteArrayLiteral("Content-Type"), mediaTypeOf(format)});
    content.reset();
}

QByteArray HttpResponse::header(QByteArrayView name) const
{
    return headerValue(headers, name);
}

} // namespace Marquee
