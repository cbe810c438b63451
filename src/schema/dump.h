#pragma once

#include <string>

#include "schema/model.h"
#include "sql/dialect.h"

namespace devenv::schema {

// The database as canonical SQL: the same bytes for the same schema on every run
// (objects sorted by name, columns in table order), loadable into an empty database
// with the engine's client (MySQL routine bodies inside DELIMITER), and free of the
// database's own name so it loads under any name. Dependencies decide the order:
// PostgreSQL schemas, extensions, types and sequences first, then tables, functions,
// indexes, foreign keys, views and triggers.
std::string dump(const Database& database, sql::Dialect dialect);

// One table as it would appear in the dump (PostgreSQL: with its indexes, foreign
// keys and comments), for fix-up SQL that re-creates a missing table.
std::string create_table(const Namespace& ns, const Table& table, sql::Dialect dialect);

}  // namespace devenv::schema
