#include "requestbody.h"

#include "bodyformat.h"
#include "jsonvalues.h"
#include "omaxml.h"

#include <optional>

namespace Marquee {

namespace {

Result<QJsonObject> readDocument(const HttpRequest &request, const FormShape *form)
{
    if (form && isFormBody(request))
        return formToJson(request.body, form->root, form->fields);

    const std::optional<BodyFormat> format = requestBodyFormat(request);
    if (!format)
        return unsupportedBodyFormat(request, form != nullptr);

    const QString formatName = *format == BodyFormat::Xml ? QStringLiteral("XML")
                                                          : QStringLiteral("JSON");
    if (request.body.trimmed().isEmpty())
        return RequestError::malformedBody(formatName, QStringLiteral("the request body is empty"));

    if (*format == BodyFormat::Xml)
        return OmaXml::toJson(request.body);
    return JsonValues::parseObject(request.body);
}

} // namespace

std::optional<BodyFormat> requestBodyFormat(const HttpRequest &request)
{
    const QByteArray mediaType = bareMediaType(request.header("content-type"));
    if (mediaType.isEmpty())
        return BodyFormat::Json;
    return bodyFormatOfMediaType(mediaType);
}

bool isFormBody(const HttpRequest &request)
{
    return bareMediaType(request.header("content-type")) == "application/x-www-form-urlencoded";
}

RequestError unsupportedBodyFormat(const HttpRequest &request, bool formAccepted)
{
    QStringList supported{QStringLiteral("application/json"), QStringLiteral("application/xml")};
    if (formAccepted)
        supported.append(QStringLiteral("application/x-www-form-urlencoded"));
    return RequestError::unsupportedMediaType(QString::fromLatin1(request.header("content-type")),
                                              supported);
}

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
