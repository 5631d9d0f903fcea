#pragma once

#include "movie.h"
#include "result.h"
#include "storage/boxrepository.h"
#include "storage/movierepository.h"
#include "urlbuilder.h"

#include <QJsonObject>

namespace Marquee {

// The rules of the movie catalogue: paging, validation, JSON merge patch, and URLs.
class MovieService
{
public:
    static constexpr qint64 DefaultPageSize = 50;
    static constexpr qint64 MaxPageSize = 500;

    struct Page
    {
        QList<Movie> movies;
        qint64 totalCount = 0;
        QUrl resourceURL;
        // Empty on the last page.
        QUrl nextURL;
    };

    MovieService(MovieRepository *movies, BoxRepository *boxes, const UrlBuilder *urls);

    // offset and limit come from the query string as text; empty means the default.
    Result<Page> list(const QString &boxId, const QString &offset, const QString &limit) const;
    Result<Movie> movie(const QString &boxId, const QString &movieId) const;
    // Replaces the movie with document ({"movie":{...}}).
    Result<Movie> replace(const QString &boxId, const QString &movieId,
                          const QJsonObject &document);
    // Applies a JSON merge patch, either to the movie's members or to {"movie":{...}}.
    Result<Movie> patch(const QString &boxId, const QString &movieId, const QJsonObject &patch);

private:
    Result<void> requireBox(const QString &boxId) const;
    Result<Movie> store(const QString &boxId, const QString &movieId, Movie movie);
    Movie withUrl(const QString &boxId, Movie movie) const;

    MovieRepository *m_movies;
    BoxRepository *m_boxes;
    const UrlBuilder *m_urls;
};

} // namespace Marquee
