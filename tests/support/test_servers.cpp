#include "support/test_servers.h"

#include <cppconn/driver.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <stdexcept>

namespace devenv::test {

namespace {

std::map<std::string, std::string> read_env_file(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path + ": are the db test servers (ctest fixture dbs) running?");
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);) {
    const auto equals = line.find('=');
    if (equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
  }
  return values;
}

TestServers load() {
  const char* file = std::getenv("DEVENV_TEST_SERVERS");
  if (!file) throw std::runtime_error("DEVENV_TEST_SERVERS is not set: run the db tests through ctest");
  auto values = read_env_file(file);
  return TestServers{std::stoi(values.at("MYSQL_PORT")), values.at("MYSQL_SOCKET"), std::stoi(values.at("PG_PORT")),
                     values.at("PG_SOCKET_DIR"), values.at("PG_PASSWORD")};
}

std::unique_ptr<::sql::Connection> mysql_connect(const std::string& host, const std::string& user,
                                                 const std::string& password) {
  ::sql::ConnectOptionsMap options;
  options["hostName"] = host;
  options["userName"] = user;
  options["password"] = password;
  return std::unique_ptr<::sql::Connection>(get_driver_instance()->connect(options));
}

}  // namespace

const TestServers& TestServers::get() {
  static const TestServers servers = load();
  return servers;
}

std::unique_ptr<::sql::Connection> TestServers::mysql_root() const {
  return mysql_connect("unix://" + mysql_socket, "root", "");
}

std::unique_ptr<::sql::Connection> TestServers::mysql_tcp(const std::string& user, const std::string& password) const {
  return mysql_connect("tcp://127.0.0.1:" + std::to_string(mysql_port), user, password);
}

std::string TestServers::mysql_client() const { return "mariadb --no-defaults -S '" + mysql_socket + "' -uroot"; }

std::unique_ptr<pqxx::connection> TestServers::pg_root(const std::string& database) const {
  return std::make_unique<pqxx::connection>("host=" + pg_socket_dir + " port=" + std::to_string(pg_port) +
                                            " user=postgres dbname=" + database);
}

std::unique_ptr<pqxx::connection> TestServers::pg_tcp(const std::string& user, const std::string& password,
                                                      const std::string& database) const {
  return std::make_unique<pqxx::connection>("host=127.0.0.1 port=" + std::to_string(pg_port) + " user=" + user +
                                            " password=" + password + " dbname=" + database);
}

std::string TestServers::psql_client() const {
  return "psql -X -q -v ON_ERROR_STOP=1 -h '" + pg_socket_dir + "' -p " + std::to_string(pg_port) +
         " --username postgres --no-password";
}

}  // namespace devenv::test
