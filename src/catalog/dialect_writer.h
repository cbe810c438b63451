#pragma once

#include <string>

#include "catalog/fix_writer.h"
#include "catalog/model.h"
#include "sqltext/dialect.h"

namespace devenv::catalog {

// The SQL a dialect writes from the model: the dump, one table's CREATE, how a
// script reaches a database, and the statements that repair one difference. Each
// dialect's functions live in its own files (mysql_dump.cpp, mysql_fix.cpp, …);
// writer_for is the one place that picks them.
struct DialectWriter {
  // The database as canonical SQL: the same bytes for the same schema on every run,
  // loadable into an empty database with the engine's client, free of its own name.
  std::string (*dump)(const Database& database);
  // One table as the dump writes it, for fix-up SQL that re-creates a missing table.
  std::string (*create_table)(const Namespace& ns, const Table& table);
  // "USE `db`;" / "\connect db"; SQLite: a comment saying which file, and with
  // `file` ("" for none, "<name>.db" relative, else absolute) the sqlite3 shell's .open.
  std::string (*use_database)(const std::string& name, const std::string& file);
  Statements (*fix)(const Difference& difference, const ComparedPair* models);
};

const DialectWriter& writer_for(sqltext::Dialect dialect);

}  // namespace devenv::catalog
