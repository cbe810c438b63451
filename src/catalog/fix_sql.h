#pragma once

#include <iosfwd>
#include <map>
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
//
// SQLite has no statement that switches files: with `files`, each database's block
// starts with the sqlite3 shell's `.open` of its file (by live database name, an
// absolute path; a database not in it is opened as <name>.db in the folder the script
// runs in), so that `sqlite3 -bail < fix.sql` applies every block to its own file.
// Without, the blocks open nothing: a script for one database, run on a session the
// caller opened.
using DatabaseFiles = std::map<std::string, std::string>;
void render_fix_sql(std::ostream& out, const std::vector<Difference>& differences, const ComparedModels& models,
                    sqltext::Dialect dialect, bool allow_destructive, const DatabaseFiles* files = nullptr);

}  // namespace devenv::catalog
