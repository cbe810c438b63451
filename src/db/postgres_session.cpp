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

// libpqxx 6.4 reads a query's result whole: its stream_from copies a table, not a
// query, and reading through a cursor (icursorstream) was slower and held no less. A
// catalog query is about one database, so its result is small; its rows are copied
// out one at a time.
class PostgresRowStream final : public RowStream {
 public:
  explicit PostgresRowStream(pqxx::result result) : result_(std::move(result)) {}

  bool next(Row& row) override {
    if (next_ >= result_.size()) return false;
    const pqxx::row result_row = result_[static_cast<pqxx::result::size_type>(next_++)];
    row.resize(result_row.size());
    for (std::size_t i = 0; i < row.size(); ++i) {
      const pqxx::field field = result_row[static_cast<pqxx::row::size_type>(i)];
      if (field.is_null()) {
        row[i].reset();
      } else if (row[i]) {
        row[i]->assign(field.c_str(), field.size());
      } else {
        row[i].emplace(field.c_str(), field.size());
      }
    }
    return true;
  }

 private:
  pqxx::result result_;
  std::size_t next_ = 0;
};

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

  std::unique_ptr<RowStream> stream(const std::string& sql) override {
    try {
      pqxx::nontransaction tx(connection_);
      return std::make_unique<PostgresRowStream>(tx.exec(sql));
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
  if (!endpoint.tls.empty()) conninfo += " sslmode=" + conninfo_value(endpoint.tls);
  if (!endpoint.ca_file.empty()) conninfo += " sslrootcert=" + conninfo_value(endpoint.ca_file);
  // libpq has no read timeout: the kernel gives up on a peer that stopped answering.
  if (endpoint.read_timeout_seconds > 0)
    conninfo += " tcp_user_timeout=" + std::to_string(endpoint.read_timeout_seconds * 1000) +
                " keepalives_idle=" + std::to_string(endpoint.read_timeout_seconds) + " keepalives_interval=5";
  try {
    return std::make_unique<PostgresSession>(conninfo);
  } catch (const std::exception& e) {
    throw DbError(e.what());
  }
}

}  // namespace devenv::db
