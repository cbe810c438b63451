// A verify's shadow loads write only into shadows (docs/safety.md): names of other
// declared databases are mapped to shadows, the load runs as a temporary account that
// is always dropped, and schema files that would run programs are refused by build.
#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <thread>

#include "db/session.h"
#include "support/native_example.h"
#include "support/temp_dir.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::string append(const NativeExample& example, const std::string& file, const std::string& text) {
  const std::string before = example.dir().read(file);
  example.dir().write(file, before + "\n" + text);
  return before;
}

void require_up(const NativeExample& example) {
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
}

// The temporary accounts on a server, straight from its catalog (`devenv status`
// would wait for the project lock a running verify holds).
std::string accounts_on(int port, bool mysql) {
  const auto session =
      devenv::db::connect(mysql ? devenv::sqltext::Dialect::MySQL : devenv::sqltext::Dialect::Postgres,
                          {"", port, mysql ? "root" : "postgres", "devenv-root", mysql ? "" : "postgres"});
  std::string out;
  const char* query = mysql ? "SELECT User FROM mysql.user" : "SELECT rolname FROM pg_roles";
  for (const std::string& name : session->column(query)) {
    if (name.starts_with("_devenv")) out += name + "\n";
  }
  return out;
}

std::string mysql_accounts(const NativeExample& example) { return accounts_on(example.port("mysql"), true); }
std::string postgres_roles(const NativeExample& example) { return accounts_on(example.port("postgres"), false); }

// Every file under initdb/ with its content: what build wrote.
std::string initdb_snapshot(const fs::path& project) {
  std::string out;
  for (const auto& entry : fs::recursive_directory_iterator(project / "initdb")) {
    if (entry.is_regular_file()) out += entry.path().string() + "\n" + devenv::test::read_file(entry.path());
  }
  return out;
}

}  // namespace

TEST_CASE("verify (MariaDB): a schema file naming another database leaves the live one untouched",
          "[reliability][shadow]") {
  NativeExample example;
  // A later database may read an earlier one: the reference maps to a loaded shadow.
  example.dir().write("schemas/hydra/03-views.sql", "CREATE VIEW apis_seen AS SELECT id FROM unkey.apis;\n");
  require_up(example);
  example.mysql("CREATE TABLE hydra.keepme (id int)");
  example.mysql("INSERT INTO hydra.keepme VALUES (1), (2)");
  append(example, "schemas/main.sql",
         "DROP TABLE IF EXISTS hydra.keepme;\nCREATE TABLE `hydra`.keepme (id int);\n"
         "INSERT INTO hydra.keepme VALUES (3);\n");

  const CommandResult verify = example.devenv("verify main");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  CHECK(example.mysql("SELECT id FROM hydra.keepme ORDER BY id") == "1\n2\n");

  // hydra's verify loads main first, as init would (main's file makes hydra.keepme),
  // and its view on unkey.apis reads main's shadow: no drift either way.
  const CommandResult hydra = example.devenv("verify hydra");
  INFO(hydra.output);
  CHECK(hydra.exit_code == 0);
  CHECK(mysql_accounts(example).empty());
}

TEST_CASE("verify (MariaDB): a write the name mapping cannot see is refused, naming file:line",
          "[reliability][shadow]") {
  NativeExample example;
  require_up(example);
  example.mysql("CREATE TABLE hydra.keepme (id int)");
  example.mysql("INSERT INTO hydra.keepme VALUES (1)");
  // Dynamic SQL hides the name from any rewriting: only the account stops it.
  const std::string before =
      append(example, "schemas/main.sql", "PREPARE wipe FROM 'DROP TABLE hydra.keepme';\nEXECUTE wipe;\n");
  const int line = static_cast<int>(std::count(before.begin(), before.end(), '\n')) + 3;

  const CommandResult verify = example.devenv("verify main");
  INFO(verify.output);
  CHECK(verify.exit_code == 3);
  CHECK_THAT(verify.output, Catch::Contains("schemas/main.sql:" + std::to_string(line)));
  CHECK(example.mysql("SELECT id FROM hydra.keepme") == "1\n");
  CHECK(mysql_accounts(example).empty());  // also after a failed load
}

// MariaDB's event_scheduler is off by default, MySQL 8's on; a server may run either way.
TEST_CASE("diff (MariaDB): a shadow's events never run, even with the event scheduler on", "[reliability][shadow]") {
  NativeExample example;
  const CommandResult up = example.devenv("up mysql");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  example.mysql("CREATE DATABASE scheduled");
  example.mysql("CREATE TABLE scheduled.t (a int)");
  // The event would make a table in the shadow as soon as it ran; the load then waits.
  example.dir().write("desired.sql",
                      "CREATE TABLE t (a int);\n"
                      "CREATE EVENT ev ON SCHEDULE EVERY 1 SECOND DO CREATE TABLE ran (a int);\n"
                      "SELECT SLEEP(3);\n");
  example.mysql("SET GLOBAL event_scheduler = ON");
  const CommandResult diff = example.devenv("diff --format json desired.sql mysql://root:devenv-root@127.0.0.1:" +
                                            std::to_string(example.port("mysql")) + "/scheduled");
  example.mysql("SET GLOBAL event_scheduler = OFF");
  INFO(diff.output);
  CHECK(diff.exit_code == 1);
  CHECK_THAT(diff.output, Catch::Contains(R"J("kind": "event")J") && !Catch::Contains("table ran"));
  // Enabled as the file says, though the shadow held it disabled.
  CHECK_THAT(diff.output, Catch::Contains("EVERY 1 SECOND ON COMPLETION NOT PRESERVE ENABLE DO CREATE TABLE ran"));
}

