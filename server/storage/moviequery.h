#pragma once

#include <QString>

#include <optional>

namespace Marquee {

// Selection, order and page of a movie listing, already validated.
struct MovieQuery
{
    enum class SortKey { Title, PremiereDate };

    qint64 offset = 0;
    qint64 limit = 50;
    // Case-insensitive substring of the title (ASCII letters only fold case, as in
    // SQLite's LIKE); empty: any title.
    QString titleContains;
    // Exact genre, ignoring ASCII case; empty: any genre.
    QString genre;
    // Premiere range in milliseconds since the Unix epoch: from minPremiereAt inclusive
    // to maxPremiereAt exclusive.
    std::optional<qint64> minPremiereAt;
    std::optional<qint64> maxPremiereAt;
    SortKey sortKey = SortKey::Title;
    bool descending = false;
};

} // namespace Marquee
