#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "catalog/differ.h"
#include "sqltext/dialect.h"

namespace devenv::catalog {

// Statements that bring each live database to its expected schema, grouped by
// database (MySQL `USE`, psql `\connect`), runnable with the engine's client, in an
// order that applies (docs/fix-sql.md): what blocks a change is dropped first and
// made again after it, objects are made after what they use. Destructive ones
// (dropping a column, table, type, schema or database, or re-creating a column or a
// table) are marked, and commented out unless `allow_destructive`, together with
// what cannot run without them. `models` may lack a database: its fix is then planned
// from the differences alone.
void render_fix_sql(std::ostream& out, const std::vector<Difference>& differences, const ComparedModels& models,
                    sqltext::Dialect dialect, bool allow_destructive);

}  // namespace devenv::catalog
