#pragma once

#include <QSqlDatabase>

namespace Marquee {

class Router;

// Registers GET /health, which runs a query on the database to check it.
void addHealthRoutes(Router &router, QSqlDatabase database);

} // namespace Marquee
