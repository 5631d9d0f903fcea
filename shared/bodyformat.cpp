#include "bodyformat.h"

namespace Marquee {

QByteArray mediaTypeOf(BodyFormat format)
{
    return format == BodyFormat::Xml ? QByteArrayLiteral("application/xml")
                                     : QByteArrayLiteral("application/json");
}

QByteArray bareMediaType(QByteArrayView contentType)
{
    const qsizetype semicolon = contentType.indexOf(';');
    const QByteArrayView type = semicolon < 0 ? contentType : contentType.first(semicolon);
    return type.trimmed().toByteArray().toLower();
}

std::optional<BodyFormat> bodyFormatOfMediaType(QByteArrayView contentType)
{
    const QByteArray type = bareMediaType(contentType);
    if (type == "application/json"
        || (type.startsWith("application/") && type.endsWith("+json"))) {
        return BodyFormat::Json;
    }
    if (type == "application/xml" || type == "text/xml"
        || ((type.startsWith("application/") || type.startsWith("text/"))
            && type.endsWith("+xml"))) {
        return BodyFormat::Xml;
    }
    return std::nullopt;
}

} // namespace Marquee
