#pragma once

namespace Marquee {

class MovieService;
class Router;
class UrlBuilder;

// Registers /movies/v1/boxes, /movies/v1/{boxId}/movies and the individual movies.
void addMovieRoutes(Router &router, MovieService *movies, const UrlBuilder *urls);

} // namespace Marquee
