#include "requestbody.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace Marquee {

Result<QJsonObject> readJsonBody(const HttpRequest &request)
{
    const QByteArray contentType = request.header("content-type");
    const QByteArray mediaType = contentType.split(';').first().trimmed().toLower();
    const bool isJson = mediaType.isEmpty() || mediaType == "application/json"
            || (mediaType.startsWith("application/") && mediaType.endsWith("+json"));
    if (!isJson) {
        return RequestError::unsupportedMediaType(QString::fromLatin1(contentType),
                                                  {QStringLiteral("application/json")});
    }

    if (request.body.trimmed().isEmpty())
        return RequestError::malformedBody(QStringLiteral("JSON"),
                                           QStringLiteral("the request body is empty"));

    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        return RequestError::malformedBody(QStringLiteral("JSON"),
                                           QStringLiteral("%1 at offset %2")
                                                   .arg(parseError.errorString())
                                                   .arg(parseError.offset));
    }
    if (!document.isObject()) {
        return RequestError::malformedBody(QStringLiteral("JSON"),
                                           QStringLiteral("the body must be a JSON object with "
                                                          "one root element"));
    }
    return document.object();
}

Result<void> requireEmptyBody(const HttpRequest &request)
{
    if (request.body.isEmpty())
        return {};
    return RequestError::invalidValue(QStringLiteral("body"),
                                      QString::number(request.body.size())
                                              + QStringLiteral(" bytes"),
                                      QStringLiteral("%1 takes no request body").arg(request.method));
}

} // namespace Marquee
