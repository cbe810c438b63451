#include "catalog/dialect_writer.h"

#include <cctype>

#include "db/session.h"
#include "engine/engine.h"

#include "catalog/mysql_ddl.h"
#include "catalog/postgres_ddl.h"
#include "catalog/sqlite_ddl.h"

namespace devenv::catalog {

namespace {

std::string mysql_table(const Namespace&, const Table& table) { return mysql_create_table(table); }
std::string mysql_use(const std::string& name, const std::string&) { return "USE " + quote_mysql_name(name) + ";"; }
std::string postgres_connect(const std::string& name, const std::string&) {
  return "\\connect " + quote_postgres_name(name);
}

// `path` as a SQLite URI with mode=rw, which opens an existing file only (a plain .open
// of a path that is gone makes an empty database).
std::string sqlite_uri(const std::string& path) { return db::sqlite_uri(path) + "?mode=rw"; }

// A SQLite fix cannot switch files with SQL: the sqlite3 shell's .open does, so that
// one script (sqlite3 -bail < fix.sql) reaches each database's file. A database given
// by its path (diff ./x.db) is that file.
std::string sqlite_file(const std::string& name, const std::string& file) {
  const bool path = name.find('/') != std::string::npos;
  const std::string which = path ? "-- database file " + name : "-- database " + name;
  if (file.empty()) return which + ": run on its file (sqlite3 <file> < fix.sql)";
  if (file.front() != '/')
    return which + ": run the script in the server's data folder (where " + file + " is), with sqlite3 -bail\n" +
           ".open " + sqlite_uri(file);
  return which + ": its file, " + file + "\n.open " + sqlite_uri(file);
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
