#pragma once

#include <QByteArray>
#include <QString>

#include <optional>

namespace Marquee {

// The encoding of a request, response or notification body. OMA REST NetAPI servers must
// read and write both.
enum class BodyFormat { Json, Xml };

// The name stored in the database and written in logs: "json" or "xml".
inline QString bodyFormatName(BodyFormat format)
{
    return format == BodyFormat::Xml ? QStringLiteral("xml") : QStringLiteral("json");
}

inline std::optional<BodyFormat> bodyFormatFromName(const QString &name)
{
    if (name == QLatin1String("json"))
        return BodyFormat::Json;
    if (name == QLatin1String("xml"))
        return BodyFormat::Xml;
    return std::nullopt;
}

// The Content-Type of a body in this format.
inline QByteArray bodyFormatMediaType(BodyFormat format)
{
    return format == BodyFormat::Xml ? QByteArrayLiteral("application/xml")
                                     : QByteArrayLiteral("application/json");
}

} // namespace Marquee
