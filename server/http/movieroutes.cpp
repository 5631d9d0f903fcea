#include "movieroutes.h"

#include "movies/movieservice.h"
#include "requestbody.h"
#include "router.h"
#include "urlbuilder.h"

#include <QJsonArray>

namespace Marquee {

namespace {

const QStringList MergePatchTypes{QStringLiteral("application/merge-patch+json"),
                                  QStringLiteral("application/json")};

HttpResponse withEntityTag(HttpResponse response, const Movie &movie)
{
    response.headers.append({QByteArrayLiteral("ETag"), MovieService::entityTag(movie)});
    return response;
}

HttpResponse movieResponse(const Result<Movie> &movie)
{
    if (!movie)
        return HttpResponse::error(movie.error());
    return withEntityTag(HttpResponse::document(200, movie->toJson()), movie.value());
}

QString encoded(const QUrl &url)
{
    return QString::fromUtf8(url.toEncoded());
}

// PATCH takes a JSON merge patch only, whatever other body formats the server reads.
Result<void> requireMergePatchType(const HttpRequest &request)
{
    const QByteArray contentType = request.header("content-type");
    const QString mediaType =
            QString::fromLatin1(contentType.split(';').first().trimmed().toLower());
    if (mediaType.isEmpty() || MergePatchTypes.contains(mediaType))
        return {};
    return RequestError::unsupportedMediaType(QString::fromLatin1(contentType), MergePatchTypes);
}

} // namespace

void addMovieRoutes(Router &router, MovieService *movies, const UrlBuilder *urls)
{
    const QString boxes = QStringLiteral("/movies/v1/boxes");
    const QString list = QStringLiteral("/movies/v1/{boxId}/movies");
    const QString single = list + QStringLiteral("/{movieId}");

    router.addRoute(QStringLiteral("GET"), boxes, [movies, urls](const HttpRequest &) {
        const auto found = movies->boxes();
        if (!found)
            return HttpResponse::error(found.error());

        QJsonArray items;
        for (const Box &box : found.value()) {
            items.append(QJsonObject{
                    {QStringLiteral("storeName"), box.storeName},
                    {QStringLiteral("boxId"), box.id},
                    {QStringLiteral("owner"), QJsonArray::fromStringList(box.owners)},
                    {QStringLiteral("resourceURL"), encoded(urls->moviesURL(box.id))},
                    {QStringLiteral("subscriptionsURL"),
                     encoded(urls->subscriptionsURL(box.storeName, box.id))},
                    {QStringLiteral("lastModSeq"), box.modSeq}});
        }
        const QJsonObject boxList{{QStringLiteral("box"), items},
                                  {QStringLiteral("resourceURL"), encoded(urls->boxesURL())}};
        return HttpResponse::document(200, {{QStringLiteral("boxList"), boxList}});
    });

    router.addRoute(QStringLiteral("GET"), list, [movies](const HttpRequest &request) {
        const auto page = movies->list(request.variable(QStringLiteral("boxId")), request.query);
        if (!page)
            return HttpResponse::error(page.error());

        QJsonArray items;
        for (const Movie &movie : page->movies)
            items.append(movie.toJsonMembers());
        QJsonObject movieList{{QStringLiteral("movie"), items},
                              {QStringLiteral("totalCount"), page->totalCount},
                              {QStringLiteral("resourceURL"), encoded(page->resourceURL)}};
        if (!page->nextURL.isEmpty())
            movieList.insert(QStringLiteral("nextURL"), encoded(page->nextURL));
        return HttpResponse::document(200, {{QStringLiteral("movieList"), movieList}});
    });

    router.addRoute(QStringLiteral("POST"), list, [movies](const HttpRequest &request) {
        const auto body = readRequestDocument(request);
        if (!body)
            return HttpResponse::error(body.error());
        const auto created = movies->create(request.variable(QStringLiteral("boxId")),
                                            body.value());
        if (!created)
            return HttpResponse::error(created.error());
        return withEntityTag(HttpResponse::created(created->resourceURL, created->toJson()),
                             created.value());
    });

    router.addRoute(QStringLiteral("GET"), single, [movies](const HttpRequest &request) {
        return movieResponse(movies->movie(request.variable(QStringLiteral("boxId")),
                                           request.variable(QStringLiteral("movieId"))));
    });

    router.addRoute(QStringLiteral("PUT"), single, [movies](const HttpRequest &request) {
        const auto condition = IfMatch::parse(request.header("if-match"));
        if (!condition)
            return HttpResponse::error(condition.error());
        const auto body = readRequestDocument(request);
        if (!body)
            return HttpResponse::error(body.error());
        return movieResponse(movies->replace(request.variable(QStringLiteral("boxId")),
                                             request.variable(QStringLiteral("movieId")),
                                             body.value(), condition.value()));
    });

    router.addRoute(QStringLiteral("PATCH"), single, [movies](const HttpRequest &request) {
        const auto condition = IfMatch::parse(request.header("if-match"));
        if (!condition)
            return HttpResponse::error(condition.error());
        if (const auto type = requireMergePatchType(request); !type)
            return HttpResponse::error(type.error());
        const auto body = readRequestDocument(request);
        if (!body)
            return HttpResponse::error(body.error());
        return movieResponse(movies->patch(request.variable(QStringLiteral("boxId")),
                                           request.variable(QStringLiteral("movieId")),
                                           body.value(), condition.value()));
    });

    router.addRoute(QStringLiteral("DELETE"), single, [movies](const HttpRequest &request) {
        const auto condition = IfMatch::parse(request.header("if-match"));
        if (!condition)
            return HttpResponse::error(condition.error());
        if (const auto empty = requireEmptyBody(request); !empty)
            return HttpResponse::error(empty.error());
        const auto deleted = movies->remove(request.variable(QStringLiteral("boxId")),
                                            request.variable(QStringLiteral("movieId")),
                                            condition.value());
        if (!deleted)
            return HttpResponse::error(deleted.error());
        return HttpResponse::noContent();
    });
}

} // namespace Marquee
