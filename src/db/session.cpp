#include "db/session.h"

namespace devenv::db {

std::unique_ptr<Session> connect_mysql(const Endpoint& endpoint, int timeout_seconds);
std::unique_ptr<Session> connect_postgres(const Endpoint& endpoint, int timeout_seconds);
std::unique_ptr<Session> connect_sqlite(const Endpoint& endpoint, int timeout_seconds);

std::vector<Row> Session::rows(const std::string& sql) {
  const std::unique_ptr<RowStream> result = stream(sql);
  std::vector<Row> out;
  for (Row row; result->next(row);) out.push_back(std::move(row));
  return out;
}

std::vector<std::string> Session::column(const std::string& sql) {
  std::vector<std::string> out;
  for (const Row& row : rows(sql)) out.push_back(row.empty() || !row[0] ? std::string() : *row[0]);
  return out;
}

std::unique_ptr<Session> connect(sqltext::Dialect protocol, const Endpoint& endpoint, int timeout_seconds) {
  if (endpoint.connect_timeout_seconds > 0) timeout_seconds = endpoint.connect_timeout_seconds;
  switch (protocol) {
    case sqltext::Dialect::MySQL: return connect_mysql(endpoint, timeout_seconds);
    case sqltext::Dialect::Postgres: return connect_postgres(endpoint, timeout_seconds);
    case sqltext::Dialect::SQLite: return connect_sqlite(endpoint, timeout_seconds);
  }
  return nullptr;
}

Connect connector(const engine::Engine& engine, const Endpoint& endpoint) {
  return [connect_as = connector_as(engine, endpoint), endpoint](const std::string& database) {
    return connect_as(database, Login{endpoint.user, endpoint.password});
  };
}

ConnectAs connector_as(const engine::Engine& engine, const Endpoint& endpoint) {
  return [engine, endpoint](const std::string& database, const Login& login) {
    Endpoint target = endpoint;
    target.database = database.empty() ? engine.fallback_database() : database;
    target.user = login.user;
    target.password = login.password;
    return connect(engine.dialect(), target);
  };
}

}  // namespace devenv::db
