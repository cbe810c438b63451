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
