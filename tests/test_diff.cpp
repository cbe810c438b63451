// devenv diff and the ignore rules on real servers (issue 12, items 9–14): two schema
// files compared with each other, schemas that only a server can tell apart, names
// inside text, and patterns that leave objects out of verify and diff.
#include <catch2/catch.hpp>

#include <regex>

#include "support/json_differences.h"
#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;

namespace {

std::string mysql_dsn(const NativeExample& example, const std::string& database) {
  return "mysql://root:devenv-root@127.0.0.1:" + std::to_string(example.port("mysql")) + "/" + database;
}

std::string postgres_dsn(const NativeExample& example, const std::string& database) {
  return "postgres://postgres:devenv-root@127.0.0.1:" + std::to_string(example.port("postgres")) + "/" + database;
}

// A scratch PostgreSQL database holding `statements`, as a user's client would load them.
std::string postgres_database(const NativeExample& example, const std::string& name,
                              const std::vector<std::string>& statements) {
  example.postgres("CREATE DATABASE " + name);
  for (const std::string& statement : statements) example.postgres(statement, name);
  return postgres_dsn(example, name);
}

std::string joined(const std::vector<std::string>& statements) {
  std::string out;
  for (const std::string& statement : statements) out += statement + ";\n";
  return out;
}

CommandResult diff(const NativeExample& example, const std::string& arguments) {
  CommandResult result = example.devenv("diff " + arguments);
  UNSCOPED_INFO("devenv diff " << arguments << "\n" << result.output);
  return result;
}

std::string differences(const CommandResult& result) { return devenv::test::flattened_differences(result.output); }

// A diff that must find A and B the same, saying `fragment` (which server, which sides).
void check_same(const NativeExample& example, const std::string& arguments, const std::string& fragment) {
  const CommandResult result = diff(example, arguments);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output, Catch::Contains(fragment));
}

}  // namespace

TEST_CASE("diff of two schema files: each file in a shadow of its own, named by its file", "[native][diff]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  example.dir().write("a.sql", "CREATE TABLE `t` (`id` int PRIMARY KEY, `name` varchar(20)) ENGINE=InnoDB;\n");
  example.dir().write("b.sql", "CREATE TABLE `t` (`id` int PRIMARY KEY, `name` varchar(30)) ENGINE=InnoDB;\n");

  check_same(example, "a.sql a.sql", "no differences between a.sql and a.sql");

  const CommandResult changed = diff(example, "a.sql b.sql --format json");
  CHECK(changed.exit_code == 1);
  CHECK_THAT(differences(changed),
             Catch::Contains(R"("database": "b.sql", "object": "table t", "kind": "column", "name": "name", )"
                             R"("change": "changed")"));
  const CommandResult text = diff(example, "a.sql b.sql");
  CHECK(text.exit_code == 1);
  CHECK_THAT(text.output, Catch::Contains("b.sql"));
  CHECK_THAT(text.output, !Catch::Contains("_devenv_shadow_"));
  const std::string left =
      example.mysql("SELECT schema_name FROM information_schema.schemata WHERE schema_name LIKE '\\_devenv\\_shadow%'");
  CHECK(left.empty());  // both shadows dropped
}

TEST_CASE("diff (PostgreSQL): identical unnamed CHECK constraints match as a multiset", "[native][diff]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  const std::vector<std::string> two = {"CREATE TABLE pv (a int, CHECK (a > 0), CHECK (a > 0))"};
  const std::string dsn = postgres_database(example, "cur_checks", two);
  example.dir().write("two.sql", joined(two));
  example.dir().write("one.sql", "CREATE TABLE pv (a int, CHECK (a > 0));\n");

  CHECK(diff(example, dsn + " two.sql").exit_code == 0);
  const CommandResult fewer = diff(example, dsn + " one.sql --format json");
  CHECK(fewer.exit_code == 1);
  // Two in A, one in B: the second is missing from B, whatever its generated name.
  CHECK_THAT(differences(fewer), Catch::Contains(R"("object": "table public.pv", "kind": "check")"));
  CHECK_THAT(differences(fewer), Catch::Contains(R"x("change": "missing", "expected": "CHECK (a > 0)")x"));
}

