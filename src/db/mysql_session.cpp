#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
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

  std::vector<std::string> column(const std::string& sql) override {
    try {
      std::unique_ptr<::sql::Statement> statement(connection_->createStatement());
      std::unique_ptr<::sql::ResultSet> rows(statement->executeQuery(sql));
      std::vector<std::string> out;
      while (rows->next()) out.push_back(rows->isNull(1) ? std::string() : std::string(rows->getString(1)));
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
  options["hostName"] = endpoint.socket.empty() ? "tcp://127.0.0.1:" + std::to_string(endpoint.port)
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
