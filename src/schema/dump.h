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

// Pieces the fix-up SQL shares with the dump.
std::string quote_mysql_name(const std::string& name);
std::string quote_postgres_name(const std::string& name);
std::string mysql_index_clause(const Element& index);      // "UNIQUE KEY `n` (`a`)"
std::string mysql_create_routine(const Element& routine);  // "CREATE PROCEDURE `n`(…) …"
std::string mysql_delimited(const std::string& statement); // inside DELIMITER ;; … ;;
bool is_plain_index(const Element& index);                 // PostgreSQL: not a constraint's
std::string create_index(const std::string& qualified_table, const Element& index);

}  // namespace devenv::schema