TEST_CASE("diff (PostgreSQL): a table without columns is compared, not a crash", "[native][diff]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  const std::string empty = postgres_database(example, "cur_empty", {});
  const std::string same = postgres_database(example, "cur_zero", {"CREATE TABLE z ()"});
  example.dir().write("zero.sql", "CREATE TABLE z ();\n");

  CHECK(diff(example, "zero.sql " + same).exit_code == 0);
  const CommandResult missing = diff(example, "zero.sql " + empty + " --format json");
  CHECK(missing.exit_code == 1);
  CHECK_THAT(differences(missing), Catch::Contains(R"("object": "table public.z", "kind": "table", "name": "", )"
                                                   R"("change": "missing", "expected": "CREATE TABLE public.z (\n);)"));
}

TEST_CASE("diff of a PostgreSQL file: the schemas it creates and qualifies with are its own", "[native][diff]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  const std::vector<std::string> schema = {
      "CREATE SCHEMA s", "CREATE TYPE s.mood AS ENUM ('sad', 'ok')", "CREATE TABLE s.t (id int PRIMARY KEY, m s.mood)",
      "CREATE TABLE plain (id int REFERENCES s.t (id))", "CREATE VIEW s.v AS SELECT id FROM s.t"};
  const std::string dsn = postgres_database(example, "cur_schemas", schema);
  example.dir().write("schemas_same.sql", joined(schema));
  example.dir().write("schemas_drift.sql", joined(schema) + "ALTER TABLE s.t ADD COLUMN extra text;\n");

  CHECK(diff(example, dsn + " schemas_same.sql").exit_code == 0);
  const CommandResult drift = diff(example, dsn + " schemas_drift.sql --format json");
  CHECK(drift.exit_code == 1);
  CHECK_THAT(differences(drift),
             Catch::Contains(R"("object": "table s.t", "kind": "column", "name": "extra", "change": "extra")"));
}

TEST_CASE("diff: a database's name inside literals and comments is text, not a name to map", "[native][diff]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  SECTION("PostgreSQL") {
    const std::vector<std::string> schema = {
        "CREATE TABLE t (version text DEFAULT 'plane')",
        "COMMENT ON COLUMN t.version IS 'The version of plane running on the controller.'",
        "COMMENT ON TABLE t IS 'plane.t holds versions'"};
    const std::string plane = postgres_database(example, "plane", schema);
    const std::string derived = postgres_database(example, "plane_derived", schema);
    CHECK(diff(example, plane + " " + derived).exit_code == 0);
  }
  SECTION("MariaDB") {
    for (const std::string database : {"plane", "plane_derived"}) {
      example.mysql("CREATE DATABASE " + database);
      example.mysql("CREATE TABLE t (plane varchar(20) DEFAULT 'plane' COMMENT 'The version of plane running')",
                    database);
      example.mysql("CREATE VIEW v AS SELECT t.plane FROM " + database + ".t", database);
    }
    CHECK(diff(example, mysql_dsn(example, "plane") + " " + mysql_dsn(example, "plane_derived")).exit_code == 0);
    example.mysql("CREATE OR REPLACE VIEW v AS SELECT t.plane FROM plane.t", "plane_derived");
    const CommandResult other = diff(example, mysql_dsn(example, "plane") + " " + mysql_dsn(example, "plane_derived"));
    CHECK(other.exit_code == 1);  // a view on the other database is still drift
  }
}