TEST_CASE("verify: DEFINER clauses and CREATE EXTENSION still verify clean in the sandbox", "[reliability][shadow]") {
  NativeExample example;
  append(example, "schemas/main.sql",
         "CREATE DEFINER=`someone`@`%` PROCEDURE count_apis() SELECT COUNT(*) FROM apis;\n"
         "CREATE DEFINER=`someone`@`%` SQL SECURITY DEFINER VIEW api_ids AS SELECT id FROM apis;\n"
         "CREATE DEFINER = 'someone'@'%' TRIGGER apis_touch BEFORE UPDATE ON apis FOR EACH ROW SET @touched = 1;\n");
  // postgres_fdw is not a trusted extension: only a superuser may create it.
  append(example, "schemas/analytics.sql",
         "CREATE EXTENSION IF NOT EXISTS citext;\nCREATE EXTENSION postgres_fdw;\n"
         "CREATE TABLE labels (name citext PRIMARY KEY);\n");
  require_up(example);
  for (const char* database : {"main", "analytics"}) {
    const CommandResult verify = example.devenv(std::string("verify ") + database);
    INFO(verify.output);
    CHECK(verify.exit_code == 0);
  }
  CHECK(mysql_accounts(example).empty());
  CHECK(postgres_roles(example).empty());
}

TEST_CASE("verify: a kill -9 mid-verify leaves an account the next verify drops", "[reliability][shadow]") {
  NativeExample example;
  append(example, "schemas/main.sql", "SELECT SLEEP(3);\n");
  append(example, "schemas/analytics.sql", "SELECT pg_sleep(3);\n");
  require_up(example);
  for (const char* database : {"main", "analytics"}) {
    INFO(database);
    const bool mysql = std::string(database) == "main";
    const int port = example.port(mysql ? "mysql" : "postgres");
    const auto accounts = [&] { return accounts_on(port, mysql); };
    const std::string dir = example.dir().path().string();
    devenv::test::run_command("cd '" + dir + "' && ('" DEVENV_BINARY "' verify " + database +
                              " >/dev/null 2>&1 & echo $! > verify.pid)");
    std::string during;
    for (int i = 0; i < 100 && during.empty(); ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
      during = accounts();
    }
    REQUIRE_FALSE(during.empty());
    devenv::test::run_command("kill -9 $(cat '" + dir + "/verify.pid')");
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    CHECK(accounts() == during);  // left behind

    const CommandResult again = example.devenv(std::string("verify ") + database);
    INFO(again.output);
    CHECK(again.exit_code == 0);
    CHECK(accounts().empty());
  }
}

TEST_CASE("devenv build: schema files that run programs are refused with file:line:col", "[reliability][shadow]") {
  struct Escape {
    const char* file;
    const char* text;  // after one line of SQL
    int column;
  };
  const std::vector<Escape> escapes = {
      {"schemas/main.sql", "system ls\n", 1},
      {"schemas/main.sql", "  \\! ls\n", 3},
      {"schemas/main.sql", "SELECT 1 \\! ls\n;\n", 10},
      {"schemas/analytics.sql", "\\! ls\n", 1},
      {"schemas/analytics.sql", "\\o |cat\n", 1},
      {"schemas/analytics.sql", "\\copy events from program 'ls'\n", 1},
      {"schemas/analytics.sql", "SELECT 1 \\g |cat\n", 10},
      {"schemas/analytics.sql", "\\set x `ls`\n", 1},
      {"schemas/analytics.sql", "COPY events FROM PROGRAM 'ls';\n", 18},
  };
  for (const Escape& escape : escapes) {
    INFO(escape.file << ": " << escape.text);
    TempDir dir;
    devenv::test::copy_example(dir.path());
    const std::string before = initdb_snapshot(dir.path());
    dir.write(escape.file, std::string("CREATE TABLE first_one (id int);\n") + escape.text);
    const CommandResult build = devenv::test::run_devenv(dir.path().string(), "build");
    INFO(build.output);
    CHECK(build.exit_code == 2);
    CHECK_THAT(build.output, Catch::Contains(std::string(escape.file) + ":2:" + std::to_string(escape.column)));
    CHECK_THAT(build.output, Catch::Contains("must not run programs"));
    CHECK(initdb_snapshot(dir.path()) == before);
  }
}
