#include "movieservice.h"

#include "jsonmergepatch.h"
#include "logging.h"
#include "movies/movieimporter.h"

#include <limits>

namespace Marquee {

namespace {

constexpr qsizetype MaxFilterLength = 200;
// Suffixes tried after a derived id that is taken, before giving up with 409.
constexpr int MaxIdSuffix = 100;

const QStringList QueryParameters{
        QStringLiteral("offset"),          QStringLiteral("limit"),
        QStringLiteral("title"),           QStringLiteral("genre"),
        QStringLiteral("minPremiereDate"), QStringLiteral("maxPremiereDate"),
        QStringLiteral("sort"),            QStringLiteral("order"),
};

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

Result<std::optional<qint64>> parseQueryInstant(const QString &name, const QString &text)
{
    if (text.isEmpty())
        return std::optional<qint64>();

    const std::optional<PremiereDate> premiere = Movie::parsePremiereDate(text);
    if (!premiere) {
        return RequestError::invalidValue(name, text,
                                          QStringLiteral("expected a date YYYY-MM-DD or a "
                                                         "date-time with an offset"));
    }
    return std::optional<qint64>(premiere->toMSecsSinceEpoch());
}

Result<QString> parseQueryText(const QString &name, const QString &text)
{
    if (text.size() > MaxFilterLength) {
        return RequestError::invalidValue(name, text.left(40) + QStringLiteral("..."),
                                          QStringLiteral("longer than %1 characters")
                                                  .arg(MaxFilterLength));
    }
    return text;
}

Result<void> checkCondition(const IfMatch &condition, const Movie &current)
{
    const QByteArray tag = MovieService::entityTag(current);
    if (condition.matches(tag))
        return {};
    return RequestError::preconditionFailed(QStringLiteral("If-Match"),
                                            QString::fromLatin1(condition.text()),
                                            QString::fromLatin1(tag));
}

Result<void> validateNewId(const QString &id)
{
    const bool hasControl = std::any_of(id.cbegin(), id.cend(),
                                        [](QChar character) { return character.category() == QChar::Other_Control; });
    if (id.trimmed().isEmpty() || id.size() > Movie::MaxIdLength || hasControl || id != id.trimmed()) {
        return RequestError::invalidValue(QStringLiteral("movie.id"), id,
                                          QStringLiteral("expected 1 to %1 characters without "
                                                         "control characters or surrounding "
                                                         "spaces").arg(Movie::MaxIdLength));
    }
    return {};
}

} // namespace

MovieService::MovieService(MovieRepository *movies, BoxRepository *boxes, const UrlBuilder *urls)
    : m_movies(movies), m_boxes(boxes), m_urls(urls)
{
}

QByteArray MovieService::entityTag(const Movie &movie)
{
    return '"' + QByteArray::number(movie.lastModSeq) + '"';
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

Result<QList<Box>> MovieService::boxes() const
{
    const std::optional<QList<Box>> all = m_boxes->list();
    if (!all)
        return RequestError::internalError(QStringLiteral("the boxes could not be read"));
    return *all;
}

Result<MovieQuery> MovieService::parseQuery(const QUrlQuery &query) const
{
    const auto items = query.queryItems(QUrl::FullyDecoded);
    for (const auto &[name, value] : items) {
        if (!QueryParameters.contains(name)) {
            return RequestError::invalidValue(name, value,
                                              QStringLiteral("unknown query parameter; known "
                                                             "are %1")
                                                      .arg(QueryParameters.join(QStringLiteral(", "))));
        }
    }
    auto value = [&query](const QString &name) {
        return query.queryItemValue(name, QUrl::FullyDecoded);
    };

    MovieQuery movieQuery;

    const Result<qint64> offset = parseQueryNumber(QStringLiteral("offset"), value(QStringLiteral("offset")),
                                                   0, 0, std::numeric_limits<qint32>::max());
    if (!offset)
        return offset.error();
    movieQuery.offset = offset.value();

    const Result<qint64> limit = parseQueryNumber(QStringLiteral("limit"), value(QStringLiteral("limit")),
                                                  DefaultPageSize, 1, MaxPageSize);
    if (!limit)
        return limit.error();
    movieQuery.limit = limit.value();

    const Result<QString> title = parseQueryText(QStringLiteral("title"), value(QStringLiteral("title")));
    if (!title)
        return title.error();
    movieQuery.titleContains = title.value();

    const Result<QString> genre = parseQueryText(QStringLiteral("genre"), value(QStringLiteral("genre")));
    if (!genre)
        return genre.error();
    movieQuery.genre = genre.value();

    const auto minPremiere = parseQueryInstant(QStringLiteral("minPremiereDate"),
                                               value(QStringLiteral("minPremiereDate")));
    if (!minPremiere)
        return minPremiere.error();
    movieQuery.minPremiereAt = minPremiere.value();

    const auto maxPremiere = parseQueryInstant(QStringLiteral("maxPremiereDate"),
                                               value(QStringLiteral("maxPremiereDate")));
    if (!maxPremiere)
        return maxPremiere.error();
    movieQuery.maxPremiereAt = maxPremiere.value();

    const QString sort = value(QStringLiteral("sort"));
    if (sort == QLatin1String("premiereDate")) {
        movieQuery.sortKey = MovieQuery::SortKey::PremiereDate;
    } else if (!sort.isEmpty() && sort != QLatin1String("title")) {
        return RequestError::invalidValue(QStringLiteral("sort"), sort,
                                          QStringLiteral("expected title or premiereDate"));
    }

    const QString order = value(QStringLiteral("order"));
    if (order == QLatin1String("desc")) {
        movieQuery.descending = true;
    } else if (!order.isEmpty() && order != QLatin1String("asc")) {
        return RequestError::invalidValue(QStringLiteral("order"), order,
                                          QStringLiteral("expected asc or desc"));
    }

    return movieQuery;
}

Result<MovieService::Page> MovieService::list(const QString &boxId, const QUrlQuery &query) const
{
    if (const Result<void> box = requireBox(boxId); !box)
        return box.error();

    const Result<MovieQuery> movieQuery = parseQuery(query);
    if (!movieQuery)
        return movieQuery.error();

    const std::optional<MoviePage> stored = m_movies->list(boxId, movieQuery.value());
    if (!stored)
        return RequestError::internalError(QStringLiteral("the movies could not be read"));

    Page page;
    page.totalCount = stored->totalCount;
    for (const Movie &movie : stored->movies)
        page.movies.append(withUrl(boxId, movie));

    // The next page keeps every parameter of this one and moves the offset on.
    page.resourceURL = m_urls->moviesURL(boxId);
    const qint64 nextOffset = movieQuery->offset + page.movies.size();
    if (!page.movies.isEmpty() && nextOffset < page.totalCount) {
        QUrlQuery next = query;
        next.removeAllQueryItems(QStringLiteral("offset"));
        next.removeAllQueryItems(QStringLiteral("limit"));
        next.addQueryItem(QStringLiteral("offset"), QString::number(nextOffset));
        next.addQueryItem(QStringLiteral("limit"), QString::number(movieQuery->limit));
        page.nextURL = page.resourceURL;
        page.nextURL.setQuery(next);
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

QString MovieService::freeMovieId(const QString &boxId, const QString &baseId) const
{
    if (!m_movies->contains(boxId, baseId))
        return baseId;
    for (int suffix = 2; suffix <= MaxIdSuffix; ++suffix) {
        const QString candidate = baseId + QLatin1Char('-') + QString::number(suffix);
        if (!m_movies->contains(boxId, candidate))
            return candidate;
    }
    return baseId;
}

Result<Movie> MovieService::create(const QString &boxId, const QJsonObject &document)
{
    if (const Result<void> box = requireBox(boxId); !box)
        return box.error();

    const Result<Movie> requested = Movie::fromJson(document);
    if (!requested)
        return requested.error();

    QString movieId = requested->id;
    if (movieId.isEmpty()) {
        movieId = freeMovieId(boxId, MovieImporter::slugId(requested->title, requested->year));
    } else if (const Result<void> valid = validateNewId(movieId); !valid) {
        return valid.error();
    }

    const Result<MovieWrite> written = m_movies->edit(
            boxId, movieId, [&](const std::optional<Movie> &current) -> Result<Movie> {
                if (current) {
                    return RequestError::conflict(QStringLiteral("movie"), movieId,
                                                  QStringLiteral("use PUT or PATCH on it, or "
                                                                 "POST without an id"));
                }
                return requested.value();
            });
    if (!written)
        return written.error();

    qCDebug(lcMovies) << "Movie" << movieId << "created in box" << boxId << "at lastModSeq"
                      << written->movie.lastModSeq;
    return withUrl(boxId, written->movie);
}

Result<Movie> MovieService::update(const QString &boxId, const QString &movieId,
                                   const IfMatch &condition,
                                   const std::function<Result<Movie>(const Movie &current)> &edit)
{
    if (const Result<void> box = requireBox(boxId); !box)
        return box.error();

    const Result<MovieWrite> written = m_movies->edit(
            boxId, movieId, [&](const std::optional<Movie> &current) -> Result<Movie> {
                if (!current)
                    return RequestError::notFound(QStringLiteral("movie"), movieId);
                if (const Result<void> allowed = checkCondition(condition, *current); !allowed)
                    return allowed.error();

                Result<Movie> next = edit(*current);
                if (!next)
                    return next.error();
                if (!next->id.isEmpty() && next->id != movieId) {
                    return RequestError::invalidValue(QStringLiteral("movie.id"), next->id,
                                                      QStringLiteral("differs from the id '%1' "
                                                                     "in the request URI")
                                                              .arg(movieId));
                }
                return next;
            });
    if (!written)
        return written.error();

    if (written->changed)
        qCDebug(lcMovies) << "Movie" << movieId << "in box" << boxId << "is now at lastModSeq"
                          << written->movie.lastModSeq;
    return withUrl(boxId, written->movie);
}

Result<Movie> MovieService::replace(const QString &boxId, const QString &movieId,
                                    const QJsonObject &document, const IfMatch &condition)
{
    return update(boxId, movieId, condition,
                  [&document](const Movie &) { return Movie::fromJson(document); });
}

Result<Movie> MovieService::patch(const QString &boxId, const QString &movieId,
                                  const QJsonObject &patch, const IfMatch &condition)
{
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

    return update(boxId, movieId, condition, [&memberPatch](const Movie &current) {
        const QJsonValue patched = applyMergePatch(current.writableMembers(), memberPatch);
        return Movie::fromWritableMembers(patched.toObject());
    });
}

Result<void> MovieService::remove(const QString &boxId, const QString &movieId,
                                  const IfMatch &condition)
{
    if (const Result<void> box = requireBox(boxId); !box)
        return box.error();

    const Result<Movie> deleted = m_movies->remove(
            boxId, movieId, [&](const std::optional<Movie> &current) -> Result<void> {
                if (!current)
                    return RequestError::notFound(QStringLiteral("movie"), movieId);
                return checkCondition(condition, *current);
            });
    if (!deleted)
        return deleted.error();

    qCDebug(lcMovies) << "Movie" << movieId << "deleted from box" << boxId << "at lastModSeq"
                      << deleted->lastModSeq;
    return {};
}

} // namespace Marquee
