#pragma once

#include <iosfwd>
#include <vector>

#include "catalog/differ.h"
#include "sqltext/dialect.h"

namespace devenv::catalog {

// Statements that bring each live database to its expected schema, grouped by
// database (MySQL `USE`, psql `\connect`), runnable with the engine's client.
// Destructive ones (dropping a column, table, type, schema or database, or
// re-creating a column) are marked, and commented out unless `allow_destructive`.
void render_fix_sql(std::ostream& out, const std::vector<Difference>& differences, sqltext::Dialect dialect,
                    bool allow_destructive);

}  // namespace devenv::catalog
