#include "movieservice.h"

#include "jsonmergepatch.h"
#include "logging.h"

#include <QUrlQuery>

namespace Marquee {

namespace {

Result<qint64> parseQueryNumber(const QString &name, const QString &text, qint64 fallback,
                                qint64 minimum, qint64 maximum)
{
    if (text.isEmpty())
        return fallback;

    bool ok = false;
    const qint64 value = text.toLongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        return RequestError::invalidValue(name, text,
                                          QStringLiteral("expected an integer from %1 to %2")
                                                  .arg(minimum)
                                                  .arg(maximum));
    }
    return value;
}

} // namespace

MovieService::MovieService(MovieRepository *movies, BoxRepository *boxes, const UrlBuilder *urls)
    : m_movies(movies), m_boxes(boxes), m_urls(urls)
{
}

Result<void> MovieService::requireBox(const QString &boxId) const
{
    if (!m_boxes->find(boxId))
        return RequestError::notFound(QStringLiteral("box"), boxId);
    return {};
}

Movie MovieService::withUrl(const QString &boxId, Movie movie) const
{
    movie.resourceURL = m_urls->movieURL(boxId, movie.id);
    return movie;
}

Result<MovieService::Page> MovieService::list(const QString &boxId, const QString &offsetText,
                                              const QString &limitText) const
{
    if (const Result<void> box = requireBox(boxId); !box)
        return box.error();

    const Result<qint64> offset = parseQueryNumber(QStringLiteral("offset"), offsetText, 0, 0,
                                                   std::numeric_limits<qint32>::max());
    if (!offset)
        return offset.error();
    const Result<qint64> limit = parseQueryNumber(QStringLiteral("limit"), limitText,
                                                  DefaultPageSize, 1, MaxPageSize);
    if (!limit)
        return limit.error();

    const std::optional<MoviePage> stored = m_movies->list(boxId, offset.value(), limit.value());
    if (!stored)
        return RequestError::internalError(QStringLiteral("the movies could not be read"));

    Page page;
    page.totalCount = stored->totalCount;
    for (const Movie &movie : stored->movies)
        page.movies.append(withUrl(boxId, movie));

    page.resourceURL = m_urls->moviesURL(boxId);
    if (offset.value() + page.movies.size() < page.totalCount) {
        page.nextURL = page.resourceURL;
        QUrlQuery query;
        query.addQueryItem(QStringLiteral("offset"),
                           QString::number(offset.value() + page.movies.size()));
        query.addQueryItem(QStringLiteral("limit"), QString::number(limit.value()));
        page.nextURL.setQuery(query);
    }
    return page;
}

Result<Movie> MovieService::movie(const QString &boxId, const QString &movieId) const
{
    if (const Result<void> box = requireBox(boxId); !box)
        return box.error();

    const std::optional<Movie> stored = m_movies->find(boxId, movieId);
    if (!stored)
        return RequestError::notFound(QStringLiteral("movie"), movieId);
    return withUrl(boxId, *stored);
}

Result<Movie> MovieService::store(const QString &boxId, const QString &movieId, Movie movie)
{
    if (!movie.id.isEmpty() && movie.id != movieId) {
        return RequestError::invalidValue(QStringLiteral("movie.id"), movie.id,
                                          QStringLiteral("differs from the id '%1' in the "
                                                         "request URI").arg(movieId));
    }
    movie.id = movieId;

    bool changed = false;
    const std::optional<Movie> saved = m_movies->save(boxId, movie, &changed);
    if (!saved)
        return RequestError::internalError(QStringLiteral("the movie could not be saved"));

    if (changed)
        qCDebug(lcMovies) << "Movie" << movieId << "in box" << boxId << "is now at lastModSeq"
                         << saved->lastModSeq;
    return withUrl(boxId, *saved);
}

Result<Movie> MovieService::replace(const QString &boxId, const QString &movieId,
                                    const QJsonObject &document)
{
    const Result<Movie> current = movie(boxId, movieId);
    if (!current)
        return current.error();

    const Result<Movie> replacement = Movie::fromJson(document);
    if (!replacement)
        return replacement.error();
    return store(boxId, movieId, replacement.value());
}

Result<Movie> MovieService::patch(const QString &boxId, const QString &movieId,
                                  const QJsonObject &patch)
{
    const Result<Movie> current = movie(boxId, movieId);
    if (!current)
        return current.error();

    // A movie has no member named "movie", so a patch with that single member targets
    // the {"movie":{...}} representation and any other patch targets the members.
    QJsonValue memberPatch = patch;
    if (patch.size() == 1 && patch.contains(QStringLiteral("movie"))) {
        memberPatch = patch.value(QStringLiteral("movie"));
        if (!memberPatch.isObject()) {
            return RequestError::invalidValue(QStringLiteral("movie"),
                                              QStringLiteral("non-object"),
                                              QStringLiteral("a merge patch of a movie must be "
                                                             "an object"));
        }
    }

    const QJsonValue patched = applyMergePatch(current->writableMembers(), memberPatch);
    const Result<Movie> updated = Movie::fromWritableMembers(patched.toObject());
    if (!updated)
        return updated.error();
    return store(boxId, movieId, updated.value());
}

} // namespace Marquee
