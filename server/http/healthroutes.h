#pragma once

#include <QSqlDatabase>

namespace Marquee {

class Router;

// Registers GET /health, which checks that the database answers a query.
void addHealthRoutes(Router &router, QSqlDatabase database);

} // namespace Marquee
