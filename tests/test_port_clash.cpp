// `up` on a port another server of the same engine holds, as the system service that
// Debian's mariadb-server and postgresql packages enable for boot would: the error
// names the owner and how to turn that service off. And ports devenv picks itself
// (`port = 0`): never one twice, and a new one when another process took it.
#include <catch2/catch.hpp>

#include <regex>
#include <set>
#include <string>

#include "runtime/port_check.h"
#include "support/native_example.h"
#include "support/test_ports.h"
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

// In CI both servers of one `up` were once given the same port: each was picked
// while the other's was not yet bound. Without the once-per-process rule a few
// hundred picks from the kernel's range repeat one almost surely.
TEST_CASE("ports: a port picked for port = 0 is never handed out twice by one process", "[unit]") {
  std::set<int> picked;
  for (int i = 0; i < 400; ++i) {
    const int port = devenv::runtime::pick_free_port("server " + std::to_string(i));
    REQUIRE(port > 0);
    CHECK(picked.insert(port).second);
  }
  CHECK_FALSE(devenv::runtime::claim_port(*picked.begin(), "another server"));
  // A kept port (from a server's state) is claimed at its start: by one server only.
  const int unpicked = devenv::test::reserve_test_port();  // below the kernel's range: never picked
  CHECK(devenv::runtime::claim_port(unpicked, "mysql"));
  CHECK(devenv::runtime::claim_port(unpicked, "mysql"));
  CHECK_FALSE(devenv::runtime::claim_port(unpicked, "postgres"));
}

TEST_CASE("native: with port = 0, a port taken while the server was down is replaced by a free one", "[native]") {
  NativeExample example;
  REQUIRE(example.devenv("up mysql").exit_code == 0);
  const int old_port = example.port("mysql");
  REQUIRE(example.devenv("down mysql").exit_code == 0);

  CommandResult up;
  {
    const devenv::test::LoopbackListener holder(old_port);
    up = example.devenv("up mysql");
  }
  INFO(up.output);
  CHECK(up.exit_code == 0);
  CHECK_THAT(up.output, Catch::Contains("port " + std::to_string(old_port) + " was taken since devenv picked it"));
  const int new_port = example.port("mysql");
  CHECK(new_port != old_port);
  CHECK(example.mysql("SELECT 1") == "1\n");
}
