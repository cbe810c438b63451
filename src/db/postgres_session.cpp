#include <pqxx/pqxx>

#include "db/session.h"

namespace devenv::db {
namespace {

// A libpq connection-string value, quoted.
std::string conninfo_value(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "'";
}

class PostgresSession final : public Session {
 public:
  explicit PostgresSession(const std::string& conninfo) : connection_(conninfo) {}

  void execute(const std::string& sql) override {
    try {
      pqxx::nontransaction tx(connection_);
      tx.exec(sql);
    } catch (const std::exception& e) {
      throw DbError(e.what());
    }
  }

  std::vector<Row> rows(const std::string& sql) override {
    try {
      pqxx::nontransaction tx(connection_);
      std::vector<Row> out;
      for (const auto& result_row : tx.exec(sql)) {
        Row row;
        for (const auto& field : result_row) {
          row.push_back(field.is_null() ? std::nullopt : std::optional<std::string>(field.c_str()));
        }
        out.push_back(std::move(row));
      }
      return out;
    } catch (const std::exception& e) {
      throw DbError(e.what());
    }
  }

 private:
  pqxx::connection connection_;
};

}  // namespace

std::unique_ptr<Session> connect_postgres(const Endpoint& endpoint, int timeout_seconds) {
  std::string conninfo = "host=" + conninfo_value(endpoint.socket.empty() ? endpoint.host : endpoint.socket) +
                         " port=" + std::to_string(endpoint.port) + " user=" + conninfo_value(endpoint.user) +
                         " dbname=" + conninfo_value(endpoint.database.empty() ? "postgres" : endpoint.database) +
                         " connect_timeout=" + std::to_string(timeout_seconds);
  if (!endpoint.password.empty()) conninfo += " password=" + conninfo_value(endpoint.password);
  try {
    return std::make_unique<PostgresSession>(conninfo);
  } catch (const std::exception& e) {
    throw DbError(e.what());
  }
}

}  // namespace devenv::db
