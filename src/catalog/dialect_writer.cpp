#include "catalog/dialect_writer.h"

#include "engine/engine.h"

#include "catalog/mysql_ddl.h"
#include "catalog/postgres_ddl.h"
#include "catalog/sqlite_ddl.h"

namespace devenv::catalog {

namespace {

std::string mysql_table(const Namespace&, const Table& table) { return mysql_create_table(table); }
std::string mysql_use(const std::string& name) { return "USE " + quote_mysql_name(name) + ";"; }
std::string postgres_connect(const std::string& name) { return "\\connect " + quote_postgres_name(name); }
// A SQLite fix cannot switch files: it says which file it is for (sqlite3 <file> < fix.sql).
// A database given by its path (diff ./x.db) is that file already.
std::string sqlite_file(const std::string& name) {
  if (name.find('/') != std::string::npos) return "-- database file " + name + ": run on it (sqlite3 <file> < fix.sql)";
  return "-- database " + name + ": run on its file, " + engine::Engine::database_file_name(name);
}

}  // namespace

const DialectWriter& writer_for(sqltext::Dialect dialect) {
  static const DialectWriter mysql{mysql_dump, mysql_table, mysql_use, mysql_fix};
  static const DialectWriter postgres{postgres_dump, postgres_create_table, postgres_connect, postgres_fix};
  static const DialectWriter sqlite{sqlite_dump, sqlite_create_table, sqlite_file, sqlite_fix};
  switch (dialect) {
    case sqltext::Dialect::MySQL: return mysql;
    case sqltext::Dialect::Postgres: return postgres;
    case sqltext::Dialect::SQLite: return sqlite;
  }
  return mysql;
}

}  // namespace devenv::catalog
