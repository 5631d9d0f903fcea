#pragma once

#include "movie.h"

#include <QJsonObject>
#include <QList>

#include <optional>

namespace Marquee {

// One page of the server's movie list, {"movieList":{...}}, as the table and the premiere
// index read it.
struct MoviePage
{
    // Movies the current filter selects on the server, on every page; 0 when the
    // response has none.
    int totalCount = 0;
    // Entries on this page, readable or not, so that the next offset is right.
    int entryCount = 0;
    QList<Movie> movies;

    // Reads a page. A single movie may be a bare object; unreadable movies are logged and
    // left out of movies.
    static MoviePage fromJson(const QJsonObject &document);
    // Reads a movie as the server writes it, with its resourceURL and lastModSeq; logs and
    // returns std::nullopt for one that does not decode.
    static std::optional<Movie> readMovie(const QJsonObject &members);
};

} // namespace Marquee
