#include "schema/inspector.h"

namespace devenv::schema {

std::unique_ptr<Inspector> make_mysql_inspector(Connect connect);     // inspect_mysql.cpp
std::unique_ptr<Inspector> make_postgres_inspector(Connect connect);  // inspect_postgres.cpp

std::unique_ptr<Inspector> make_inspector(sql::Dialect dialect, Connect connect) {
  switch (dialect) {
    case sql::Dialect::MySQL: return make_mysql_inspector(std::move(connect));
    case sql::Dialect::Postgres: return make_postgres_inspector(std::move(connect));
  }
  return nullptr;
}

}  // namespace devenv::schema
