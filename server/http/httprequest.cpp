#include "httprequest.h"

#include <QHttpServerRequest>
#include <QMetaEnum>

namespace Marquee {

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return QStringLiteral("GET");
    case QHttpServerRequest::Method::Put:
        return QStringLiteral("PUT");
    case QHttpServerRequest::Method::Delete:
        return QStringLiteral("DELETE");
    case QHttpServerRequest::Method::Post:
        return QStringLiteral("POST");
    case QHttpServerRequest::Method::Head:
        return QStringLiteral("HEAD");
    case QHttpServerRequest::Method::Options:
        return QStringLiteral("OPTIONS");
    case QHttpServerRequest::Method::Patch:
        return QStringLiteral("PATCH");
    case QHttpServerRequest::Method::Connect:
        return QStringLiteral("CONNECT");
    case QHttpServerRequest::Method::Trace:
        return QStringLiteral("TRACE");
    default:
        return QStringLiteral("UNKNOWN");
    }
}

} // namespace

HttpRequest HttpRequest::fromServerRequest(const QHttpServerRequest &request)
{
    HttpRequest copy;
    copy.method = methodName(request.method());

    const QString path = request.url().path(QUrl::FullyEncoded);
    copy.encodedSegments = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    copy.query = request.query();
    copy.headers = request.headers();
    copy.body = request.body();
    copy.remoteAddress = request.remoteAddress();
    return copy;
}

QByteArray HttpRequest::header(QByteArrayView name) const
{
    return headerValue(headers, name);
}

QString HttpRequest::encodedPath() const
{
    return QLatin1Char('/') + encodedSegments.join(QLatin1Char('/'));
}

} // namespace Marquee
