#pragma once

#include <cppconn/connection.h>

#include <memory>
#include <pqxx/pqxx>
#include <string>

namespace devenv::test {

// The private servers the `dbs` ctest fixture started (tests/fixtures/test_servers.sh),
// read from the file named by $DEVENV_TEST_SERVERS.
struct TestServers {
  int mysql_port;
  std::string mysql_socket;
  int pg_port;
  std::string pg_socket_dir;
  std::string pg_password;

  static const TestServers& get();

  // root over the unix socket (no password), or any user over TCP.
  std::unique_ptr<::sql::Connection> mysql_root() const;
  std::unique_ptr<::sql::Connection> mysql_tcp(const std::string& user, const std::string& password) const;
  std::string mysql_client() const;  // `mariadb` command line for root over the socket

  std::unique_ptr<pqxx::connection> pg_root(const std::string& database = "postgres") const;
  std::unique_ptr<pqxx::connection> pg_tcp(const std::string& user, const std::string& password,
                                           const std::string& database) const;
  std::string psql_client() const;  // `psql` command line for the superuser over the socket
};

}  // namespace devenv::test
