#include "pathsegment.h"

#include <QByteArray>
#include <QUtf8StringView>

namespace Marquee {

std::optional<QString> decodePathSegment(const QString &encodedSegment)
{
    const QByteArray decoded = QByteArray::fromPercentEncoding(encodedSegment.toUtf8());
    if (!QUtf8StringView(decoded).isValidUtf8())
        return std::nullopt;
    return QString::fromUtf8(decoded);
}

} // namespace Marquee
