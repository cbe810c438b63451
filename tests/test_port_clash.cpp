// `up` on a port another server of the same engine holds, as the system service that
// Debian's mariadb-server and postgresql packages enable for boot would: the error
// names the owner and how to turn that service off.
#include <catch2/catch.hpp>

#include <regex>
#include <string>

#include "support/native_example.h"
#include "support/test_servers.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::TestServers;

TEST_CASE("native: a port another server of the engine holds points at its system service", "[db]") {
  const TestServers& servers = TestServers::get();  // the db fixture's mariadbd and postgres
  NativeExample example;
  std::string config = example.dir().read("config.toml");
  for (int port : {servers.mysql_port, servers.pg_port}) {  // mysql's port comes first, then postgres's
    config = std::regex_replace(config, std::regex("\nport = 0\n"), "\nport = " + std::to_string(port) + "\n",
                                std::regex_constants::format_first_only);
  }
  example.dir().write("config.toml", config);

  const CommandResult mysql = example.devenv("up mysql");
  INFO(mysql.output);
  CHECK(mysql.exit_code == 3);
  CHECK_THAT(mysql.output, Catch::Contains("port " + std::to_string(servers.mysql_port) +
                                           " on 127.0.0.1 is in use by mariadbd (pid ") &&
                               Catch::Contains("change servers.mysql.port") &&
                               Catch::Contains("if it is the system's own service: sudo systemctl disable --now "
                                               "mariadb"));
  const CommandResult postgres = example.devenv("up postgres");
  INFO(postgres.output);
  CHECK(postgres.exit_code == 3);
  CHECK_THAT(postgres.output, Catch::Contains("is in use by postgres (pid ") &&
                                  Catch::Contains("sudo systemctl disable --now postgresql"));
}
