#include "contentnegotiation.h"

#include <QList>

namespace Marquee {

namespace {

struct Preference
{
    // 0 when no range matched; higher is more specific.
    int specificity = 0;
    double quality = 0.0;
};

int specificityFor(BodyFormat format, const QByteArray &mediaRange)
{
    if (format == BodyFormat::Json) {
        return mediaRange == "application/json" ? 3
                : mediaRange == "application/*" ? 2
                : mediaRange == "*/*"           ? 1
                                                : 0;
    }
    return mediaRange == "application/xml" || mediaRange == "text/xml"   ? 3
            : mediaRange == "application/*" || mediaRange == "text/*" ? 2
            : mediaRange == "*/*"                                     ? 1
                                                                      : 0;
}

Preference preferenceFor(BodyFormat format, const QByteArray &accept)
{
    Preference best;
    for (const QByteArray &range : accept.split(',')) {
        const QList<QByteArray> parts = range.split(';');
        const int specificity = specificityFor(format, parts.first().trimmed().toLower());
        if (specificity <= best.specificity)
            continue;

        double quality = 1.0;
        for (qsizetype i = 1; i < parts.size(); ++i) {
            const QByteArray parameter = parts.at(i).trimmed().toLower();
            if (parameter.startsWith("q=")) {
                bool ok = false;
                quality = parameter.mid(2).toDouble(&ok);
                if (!ok)
                    quality = 0.0;
            }
        }
        best = {specificity, quality};
    }
    return best;
}

} // namespace

std::optional<BodyFormat> negotiateResponseFormat(const QByteArray &accept)
{
    if (accept.trimmed().isEmpty())
        return BodyFormat::Json;

    const Preference json = preferenceFor(BodyFormat::Json, accept);
    const Preference xml = preferenceFor(BodyFormat::Xml, accept);
    if (json.quality <= 0.0 && xml.quality <= 0.0)
        return std::nullopt;

    if (xml.quality > json.quality)
        return BodyFormat::Xml;
    if (xml.quality == json.quality && xml.specificity > json.specificity)
        return BodyFormat::Xml;
    return BodyFormat::Json;
}

} // namespace Marquee
