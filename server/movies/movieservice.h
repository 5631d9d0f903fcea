#pragma once

#include "http/ifmatch.h"
#include "movie.h"
#include "result.h"
#include "storage/boxrepository.h"
#include "storage/moviequery.h"
#include "storage/movierepository.h"
#include "urlbuilder.h"

#include <QJsonObject>
#include <QUrlQuery>

namespace Marquee {

// The rules of the movie catalogue: listing with filters and paging, validation, JSON
// merge patch, entity tags and If-Match, and URLs. Every write goes through
// MovieRepository, which logs it in the box change log.
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

    // The strong entity tag of a movie's current state: its lastModSeq in quotes. Box-wide
    // modification sequences never repeat, so the tag changes on every real change.
    static QByteArray entityTag(const Movie &movie);

    Result<QList<Box>> boxes() const;

    // Lists the movies that the query string selects: offset, limit, title (substring),
    // genre, minPremiereDate (inclusive), maxPremiereDate (exclusive), sort (title or
    // premiereDate) and order (asc or desc). Any other parameter is 400.
    Result<Page> list(const QString &boxId, const QUrlQuery &query) const;
    Result<Movie> movie(const QString &boxId, const QString &movieId) const;
    // Creates a movie from document ({"movie":{...}}). Without an id in the document the id
    // is built from the title and year, with a numeric suffix when that id is taken. An
    // explicit id that is taken is 409.
    Result<Movie> create(const QString &boxId, const QJsonObject &document);
    // Replaces the movie with document ({"movie":{...}}).
    Result<Movie> replace(const QString &boxId, const QString &movieId,
                          const QJsonObject &document, const IfMatch &condition);
    // Applies a JSON merge patch, either to the movie's members or to {"movie":{...}}.
    Result<Movie> patch(const QString &boxId, const QString &movieId, const QJsonObject &patch,
                        const IfMatch &condition);
    Result<void> remove(const QString &boxId, const QString &movieId, const IfMatch &condition);

private:
    Result<void> requireBox(const QString &boxId) const;
    Result<MovieQuery> parseQuery(const QUrlQuery &query) const;
    // Stores what edit computes from the current movie, which must exist and satisfy
    // condition.
    Result<Movie> update(const QString &boxId, const QString &movieId, const IfMatch &condition,
                         const std::function<Result<Movie>(const Movie &current)> &edit);
    QString freeMovieId(const QString &boxId, const QString &baseId) const;
    Movie withUrl(const QString &boxId, Movie movie) const;

    MovieRepository *m_movies;
    BoxRepository *m_boxes;
    const UrlBuilder *m_urls;
};

} // namespace Marquee
