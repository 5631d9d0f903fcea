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

HttpResponse HttpResponse::encoded(int status, const QByteArray &mediaType,
                                   const QByteArray &body)
{
    HttpResponse response;
    response.status = status;
    response.headers.append({QByteArrayLiteral("Content-Type"), mediaType});
    response.body = body;
    return response;
}

HttpResponse HttpResponse::deferred(DeferredCallback callback)
{
    HttpResponse response;
    response.deferredCallback = std::move(callback);
    return response;
}

QByteArray HttpResponse::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 409:
        return "Conflict";
    case 412:
        return "Precondition Failed";
    case 415:
        return "Unsupported Media Type";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 503:
        return "Service Unavailable";
    default:
        return status < 400 ? "OK" : "Error";
    }
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
