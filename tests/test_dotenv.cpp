#include <catch2/catch.hpp>

#include <map>

#include "config/dotenv.h"
#include "config/loader.h"
#include "support/fake_environment.h"
#include "support/temp_dir.h"

using namespace devenv::config;
using devenv::test::environment_of;
using devenv::test::TempDir;

namespace {

std::string error_of(const std::string& text) {
  try {
    parse_dotenv(text, "proj/.env", environment_of({}));
  } catch (const ConfigError& e) {
    return e.what();
  }
  FAIL("expected a ConfigError");
  return {};
}

constexpr const char* kConfig = R"(
[servers.mysql]
engine = "mariadb"
port = 3306
root_password = "${ROOT_PW:-devenv-root}"

[[databases]]
key = "main"
server = "mysql"
source = "schemas/main.sql"

[[users]]
name = "app"
password = "$APP_PW"
server = "mysql"
)";

}  // namespace

TEST_CASE(".env: compose's forms of values", "[unit][config]") {
  const auto values = parse_dotenv(
      "# a comment\n"
      "\n"
      "PLAIN=abc  \n"
      "export EXPORTED = x y\n"
      "WITH_COMMENT=abc # not part of it\n"
      "HASH=a#b\n"
      "SINGLE='$NOT ${EXPANDED} \\n'  # comment\n"
      "DOUBLE=\"line\\none \\\"q\\\" \\$HOME ${PLAIN}\"\n"
      "MULTI=\"first\nsecond\"\n"
      "REF=${EXPORTED}-$PLAIN\n"
      "FROM_ENV=${OUTSIDE}\n"
      "EMPTY=\n"
      "CRLF=v\r\n",
      "proj/.env", environment_of({{"OUTSIDE", "env"}, {"PLAIN", "from the environment"}}));
  CHECK(values.at("PLAIN") == "abc");
  CHECK(values.at("EXPORTED") == "x y");
  CHECK(values.at("WITH_COMMENT") == "abc");
  CHECK(values.at("HASH") == "a#b");
  CHECK(values.at("SINGLE") == "$NOT ${EXPANDED} \\n");
  // The environment wins over a name defined earlier in the file, as for the config.
  CHECK(values.at("DOUBLE") == "line\none \"q\" $HOME from the environment");
  CHECK(values.at("MULTI") == "first\nsecond");
  CHECK(values.at("REF") == "x y-from the environment");
  CHECK(values.at("FROM_ENV") == "env");
  CHECK(values.at("EMPTY").empty());
  CHECK(values.at("CRLF") == "v");
}

TEST_CASE(".env: mistakes name file:line:col", "[unit][config]") {
  CHECK_THAT(error_of("A=1\nnot a line\n"), Catch::StartsWith("proj/.env:2:5: not: expected = after the name"));
  CHECK_THAT(error_of("A=1\n=2\n"), Catch::StartsWith("proj/.env:2:1: expected NAME=value"));
  CHECK_THAT(error_of("A='open\n"), Catch::StartsWith("proj/.env:1:3: A: unclosed ' quote"));
  CHECK_THAT(error_of("A=\"open\n"), Catch::StartsWith("proj/.env:1:3: A: unclosed \" quote"));
  CHECK_THAT(error_of("A='x' y\n"), Catch::Contains("unexpected text after the closing quote"));
  CHECK_THAT(error_of("A=$MISSING\n"), Catch::StartsWith("proj/.env:1:3: A: $MISSING is not set") &&
                                           Catch::Contains("define MISSING above this line"));
  CHECK_THAT(error_of("A=cost $5\n"), Catch::Contains("write $$ for a literal $"));
}

TEST_CASE("config: variables come from the environment, then from .env beside the config", "[unit][config]") {
  TempDir dir;
  dir.write("schemas/main.sql", "CREATE TABLE t (a int);\n");
  dir.write("config.toml", kConfig);
  // No .env and no variable: the error names the config key and offers .env.
  CHECK_THROWS_WITH(
      load_config(dir.path() / "config.toml", project_environment(dir.path() / "config.toml", environment_of({}))),
      Catch::Contains("users[0].password") && Catch::Contains(".env"));
  dir.write(".env", "APP_PW=from-dotenv\nROOT_PW='r$$t'\n");
  const Config from_file =
      load_config(dir.path() / "config.toml", project_environment(dir.path() / "config.toml", environment_of({})));
  CHECK(from_file.users.at(0).password.value == "from-dotenv");
  CHECK(from_file.servers.at(0).root_password.value == "r$$t");
  const Config environment_wins = load_config(
      dir.path() / "config.toml", project_environment(dir.path() / "config.toml", environment_of({{"APP_PW", "env"}})));
  CHECK(environment_wins.users.at(0).password.value == "env");
  // A broken .env is a config error at its line, whichever command reads the config.
  dir.write(".env", "APP_PW=ok\nbroken\n");
  CHECK_THROWS_WITH(load_config(dir.path() / "config.toml"), Catch::Contains(".env:2:7"));
}
