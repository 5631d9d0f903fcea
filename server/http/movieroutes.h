#pragma once

namespace Marquee {

class MovieService;
class Router;

// Registers /movies/v1/{boxId}/movies and the individual movies.
void addMovieRoutes(Router &router, MovieService *movies);

} // namespace Marquee
