#include "requestbody.h"

#include "bodyformat.h"
#include "jsonvalues.h"
#include "omaxml.h"

#include <optional>

namespace Marquee {

namespace {

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
    return JsonValues::parseObject(request.body);
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
