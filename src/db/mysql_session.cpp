#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include "db/session.h"

namespace devenv::db {
namespace {

class MySqlSession final : public Session {
 public:
  explicit MySqlSession(std::unique_ptr<::sql::Connection> connection) : connection_(std::move(connection)) {}

  void execute(const std::string& sql) override {
    try {
      std::unique_ptr<::sql::Statement> statement(connection_->createStatement());
      statement->execute(sql);
    } catch (const ::sql::SQLException& e) {
      throw DbError(e.what());
    }
  }

  std::vector<Row> rows(const std::string& sql) override {
    try {
      std::unique_ptr<::sql::Statement> statement(connection_->createStatement());
      std::unique_ptr<::sql::ResultSet> result(statement->executeQuery(sql));
      const unsigned int columns = result->getMetaData()->getColumnCount();
      std::vector<Row> out;
      while (result->next()) {
        Row row;
        for (unsigned int i = 1; i <= columns; ++i) {
          row.push_back(result->isNull(i) ? std::nullopt : std::optional<std::string>(result->getString(i)));
        }
        out.push_back(std::move(row));
      }
      return out;
    } catch (const ::sql::SQLException& e) {
      throw DbError(e.what());
    }
  }

 private:
  std::unique_ptr<::sql::Connection> connection_;
};

}  // namespace

std::unique_ptr<Session> connect_mysql(const Endpoint& endpoint, int timeout_seconds) {
  ::sql::ConnectOptionsMap options;
  options["hostName"] = endpoint.socket.empty() ? "tcp://" + endpoint.host + ":" + std::to_string(endpoint.port)
                                                : "unix://" + endpoint.socket;
  options["userName"] = endpoint.user;
  options["password"] = endpoint.password;
  if (!endpoint.database.empty()) options["schema"] = endpoint.database;
  options["OPT_CONNECT_TIMEOUT"] = timeout_seconds;
  try {
    return std::make_unique<MySqlSession>(std::unique_ptr<::sql::Connection>(get_driver_instance()->connect(options)));
  } catch (const ::sql::SQLException& e) {
    throw DbError(e.what());
  }
}

}  // namespace devenv::db
