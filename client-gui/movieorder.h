#pragma once

#include <QString>
#include <QtGlobal>

namespace Marquee {

struct Movie;

// The selection and order of the server's movie list (the title filter, the sort key and
// the direction, ties ordered by id), reproduced in the client. The table uses it to put
// a changed movie where the server's next page expects it, so that offset paging neither
// skips nor repeats a movie.
struct MovieOrder
{
    enum class SortKey { Title, PremiereDate };

    SortKey sortKey = SortKey::Title;
    Qt::SortOrder sortOrder = Qt::AscendingOrder;
    // Titles must contain this text, ignoring the case of ASCII letters only, as the
    // server's SQL LIKE does.
    QString titleFilter;

    bool matches(const Movie &movie) const;
    // Whether a comes before b in the list. Titles and ids compare as UTF-8 bytes, like
    // SQLite's default BINARY collation. Premieres compare as instants.
    bool lessThan(const Movie &a, const Movie &b) const;

    QString sortKeyName() const;
};

} // namespace Marquee
