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
          {"a domain added",
           "CREATE TABLE t (a integer);",
           "CREATE DOMAIN pos_int AS integer CHECK (VALUE > 0);\nCREATE TABLE t (a integer);",
           {R"J("object": "domain public.pos_int", "kind": "domain", "name": "", "change": "missing", "expected": "DOMAIN AS integer CHECK (VALUE > 0)")J"}},
          {"a domain's check, default and NOT NULL",
           "CREATE DOMAIN d AS integer CONSTRAINT positive CHECK (VALUE > 0);\nCREATE DOMAIN e AS text;",
           "CREATE DOMAIN d AS integer CONSTRAINT positive CHECK (VALUE >= 0);\n"
           "CREATE DOMAIN e AS text DEFAULT 'x' NOT NULL;",
           {R"J("object": "domain public.d", "kind": "domain", "name": "", "change": "changed")J",
            R"J("object": "domain public.e", "kind": "domain", "name": "", "change": "changed", "expected": "DOMAIN AS text DEFAULT 'x' NOT NULL")J"}},
          {"row-level security and its policies",
           "CREATE TABLE a (x int);\nCREATE TABLE b (x int);\nALTER TABLE b ENABLE ROW LEVEL SECURITY;\n"
           "CREATE POLICY p ON b FOR SELECT USING (x > 0);",
           "CREATE TABLE a (x int);\nALTER TABLE a ENABLE ROW LEVEL SECURITY;\nALTER TABLE a FORCE ROW LEVEL "
           "SECURITY;\nCREATE POLICY p ON a USING (x > 0);\n"
           "CREATE TABLE b (x int);\nALTER TABLE b ENABLE ROW LEVEL SECURITY;\n"
           "CREATE POLICY p ON b AS RESTRICTIVE FOR SELECT USING (x > 1);",
           {R"J("object": "table public.a", "kind": "option", "name": "ROW LEVEL SECURITY", "change": "missing")J",
            R"J("object": "table public.a", "kind": "option", "name": "FORCE ROW LEVEL SECURITY", "change": "missing")J",
            R"J("object": "table public.a", "kind": "policy", "name": "p", "change": "missing", "expected": "POLICY AS PERMISSIVE FOR ALL TO public USING ((x > 0))")J",
            R"J("object": "table public.b", "kind": "policy", "name": "p", "change": "changed")J"}},
          {"comments on functions, indexes, constraints, types, domains, views and schemas",
           "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
           "CREATE TABLE t (a int CONSTRAINT t_pos CHECK (a > 0));\nCREATE INDEX t_a ON t (a);\n"
           "CREATE TYPE mood AS ENUM ('ok');\nCREATE DOMAIN dd AS int CONSTRAINT dd_small CHECK (VALUE < 9);\n"
           "CREATE VIEW v AS SELECT 1 AS one;\nCOMMENT ON VIEW v IS 'old';",
           "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\nCOMMENT ON FUNCTION f() IS 'one';\n"
           "CREATE TABLE t (a int CONSTRAINT t_pos CHECK (a > 0));\nCREATE INDEX t_a ON t (a);\n"
           "COMMENT ON INDEX t_a IS 'by a';\nCOMMENT ON CONSTRAINT t_pos ON t IS 'positive';\n"
           "CREATE TYPE mood AS ENUM ('ok');\nCOMMENT ON TYPE mood IS 'feelings';\n"
           "CREATE DOMAIN dd AS int CONSTRAINT dd_small CHECK (VALUE < 9);\nCOMMENT ON DOMAIN dd IS 'small';\n"
           "COMMENT ON CONSTRAINT dd_small ON DOMAIN dd IS 'under nine';\n"
           "CREATE VIEW v AS SELECT 1 AS one;\nCOMMENT ON VIEW v IS 'new';\n"
           "COMMENT ON SCHEMA public IS 'the app';",
           {R"J("object": "comment on function public.f()", "kind": "comment", "name": "", "change": "missing", "expected": "'one'")J",
            R"J("object": "comment on index public.t_a", "kind": "comment", "name": "", "change": "missing")J",
            R"J("object": "comment on table constraint t_pos on public.t", "kind": "comment")J",
            R"J("object": "comment on type public.mood", "kind": "comment")J",
            R"J("object": "comment on type public.dd", "kind": "comment")J",
            R"J("object": "comment on domain constraint dd_small on public.dd", "kind": "comment")J",
            R"J("object": "comment on view public.v", "kind": "comment", "name": "", "change": "changed", "expected": "'new'", "actual": "'old'")J",
            R"J("object": "comment on schema public", "kind": "comment", "name": "", "change": "changed", "expected": "'the app'")J"}},
          {"identity options",
           "CREATE TABLE i (id int GENERATED BY DEFAULT AS IDENTITY, n bigint GENERATED ALWAYS AS IDENTITY);",
           "CREATE TABLE i (id int GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5),\n"
           "  n bigint GENERATED ALWAYS AS IDENTITY (MINVALUE 0 CACHE 20 CYCLE));",
           {R"J("name": "id", "change": "changed", "expected": "integer GENERATED BY DEFAULT AS IDENTITY (START WITH 10 INCREMENT BY 5) NOT NULL")J",
            R"J("name": "n", "change": "changed", "expected": "bigint GENERATED ALWAYS AS IDENTITY (MINVALUE 0 CACHE 20 CYCLE) NOT NULL")J"}},
          {"a sequence's owner",
           "CREATE TABLE s (id int);\nCREATE SEQUENCE s_seq;",
           "CREATE TABLE s (id int);\nCREATE SEQUENCE s_seq;\nALTER SEQUENCE s_seq OWNED BY s.id;",
           {R"J("object": "sequence public.s_seq", "kind": "sequence", "name": "", "change": "changed")J"}},
          {"a trigger that does not fire",
           "CREATE TABLE t (a int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END "
           "$$;\n"
           "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();\n"
           "ALTER TABLE t DISABLE TRIGGER tr;",
           "CREATE TABLE t (a int);\nCREATE FUNCTION f() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END "
           "$$;\n"
           "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW EXECUTE FUNCTION f();",
           {R"J("kind": "trigger", "name": "", "change": "changed")J"}},
          {"a column's collation",
           "CREATE TABLE c (a text);",
           "CREATE TABLE c (a text COLLATE \"C\");",
           {R"J("name": "a", "change": "changed", "expected": "text COLLATE \"C\"", "actual": "text")J"}},
          {"column order",
           "CREATE TABLE o (id int, b int, a int);",
           "CREATE TABLE o (id int, a int, b int);",
           {R"J("kind": "column order", "name": "", "change": "changed", "expected": "(id, a, b)", "actual": "(id, b, a)")J"}},
      });
}
