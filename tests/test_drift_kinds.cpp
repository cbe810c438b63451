// Every kind of object verify and diff compare, on real servers: for each case the
// "current" schema is loaded with the engine's own client into a scratch database,
// `devenv diff desired.sql <its DSN>` must report exactly the expected differences
// with exit 1 (read as verify reads them: "missing" is in the file, not in the database), and the desired schema loaded
// the same way must diff clean (exit 0): no missed drift, and no false drift from the new kind either.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>

#include "support/json_differences.h"
#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::run_command;

namespace {

enum class Engine { MariaDB, Postgres };

struct KindCase {
  const char* description;
  const char* current;                // loaded into the live database
  const char* desired;                // the schema file
  std::vector<const char*> expected;  // fragments of the flattened JSON differences, one per difference
};

class Scratch {
 public:
  Scratch(const NativeExample& example, Engine engine) : example_(example), engine_(engine) {}

  // A fresh database holding `sql`, loaded by the engine's client; returns its DSN.
  std::string load(const std::string& database, const std::string& sql) const {
    if (engine_ == Engine::MariaDB) {
      example_.mysql("DROP DATABASE IF EXISTS `" + database + "`");
      example_.mysql("CREATE DATABASE `" + database + "`");
    } else {
      example_.postgres("DROP DATABASE IF EXISTS \"" + database + "\"");
      example_.postgres("CREATE DATABASE \"" + database + "\"");
    }
    const std::string file = example_.dir().write(database + ".sql", sql).string();
    const CommandResult loaded = run_command(client(database) + " < '" + file + "' 2>&1");
    INFO("loading into " << database << ":\n" << sql << "\n" << loaded.output);
    REQUIRE(loaded.exit_code == 0);
    return dsn(database);
  }

 private:
  std::string client(const std::string& database) const {
    const std::string port = std::to_string(example_.port(engine_ == Engine::MariaDB ? "mysql" : "postgres"));
    if (engine_ == Engine::MariaDB) {
      return "MYSQL_PWD=devenv-root mariadb --protocol=tcp -h 127.0.0.1 -P " + port + " -u root " + database;
    }
    return "PGPASSWORD=devenv-root psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p " + port + " -U postgres -d " +
           database;
  }

  std::string dsn(const std::string& database) const {
    if (engine_ == Engine::MariaDB) {
      return "mysql://root:devenv-root@127.0.0.1:" + std::to_string(example_.port("mysql")) + "/" + database;
    }
    return "postgres://postgres:devenv-root@127.0.0.1:" + std::to_string(example_.port("postgres")) + "/" + database;
  }

