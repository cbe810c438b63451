#include "catalog/inspector.h"

namespace devenv::catalog {

std::unique_ptr<Inspector> make_mysql_inspector(Connect connect);     // inspect_mysql.cpp
std::unique_ptr<Inspector> make_postgres_inspector(Connect connect);  // inspect_postgres.cpp
std::unique_ptr<Inspector> make_sqlite_inspector(Connect connect);    // inspect_sqlite.cpp

std::map<std::string, Database> Inspector::inspect(const std::vector<std::string>& databases) {
  std::map<std::string, Database> out;
  inspect_each(databases, [&](Database&& database) {
    std::string name = database.name;
    out.emplace(std::move(name), std::move(database));
  });
  return out;
}

std::unique_ptr<Inspector> make_inspector(sqltext::Dialect dialect, Connect connect) {
  switch (dialect) {
    case sqltext::Dialect::MySQL: return make_mysql_inspector(std::move(connect));
    case sqltext::Dialect::Postgres: return make_postgres_inspector(std::move(connect));
    case sqltext::Dialect::SQLite: return make_sqlite_inspector(std::move(connect));
  }
  return nullptr;
}

}  // namespace devenv::catalog
