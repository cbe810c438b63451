// The command line's conventions on real servers: status's exit codes, logs of every
// server, scratch databases in verify, --quiet, compose's spellings.
#include <signal.h>
#include <unistd.h>

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <catch2/catch.hpp>

#include <regex>

#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::require_ok;

namespace {

bool every_line_matches(const std::string& text, const std::regex& pattern) {
  std::size_t lines = 0;
  for (std::size_t start = 0, end; start < text.size(); start = end + 1) {
    end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    const std::string line = text.substr(start, end - start);
    if (line.empty()) continue;
    ++lines;
    if (!std::regex_search(line, pattern)) {
      UNSCOPED_INFO("this line does not match: " << line);
      return false;
    }
  }
  return lines > 0;
}

}  // namespace

TEST_CASE("cli: status exits 0 running, 1 with a changed schema, 3 crashed or stopped", "[native]") {
  NativeExample example;
  require_ok(example, "--quiet up -d");
  CHECK(example.devenv("status").exit_code == 0);
  example.dir().write("schemas/analytics.sql",
                      example.dir().read("schemas/analytics.sql") + "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  const CommandResult changed = example.devenv("status");
  CHECK(changed.exit_code == 1);
  CHECK_THAT(changed.output, Catch::Contains("schema changed"));
  REQUIRE(kill(example.pid("postgres"), SIGKILL) == 0);
  CommandResult crashed;
  for (int i = 0; i < 50; ++i) {  // until the kill has landed
    crashed = example.devenv("status --format json");
    if (crashed.output.find("\"crashed\"") != std::string::npos) break;
    usleep(100000);
  }
  CHECK(crashed.exit_code == 3);
  const Poco::JSON::Object::Ptr document =
      Poco::JSON::Parser().parse(crashed.output).extract<Poco::JSON::Object::Ptr>();
  const Poco::JSON::Array::Ptr servers = document->getArray("servers");
  for (std::size_t i = 0; i < servers->size(); ++i) {
    const Poco::JSON::Object::Ptr server = servers->getObject(static_cast<unsigned>(i));
    if (server->getValue<std::string>("name") != "postgres") continue;
    CHECK(server->getValue<std::string>("status") == "crashed");
    CHECK(server->isNull("pid"));
  }
  require_ok(example, "down");
  CHECK(example.devenv("status").exit_code == 3);
}

TEST_CASE("cli: logs of every server with prefixes, and -t puts the servers' own time stamps in front", "[native]") {
  NativeExample example;
  require_ok(example, "up");
  const CommandResult all = require_ok(example, "logs -n 4");
  CHECK(every_line_matches(all.output, std::regex("^(mysql   |postgres) \\| ")));
  CHECK_THAT(all.output, Catch::Contains("mysql    | ") && Catch::Contains("postgres | "));
  const CommandResult one = require_ok(example, "logs --tail 3 postgres");
  CHECK_THAT(one.output, !Catch::Contains("postgres | "));
  const std::regex stamped("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d");
  CHECK(every_line_matches(require_ok(example, "logs -t -n 5 postgres").output, stamped));
  CHECK(every_line_matches(require_ok(example, "logs --timestamps -n 5 mysql").output, stamped));
  const CommandResult both = require_ok(example, "logs -t -n 2");
  CHECK(every_line_matches(both.output, std::regex("^(mysql   |postgres) \\| \\d{4}-\\d\\d-\\d\\dT")));
  // The init logs: the clients' output, prefixed too.
  CHECK_THAT(require_ok(example, "logs --init").output, Catch::Contains("mysql    | "));
}

TEST_CASE("cli: a scratch database is a note in verify, drift only with --strict", "[native]") {
  NativeExample example;
  require_ok(example, "up");
  example.mysql("CREATE DATABASE scratch");
  example.postgres("CREATE DATABASE loaded_dump");
  const CommandResult verify = example.devenv("verify");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.output, Catch::Contains("schemas match") &&
                                Catch::Contains("note: 2 databases the config does not declare") &&
                                Catch::Contains("mysql/scratch") && Catch::Contains("postgres/loaded_dump"));
  const CommandResult strict = example.devenv("verify --strict");
  CHECK(strict.exit_code == 1);
  CHECK_THAT(strict.output, Catch::Contains("- database scratch") && Catch::Contains("- database loaded_dump"));
  const CommandResult json = example.devenv("verify --format json --quiet");  // no progress: the JSON alone
  CHECK(json.exit_code == 0);
  const Poco::JSON::Object::Ptr document = Poco::JSON::Parser().parse(json.output).extract<Poco::JSON::Object::Ptr>();
  CHECK_FALSE(document->getValue<bool>("drift"));
  const Poco::JSON::Array::Ptr unmanaged = document->getArray("unmanaged_databases");
  REQUIRE(unmanaged->size() == 2);
  CHECK(unmanaged->getObject(0)->getValue<std::string>("database") == "scratch");
  CHECK(unmanaged->getObject(0)->getValue<std::string>("server") == "mysql");
  // A table the schema files have and the database lacks: a fix adds it.
  example.mysql("DROP TABLE unkey.audit_log_target");
  const CommandResult drift = example.devenv("verify main");
  CHECK(drift.exit_code == 1);
  CHECK_THAT(drift.output, Catch::Contains("+ table audit_log_target") && Catch::Contains("a fix adds it"));
}

TEST_CASE("cli: --quiet hides progress, not results, and down -v deletes the data", "[native]") {
  NativeExample example;
  const CommandResult loud = require_ok(example, "up mysql");
  CHECK_THAT(loud.output, Catch::Contains("s mysql      "));  // "  0.41s mysql      starting"
  require_ok(example, "down mysql");
  const CommandResult quiet = require_ok(example, "up -q mysql");
  CHECK_THAT(quiet.output, !Catch::Contains("s mysql      ") && Catch::Contains("DEVENV_MAIN_URL"));
  const CommandResult purged = require_ok(example, "down -v mysql");
  CHECK_THAT(purged.output, Catch::Contains("mysql: stopped and purged"));
  CHECK_THAT(example.devenv("status").output, Catch::Contains("not initialised"));
}
