#include "movieorder.h"

#include "movie.h"

#include <QByteArray>

namespace Marquee {

namespace {

QByteArray asciiLower(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    for (char &byte : bytes) {
        if (byte >= 'A' && byte <= 'Z')
            byte = char(byte - 'A' + 'a');
    }
    return bytes;
}

int compareBytes(const QString &a, const QString &b)
{
    const QByteArray left = a.toUtf8();
    const QByteArray right = b.toUtf8();
    return left < right ? -1 : (right < left ? 1 : 0);
}

} // namespace

bool MovieOrder::matches(const Movie &movie) const
{
    return titleFilter.isEmpty() || asciiLower(movie.title).contains(asciiLower(titleFilter));
}

bool MovieOrder::lessThan(const Movie &a, const Movie &b) const
{
    int comparison = 0;
    if (sortKey == SortKey::Title) {
        comparison = compareBytes(a.title, b.title);
    } else {
        const qint64 left = a.premiereDate.toMSecsSinceEpoch();
        const qint64 right = b.premiereDate.toMSecsSinceEpoch();
        comparison = left < right ? -1 : (right < left ? 1 : 0);
    }
    if (comparison == 0)
        comparison = compareBytes(a.id, b.id);

    return sortOrder == Qt::AscendingOrder ? comparison < 0 : comparison > 0;
}

QString MovieOrder::sortKeyName() const
{
    return sortKey == SortKey::Title ? QStringLiteral("title") : QStringLiteral("premiereDate");
}

} // namespace Marquee