TEST_CASE("diff of two files: the engine comes from the config or the files, or --server", "[native][diff]") {
  NativeExample example;
  // A PostgreSQL database whose source has no dialect marker: the config says where it goes.
  std::string config = example.dir().read("config.toml");
  config = std::regex_replace(config, std::regex("\n\\[\\[users\\]\\]"),
                              "\n[[databases]]\nkey = \"plain\"\nserver = \"postgres\"\nsource = "
                              "\"schemas/plain.sql\"\n\n[[users]]",
                              std::regex_constants::format_first_only);
  example.dir().write("config.toml", config);
  example.dir().write("schemas/plain.sql", "CREATE TABLE p (a int);\n");
  REQUIRE(example.devenv("up").exit_code == 0);
  example.dir().write("events_a.sql", "CREATE TABLE e (at timestamptz NOT NULL, doc jsonb);\n");
  example.dir().write("events_b.sql", "CREATE TABLE e (at timestamptz, doc jsonb);\n");
  example.dir().write("p_copy.sql", "CREATE TABLE p (a int);\n");

  check_same(example, "events_a.sql events_a.sql", "server postgres");
  const CommandResult drift = diff(example, "events_a.sql events_b.sql --format json");
  CHECK(drift.exit_code == 1);
  CHECK_THAT(differences(drift), Catch::Contains(R"("kind": "column", "name": "at", "change": "changed")"));

  check_same(example, "schemas/plain.sql p_copy.sql", "server postgres");

  check_same(example, "--server mysql p_copy.sql p_copy.sql", "server mysql");
  CHECK(diff(example, "--server nosuch p_copy.sql p_copy.sql").exit_code == 2);
  CHECK(diff(example, "--server mysql events_a.sql " + postgres_dsn(example, "analytics")).exit_code == 2);
}

TEST_CASE("ignore rules: config and --ignore leave objects out of verify and diff", "[native][diff]") {
  NativeExample example;
  std::string config = example.dir().read("config.toml");
  const std::string original = config;
  config = std::regex_replace(config, std::regex("key = \"analytics\""),
                              "key = \"analytics\"\nignore = [\"table:audit_2025_*\", \"column:daily_usage.tmp_*\"]");
  example.dir().write("config.toml", "ignore = [\"table:_sqlx_migrations\"]\n" + config);
  REQUIRE(example.devenv("up").exit_code == 0);
  example.postgres("CREATE TABLE _sqlx_migrations (version bigint)", "analytics");
  example.postgres("CREATE TABLE audit_2025_01 (a int)", "analytics");
  example.postgres("ALTER TABLE daily_usage ADD COLUMN tmp_x int", "analytics");
  example.mysql("CREATE TABLE unkey._sqlx_migrations (version bigint)");
  example.mysql("CREATE TABLE unkey.audit_2025_01 (a int)");

  // analytics ignores all three; unkey only the global pattern.
  CHECK(example.devenv("verify analytics").exit_code == 0);
  const CommandResult main = example.devenv("verify main --format json");
  INFO(main.output);
  CHECK(main.exit_code == 1);
  CHECK_THAT(differences(main), Catch::Contains(R"("object": "table audit_2025_01")"));
  CHECK_THAT(differences(main), !Catch::Contains("_sqlx_migrations"));
  CHECK(example.devenv("verify main --ignore 'table:audit_*'").exit_code == 0);
  CHECK(example.devenv("verify --ignore 'table:audit_*'").exit_code == 0);

  // diff: the config database's rules, and the command line's.
  CHECK(diff(example, "schemas/analytics.sql analytics").exit_code == 0);
  CHECK(diff(example, "schemas/main.sql main").exit_code == 1);
  CHECK(diff(example, "schemas/main.sql main --ignore 'table:audit_2025_0?'").exit_code == 0);

  // Without the config's rules the drift is there.
  example.dir().write("config.toml", original);
  CHECK(example.devenv("verify analytics").exit_code == 1);
  CHECK(example
            .devenv("verify analytics --ignore table:_sqlx_migrations --ignore 'table:audit_2025_*' "
                    "--ignore 'column:*.tmp_x'")
            .exit_code == 0);

  // A pattern of no known kind: exit 2 naming the key and the kinds there are.
  example.dir().write("config.toml", "ignore = [\"table:x\", \"tabel:_sqlx_migrations\"]\n" + original);
  const CommandResult bad = example.devenv("verify");
  INFO(bad.output);
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.output, Catch::Contains("config.toml:1:"));
  CHECK_THAT(bad.output, Catch::Contains("ignore[1]"));
  CHECK_THAT(bad.output, Catch::Contains("foreign key"));
  example.dir().write("config.toml", original);
  const CommandResult bad_option = example.devenv("verify --ignore column");
  INFO(bad_option.output);
  CHECK(bad_option.exit_code == 2);
  CHECK_THAT(bad_option.output, Catch::Contains("--ignore"));
}
