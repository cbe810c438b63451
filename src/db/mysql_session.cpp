#include <cppconn/driver.h>
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/resultset_metadata.h>
#include <cppconn/statement.h>

#include "db/session.h"
#include "util/host_and_port.h"

namespace devenv::db {
namespace {

// A forward-only result set: Connector/C++ reads it with mysql_use_result, a row at
// a time from the socket.
class MySqlRowStream final : public RowStream {
 public:
  MySqlRowStream(::sql::Connection& connection, const std::string& sql) : statement_(connection.createStatement()) {
    statement_->setResultSetType(::sql::ResultSet::TYPE_FORWARD_ONLY);
    result_.reset(statement_->executeQuery(sql));
    columns_ = result_->getMetaData()->getColumnCount();
  }

  bool next(Row& row) override {
    try {
      if (!result_->next()) return false;
      row.resize(columns_);
      for (unsigned int i = 1; i <= columns_; ++i) {
        if (result_->isNull(i)) {
          row[i - 1].reset();
        } else {
          row[i - 1] = result_->getString(i).asStdString();
        }
      }
      return true;
    } catch (const ::sql::SQLException& e) {
      throw DbError(e.what());
    }
  }

 private:
  std::unique_ptr<::sql::Statement> statement_;
  std::unique_ptr<::sql::ResultSet> result_;  // declared after its statement: goes first
  unsigned int columns_ = 0;
};

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

  std::unique_ptr<RowStream> stream(const std::string& sql) override;

 private:
  std::unique_ptr<::sql::Connection> connection_;
};

std::unique_ptr<RowStream> MySqlSession::stream(const std::string& sql) {
  try {
    return std::make_unique<MySqlRowStream>(*connection_, sql);
  } catch (const ::sql::SQLException& e) {
    throw DbError(e.what());
  }
}

}  // namespace

std::unique_ptr<Session> connect_mysql(const Endpoint& endpoint, int timeout_seconds) {
  ::sql::ConnectOptionsMap options;
  options["hostName"] = endpoint.socket.empty() ? "tcp://" + util::host_and_port(endpoint.host, endpoint.port)
                                                : "unix://" + endpoint.socket;
  options["userName"] = endpoint.user;
  options["password"] = endpoint.password;
  if (!endpoint.database.empty()) options["schema"] = endpoint.database;
  options["OPT_CONNECT_TIMEOUT"] = timeout_seconds;
  if (endpoint.read_timeout_seconds > 0) {
    options["OPT_READ_TIMEOUT"] = endpoint.read_timeout_seconds;
    options["OPT_WRITE_TIMEOUT"] = endpoint.read_timeout_seconds;
  }
  // MariaDB's client library (under Debian's Connector/C++) speaks TLS only when asked.
  if (endpoint.tls == "require" || endpoint.tls == "verify-full") options["sslEnforce"] = true;
  if (endpoint.tls == "verify-full") options["sslVerify"] = true;
  if (!endpoint.ca_file.empty()) options["sslCA"] = endpoint.ca_file;
  try {
    return std::make_unique<MySqlSession>(std::unique_ptr<::sql::Connection>(get_driver_instance()->connect(options)));
  } catch (const ::sql::SQLException& e) {
    throw DbError(e.what());
  }
}

}  // namespace devenv::db