  const NativeExample& example_;
  Engine engine_;
};

std::size_t lines_in(const std::string& text) {
  return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

void run_kinds(Engine engine, const std::vector<KindCase>& cases) {
  NativeExample example;
  const CommandResult up = example.devenv(engine == Engine::MariaDB ? "up mysql" : "up postgres");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  const Scratch scratch(example, engine);
  for (const KindCase& kind : cases) {
    INFO("case: " << kind.description);
    example.dir().write("desired.sql", kind.desired);
    const std::string drifted = scratch.load("drift_current", kind.current);
    const CommandResult diff = example.devenv("diff --format json desired.sql " + drifted);
    INFO(diff.output);
    CHECK(diff.exit_code == 1);
    const std::string differences = devenv::test::flattened_differences(diff.output);
    for (const char* fragment : kind.expected) CHECK_THAT(differences, Catch::Contains(fragment));
    CHECK(lines_in(differences) == kind.expected.size() + 1);  // "drift: true", then exactly these

    const std::string same = scratch.load("drift_desired", kind.desired);
    const CommandResult clean = example.devenv("diff desired.sql " + same);
    INFO(clean.output);
    CHECK(clean.exit_code == 0);
  }
}

}  // namespace

TEST_CASE("drift kinds (MariaDB): each is reported exactly, and its desired form diffs clean", "[native][verify]") {
  run_kinds(
      Engine::MariaDB,
      {
          {"ENUM labels keep their case",
           "CREATE TABLE c (t enum('http-01','dns-01') NOT NULL);",
           "CREATE TABLE c (t enum('HTTP-01','DNS-01') NOT NULL);",
           {R"J("kind": "column", "name": "t", "change": "changed", "expected": "enum('HTTP-01','DNS-01') NOT NULL")J"}},
          {"column order",
           "CREATE TABLE o (id int, b int, a int);",
           "CREATE TABLE o (id int, a int, b int);",
           {R"J("kind": "column order", "name": "", "change": "changed", "expected": "(id, a, b)", "actual": "(id, b, a)")J"}},
          {"a column added in the middle is missing, not a change of order",
           "CREATE TABLE m (id int, b int);",
           "CREATE TABLE m (id int, a int, b int);",
           {R"J("kind": "column", "name": "a", "change": "missing")J"}},
          {"SET labels keep their case",
           "CREATE TABLE s (f set('Read','write'));",
           "CREATE TABLE s (f set('read','write'));",
           {R"J("name": "f", "change": "changed", "expected": "set('read','write')", "actual": "set('Read','write')")J"}},
          // Events: the definer (the shadow's account against root) and the times the server
          // resolves at creation (STARTS, AT, ENDS) are never drift.
          {"an event missing",
           "CREATE TABLE t (a int);",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY 1 DAY DO DELETE FROM t;",
           {R"J("object": "event ev", "kind": "event", "name": "", "change": "missing", "expected": "EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM t")J"}},
          {"an event's interval",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY 1 HOUR DO DELETE FROM t;",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY '1:30' HOUR_MINUTE DO DELETE FROM t;",
           {R"J("kind": "event", "name": "", "change": "changed", "expected": "EVERY '1:30' HOUR_MINUTE ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM t", "actual": "EVERY 1 HOUR ON)J"}},
          {"an event's status, not its STARTS",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY 1 DAY STARTS '2020-01-01 03:00:00' DISABLE DO "
           "DELETE FROM t;",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY 1 DAY DO DELETE FROM t;",
           {R"J("expected": "EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM t", "actual": "EVERY 1 DAY ON COMPLETION NOT PRESERVE DISABLE DO DELETE FROM t")J"}},
          {"an event's ON COMPLETION and comment",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY 1 DAY DO DELETE FROM t;",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY 1 DAY ON COMPLETION PRESERVE COMMENT 'purge' DO "
           "DELETE FROM t;",
           {R"J("expected": "EVERY 1 DAY ON COMPLETION PRESERVE ENABLE COMMENT 'purge' DO DELETE FROM t")J"}},
          {"an event's ENDS, whatever time it resolves to",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY 1 DAY DO DELETE FROM t;",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE EVERY 1 DAY STARTS CURRENT_TIMESTAMP + INTERVAL 1 "
           "HOUR ENDS CURRENT_TIMESTAMP + INTERVAL 1 WEEK DO DELETE FROM t;",
           {R"J("expected": "EVERY 1 DAY ENDS … ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM t")J"}},
          {"a one-time event's body, not its time",
           "CREATE TABLE t (a int);\nCREATE EVENT ev ON SCHEDULE AT CURRENT_TIMESTAMP + INTERVAL 1 HOUR DO DELETE "
           "FROM t;",
           "CREATE TABLE t (a int);\nDELIMITER ;;\nCREATE EVENT ev ON SCHEDULE AT CURRENT_TIMESTAMP + INTERVAL 2 HOUR "
           "DO BEGIN DELETE FROM t; INSERT INTO t VALUES (1); END;;\nDELIMITER ;",
           {R"J("expected": "AT … ON COMPLETION NOT PRESERVE ENABLE DO BEGIN DELETE FROM t; INSERT INTO t VALUES (1); END", "actual": "AT … ON COMPLETION NOT PRESERVE ENABLE DO DELETE FROM t")J"}},
          // Table options only where the file sets them: the server's default row format
          // (DYNAMIC) is not drift, the same format written out is.
          {"ROW_FORMAT written in the file",
           "CREATE TABLE r (id int);",
           "CREATE TABLE r (id int) ROW_FORMAT=DYNAMIC;",
           {R"J("object": "table r", "kind": "option", "name": "ROW_FORMAT", "change": "missing", "expected": "ROW_FORMAT=DYNAMIC")J"}},
          {"KEY_BLOCK_SIZE",
           "CREATE TABLE k (id int) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=8;",
           "CREATE TABLE k (id int) ROW_FORMAT=COMPRESSED KEY_BLOCK_SIZE=4;",
           {R"J("name": "KEY_BLOCK_SIZE", "change": "changed", "expected": "KEY_BLOCK_SIZE=4", "actual": "KEY_BLOCK_SIZE=8")J"}},
          {"an index's comment",
           "CREATE TABLE i (a int, KEY ia (a));",
           "CREATE TABLE i (a int, KEY ia (a) COMMENT 'by a');",
           {R"J("kind": "index", "name": "ia", "change": "changed", "expected": "KEY (`a`) COMMENT 'by a'", "actual": "KEY (`a`)")J"}},
          {"the primary key's comment",
           "CREATE TABLE p (id int, PRIMARY KEY (id));",
           "CREATE TABLE p (id int, PRIMARY KEY (id) COMMENT 'the id');",
           {R"J("name": "PRIMARY", "change": "changed", "expected": "PRIMARY KEY (`id`) COMMENT 'the id'")J"}},
      });
}

TEST_CASE("drift kinds (PostgreSQL): each is reported exactly, and its desired form diffs clean", "[native][verify]") {
  run_kinds(
      Engine::Postgres,
      {
          {"column order",
           "CREATE TABLE o (id int, b int, a int);",
           "CREATE TABLE o (id int, a int, b int);",
           {R"J("kind": "column order", "name": "", "change": "changed", "expected": "(id, a, b)", "actual": "(id, b, a)")J"}},
      });
}
