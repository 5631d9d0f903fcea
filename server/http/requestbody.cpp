#include "requestbody.h"

#include "bodyformat.h"
#include "omaxml.h"

#include <QJsonDocument>
#include <QJsonParseError>

#include <optional>

namespace Marquee {

namespace {

Result<QJsonObject> readJson(const QByteArray &body)
{
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
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

Result<QJsonObject> readDocument(const HttpRequest &request, const FormShape *form)
{
    const QByteArray contentType = request.header("content-type");
    const QByteArray mediaType = bareMediaType(contentType);

    if (form && mediaType == "application/x-www-form-urlencoded")
        return formToJson(request.body, form->root, form->fields);

    const std::optional<BodyFormat> format =
            mediaType.isEmpty() ? BodyFormat::Json : bodyFormatOfMediaType(mediaType);
    if (!format) {
        QStringList supported{QStringLiteral("application/json"), QStringLiteral("application/xml")};
        if (form)
            supported.append(QStringLiteral("application/x-www-form-urlencoded"));
        return RequestError::unsupportedMediaType(QString::fromLatin1(contentType), supported);
    }

    const QString formatName = *format == BodyFormat::Xml ? QStringLiteral("XML")
                                                          : QStringLiteral("JSON");
    if (request.body.trimmed().isEmpty())
        return RequestError::malformedBody(formatName, QStringLiteral("the request body is empty"));

    if (*format == BodyFormat::Xml)
        return OmaXml::toJson(request.body);
    return readJson(request.body);
}

} // namespace

Result<QJsonObject> readRequestDocument(const HttpRequest &request)
{
    return readDocument(request, nullptr);
}

Result<QJsonObject> readRequestDocument(const HttpRequest &request, const FormShape &form)
{
    return readDocument(request, &form);
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
