#include "movieroutes.h"

#include "movies/movieservice.h"
#include "requestbody.h"
#include "router.h"

#include <QJsonArray>

namespace Marquee {

namespace {

HttpResponse movieResponse(const Result<Movie> &movie)
{
    if (!movie)
        return HttpResponse::error(movie.error());
    return HttpResponse::document(200, movie->toJson());
}

} // namespace

void addMovieRoutes(Router &router, MovieService *movies)
{
    const QString list = QStringLiteral("/movies/v1/{boxId}/movies");
    const QString single = list + QStringLiteral("/{movieId}");

    router.addRoute(QStringLiteral("GET"), list, [movies](const HttpRequest &request) {
        const auto page = movies->list(request.variable(QStringLiteral("boxId")),
                                       request.query.queryItemValue(QStringLiteral("offset")),
                                       request.query.queryItemValue(QStringLiteral("limit")));
        if (!page)
            return HttpResponse::error(page.error());

        QJsonArray items;
        for (const Movie &movie : page->movies)
            items.append(movie.toJsonMembers());
        QJsonObject movieList{
                {QStringLiteral("movie"), items},
                {QStringLiteral("totalCount"), page->totalCount},
                {QStringLiteral("resourceURL"), QString::fromUtf8(page->resourceURL.toEncoded())}};
        if (!page->nextURL.isEmpty())
            movieList.insert(QStringLiteral("nextURL"), QString::fromUtf8(page->nextURL.toEncoded()));
        return HttpResponse::document(200, {{QStringLiteral("movieList"), movieList}});
    });

    router.addRoute(QStringLiteral("GET"), single, [movies](const HttpRequest &request) {
        return movieResponse(movies->movie(request.variable(QStringLiteral("boxId")),
                                           request.variable(QStringLiteral("movieId"))));
    });

    router.addRoute(QStringLiteral("PUT"), single, [movies](const HttpRequest &request) {
        const auto body = readRequestDocument(request);
        if (!body)
            return HttpResponse::error(body.error());
        return movieResponse(movies->replace(request.variable(QStringLiteral("boxId")),
                                             request.variable(QStringLiteral("movieId")),
                                             body.value()));
    });

    router.addRoute(QStringLiteral("PATCH"), single, [movies](const HttpRequest &request) {
        const auto body = readRequestDocument(request);
        if (!body)
            return HttpResponse::error(body.error());
        return movieResponse(movies->patch(request.variable(QStringLiteral("boxId")),
                                           request.variable(QStringLiteral("movieId")),
                                           body.value()));
    });
}

} // namespace Marquee
