// Migration folders as a database's source, on real servers through the devenv
// binary: each tool's files applied in its order with its splitting, failures named
// by file and line, several PostgreSQL schemas, the owner's later migrations, diff
// and dump --from against a migration folder, and PostgreSQL 18's uuidv7() on 15.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <regex>
#include <string>

#include "db/session.h"
#include "support/native_example.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using devenv::test::CommandResult;
using devenv::test::NativeExample;

namespace {

const char* const kPostgresServer = R"toml(
[servers.postgres]
engine = "postgres"
port = 0
root_password = "devenv-root"
)toml";

const char* const kMariadbServer = R"toml(
[servers.mysql]
engine = "mariadb"
port = 0
root_password = "devenv-root"
)toml";

std::string project_header() { return "[project]\nname = \"migrations-test\"\ndata_on_tmpfs = true\n"; }

// A PostgreSQL project whose one database `app` comes from `migrations` (the TOML value).
std::map<std::string, std::string> postgres_project(const std::string& migrations, const std::string& extra = "") {
  return {{"config.toml", project_header() + kPostgresServer +
                              "\n[[databases]]\nkey = \"app\"\nserver = \"postgres\"\nmigrations = " + migrations +
                              "\n" + extra +
                              "\n[[users]]\nname = \"app\"\npassword = \"app pass\"\nserver = \"postgres\"\n"
                              "databases = [\"app\"]\n"}};
}

std::map<std::string, std::string> mariadb_project(const std::string& migrations, const std::string& extra = "") {
  return {{"config.toml", project_header() + kMariadbServer +
                              "\n[[databases]]\nkey = \"app\"\nserver = \"mysql\"\nmigrations = " + migrations + "\n" +
                              extra +
                              "\n[[users]]\nname = \"app\"\npassword = \"app pass\"\nserver = \"mysql\"\n"
                              "databases = [\"app\"]\n"}};
}

// Every file of examples/<name>, its config on free ports with data on tmpfs.
std::map<std::string, std::string> example_project(const std::string& name) {
  const fs::path root = fs::path(DEVENV_SOURCE_DIR) / "examples" / name;
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file())
      files[entry.path().lexically_relative(root).string()] = devenv::test::read_file(entry.path());
  }
  std::string& config = files.at("config.toml");
  config = std::regex_replace(config, std::regex("\nport = [0-9]+"), "\nport = 0");
  config = std::regex_replace(config, std::regex("\\[project\\]\n"), "[project]\ndata_on_tmpfs = true\n");
  return files;
}

// The names the migrations logged, in the order they ran.
std::string postgres_log(const NativeExample& project) {
  return project.postgres("SELECT string_agg(name, ' ' ORDER BY id) FROM applied", "app");
}

std::string mariadb_log(const NativeExample& project) {
  return project.mysql("SELECT group_concat(name ORDER BY id SEPARATOR ' ') FROM applied", "app");
}

void require_up(const NativeExample& project) {
  const CommandResult up = project.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
}

const char* const kPostgresLog = "CREATE TABLE applied (id serial PRIMARY KEY, name text NOT NULL);\n";
const char* const kMariadbLog =
    "CREATE TABLE applied (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(64) NOT NULL);\n";

std::string log_insert(const std::string& name) { return "INSERT INTO applied (name) VALUES ('" + name + "');\n"; }

}  // namespace

TEST_CASE("migrations (sqlx): integer version order, .up.sql only, a whole file with a $$ body",
          "[native][migration-sources]") {
  auto files = postgres_project("\"migrations\"");
  files["migrations/1_log.sql"] = kPostgresLog + log_insert("1");
  files["migrations/10_ten.sql"] = log_insert("10");
  files["migrations/9_nine.up.sql"] =
      "CREATE FUNCTION nine() RETURNS int LANGUAGE plpgsql AS $$ BEGIN RETURN 9; END; $$;\n" + log_insert("9");
  files["migrations/9_nine.down.sql"] = log_insert("down-9");
  files["migrations/README.md"] = "not a migration";
  NativeExample project(files);
  require_up(project);
  CHECK(postgres_log(project) == "1 9 10\n");
  CHECK(project.postgres("SELECT nine()", "app") == "9\n");
}

TEST_CASE("migrations (goose): module folders in one version order, Up sections, StatementBegin/End",
          "[native][migration-sources]") {
  auto files = postgres_project("[\"core/migrations\", \"identity/migrations\", \"billing/migrations\"]",
                                "schemas = [\"identity\", \"billing\"]\nmigration_tool = \"goose\"");
  // As on the app's empty database, the migrations make the module schemas themselves.
  files["core/migrations/01001_log.sql"] = "-- +goose Up\nCREATE SCHEMA identity;\nCREATE SCHEMA billing;\n" +
                                           std::string(kPostgresLog) + log_insert("01001") +
                                           "-- +goose Down\nDROP TABLE applied;\n";
  files["identity/migrations/02001_users.sql"] =
      "-- +goose Up\nCREATE TABLE identity.users (id bigint PRIMARY KEY);\n" + log_insert("02001") +
      "-- +goose StatementBegin\nCREATE FUNCTION identity.next_id() RETURNS bigint LANGUAGE plpgsql AS $$\n"
      "BEGIN\n  RETURN 1;\nEND;\n$$;\n-- +goose StatementEnd\n-- +goose Down\n" +
      log_insert("down-02001");
  files["billing/migrations/03001_plans.sql"] =
      "-- +goose Up\nCREATE TABLE billing.plans (id int PRIMARY KEY);\n" + log_insert("03001");
  // Added after 03001 shipped: allow-missing applies it, and an empty database gets it in version order.
  files["identity/migrations/02002_sessions.sql"] =
      "-- +goose Up\nCREATE TABLE identity.sessions (user_id bigint REFERENCES identity.users (id));\n" +
      log_insert("02002");
  NativeExample project(files);
  require_up(project);
  CHECK(postgres_log(project) == "01001 02001 02002 03001\n");
  CHECK(project.postgres("SELECT identity.next_id()", "app") == "1\n");
  // Several schemas: verify builds the same in a shadow and finds no drift.
  const CommandResult verify = project.devenv("verify");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
}

TEST_CASE("migrations (golang-migrate, flyway, atlas): each tool's file names and order",
          "[native][migration-sources]") {
  SECTION("golang-migrate") {
    auto files = postgres_project("\"db\"", "migration_tool = \"golang-migrate\"");
    files["db/000001_log.up.sql"] = kPostgresLog + log_insert("1");
    files["db/000001_log.down.sql"] = "DROP TABLE applied;\n";
    files["db/000002_more.up.sql"] = log_insert("2");
    files["db/000002_more.down.sql"] = log_insert("down-2");
    NativeExample project(files);
    require_up(project);
    CHECK(postgres_log(project) == "1 2\n");
  }
  SECTION("flyway: versions compared as numbers, then repeatables") {
    auto files = postgres_project("\"sql\"", "migration_tool = \"flyway\"");
    files["sql/V1__log.sql"] = kPostgresLog + log_insert("1");
    files["sql/V10__ten.sql"] = log_insert("10");
    files["sql/V2__two.sql"] = log_insert("2");
    files["sql/V1_1__one_one.sql"] = log_insert("1.1");
    files["sql/R__views.sql"] = "CREATE OR REPLACE VIEW logged AS SELECT name FROM applied;\n" + log_insert("R");
    NativeExample project(files);
    require_up(project);
    CHECK(postgres_log(project) == "1 1.1 2 10 R\n");
  }
  SECTION("atlas: versions compared as strings; atlas.sum is not a migration") {
    auto files = postgres_project("\"migrations\"");
    files["migrations/20240101000000_log.sql"] = kPostgresLog + log_insert("a");
    files["migrations/20240202000000_b.sql"] = log_insert("b");
    files["migrations/atlas.sum"] = "h1:abc=\n20240101000000_log.sql h1:x=\n20240202000000_b.sql h1:y=\n";
    NativeExample project(files);
    require_up(project);
    CHECK(postgres_log(project) == "a b\n");
  }
}

TEST_CASE("migrations (Drizzle): journal order, breakpoints even without a semicolon", "[native][migration-sources]") {
  auto files = postgres_project("\"drizzle\"");
  files["drizzle/0000_log.sql"] =
      "CREATE TABLE \"applied\" (\"id\" serial PRIMARY KEY, \"name\" text NOT NULL)\n--> statement-breakpoint\n" +
      log_insert("0000");
  files["drizzle/0001_b.sql"] = log_insert("0001");
  files["drizzle/0002_c.sql"] = log_insert("0002");
  // The journal, not the file names, orders them.
  files["drizzle/meta/_journal.json"] = R"json({"version": "7", "dialect": "postgresql", "entries": [
    {"idx": 0, "version": "7", "when": 1, "tag": "0000_log", "breakpoints": true},
    {"idx": 1, "version": "7", "when": 2, "tag": "0002_c", "breakpoints": true},
    {"idx": 2, "version": "7", "when": 3, "tag": "0001_b", "breakpoints": true}]})json";
  NativeExample project(files);
  require_up(project);
  CHECK(postgres_log(project) == "0000 0002 0001\n");
}

TEST_CASE("migrations (dbmate, MariaDB): migrate:up sections in file-name order", "[native][migration-sources]") {
  auto files = mariadb_project("\"db/migrations\"");
  files["db/migrations/20240101000000_log.sql"] =
      "-- migrate:up\n" + std::string(kMariadbLog) + log_insert("1") + "\n-- migrate:down\nDROP TABLE applied;\n";
  files["db/migrations/20240102000000_two.sql"] =
      "-- migrate:up transaction:false\n" + log_insert("2") + "-- migrate:down\n" + log_insert("down-2");
  NativeExample project(files);
  require_up(project);
  CHECK(mariadb_log(project) == "1 2\n");
}

TEST_CASE("migrations: a failing migration is named by file and line, and the next up starts afresh",
          "[native][migration-sources]") {
  auto files = postgres_project("\"migrations\"");
  files["migrations/1_log.sql"] = kPostgresLog + log_insert("1");
  files["migrations/2_bad.sql"] = "-- a typo on line 3\n\nCREATE TABLE broken (id nosuchtype);\n";
  NativeExample project(files);
  const CommandResult failed = project.devenv("up");
  INFO(failed.output);
  CHECK(failed.exit_code != 0);
  CHECK_THAT(failed.output, Catch::Contains("migrations/2_bad.sql:3"));
  project.dir().write("migrations/2_bad.sql", "CREATE TABLE fixed (id int);\n");
  require_up(project);
  CHECK(postgres_log(project) == "1\n");
  CHECK(project.postgres("SELECT count(*) FROM fixed", "app") == "0\n");
}

TEST_CASE("migrations: a new migration file changes the fingerprint, and reset applies it",
          "[native][migration-sources]") {
  auto files = postgres_project("\"migrations\"");
  files["migrations/1_log.sql"] = kPostgresLog + log_insert("1");
  NativeExample project(files);
  require_up(project);
  project.dir().write("migrations/2_more.sql", log_insert("2"));
  CHECK_THAT(project.devenv("status").output, Catch::Contains("schema changed"));
  const CommandResult reset = project.devenv("reset --force");
  INFO(reset.output);
  REQUIRE(reset.exit_code == 0);
  CHECK(postgres_log(project) == "1 2\n");
}

TEST_CASE("migrations (goose example): uuidv7() of PostgreSQL 18 on this server, owned by the app, verify clean",
          "[native][migration-sources]") {
  NativeExample project(example_project("goose"));
  require_up(project);
  // The app's own next migration, as the app's user: the owner alters what init made.
  {
    auto app = devenv::db::connect(devenv::sqltext::Dialect::Postgres,
                                   {"", project.port("postgres"), "console", "console", "console"});
    for (const char* migration :
         {"ALTER TABLE identity.users ADD COLUMN nickname text",
          "CREATE INDEX users_nickname ON identity.users (nickname)", "ALTER TYPE billing.plan ADD VALUE 'team'",
          "DROP TABLE identity.api_tokens", "ALTER TABLE identity.users DROP COLUMN nickname",
          "INSERT INTO goose_db_version (version_id, is_applied) VALUES (4001, true)"}) {
      INFO(migration);
      CHECK_NOTHROW(app->execute(migration));
    }
    project.devenv("reset --force");
  }
  const CommandResult verify = project.devenv("verify");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  // One file whose names are qualified with several schemas diffs clean against the database.
  REQUIRE(project.devenv("dump console 2>/dev/null | cat > console.sql").exit_code == 0);
  CHECK_THAT(project.dir().read("console.sql"),
             Catch::Contains("CREATE TABLE billing.subscriptions") && Catch::Contains("CREATE TABLE identity.users"));
  const CommandResult diff = project.devenv("diff console.sql console");
  INFO(diff.output);
  CHECK(diff.exit_code == 0);
  for (int i = 0; i < 5; ++i) {
    project.postgres("INSERT INTO identity.users (email) VALUES ('u" + std::to_string(i) + "@example.com')", "console");
    project.postgres("SELECT pg_sleep(0.002)", "console");
  }
  // Version 7, RFC 9562 variant, and ids in insertion order (the timestamp leads).
  CHECK(project.postgres("SELECT count(*) FROM identity.users WHERE substr(id::text, 15, 1) = '7' "
                         "AND substr(id::text, 20, 1) IN ('8', '9', 'a', 'b')",
                         "console") == "5\n");
  CHECK(project.postgres("SELECT string_agg(email, ',' ORDER BY id) = string_agg(email, ',' ORDER BY email) "
                         "FROM identity.users",
                         "console") == "t\n");
  // The timestamp is now's, in milliseconds.
  CHECK(project.postgres("SELECT bool_and(abs(('x' || substr(replace(id::text, '-', ''), 1, 12))::bit(48)::bigint "
                         "- (extract(epoch FROM now()) * 1000)::bigint) < 60000) FROM identity.users",
                         "console") == "t\n");
}

TEST_CASE("migrations (dbmate example, MariaDB): the app's user runs its next migration",
          "[native][migration-sources]") {
  NativeExample project(example_project("dbmate"));
  require_up(project);
  auto app = devenv::db::connect(devenv::sqltext::Dialect::MySQL, {"", project.port("mysql"), "blog", "blog", "blog"});
  for (const char* migration :
       {"ALTER TABLE posts ADD COLUMN summary TEXT NULL", "CREATE INDEX posts_title ON posts (title)",
        "INSERT INTO schema_migrations (version) VALUES ('20240301000000')",
        "CREATE VIEW published AS SELECT id FROM posts WHERE published_at IS NOT NULL", "DROP VIEW published",
        "ALTER TABLE posts DROP COLUMN summary"}) {
    INFO(migration);
    CHECK_NOTHROW(app->execute(migration));
  }
}

TEST_CASE("migrations (Drizzle example): diff of the hand-kept schema.sql with the migration folder",
          "[native][migration-sources]") {
  NativeExample project(example_project("drizzle"));
  require_up(project);
  const CommandResult same = project.devenv("diff schema.sql drizzle");
  INFO(same.output);
  CHECK(same.exit_code == 0);
  // The Go side forgot a column the TypeScript side added.
  std::string schema = project.dir().read("schema.sql");
  schema.replace(schema.find("  status         varchar(16) NOT NULL DEFAULT 'open'\n"),
                 std::string("  status         varchar(16) NOT NULL DEFAULT 'open'\n").size(), "");
  schema.replace(schema.find("created_at     timestamptz NOT NULL DEFAULT now(),"),
                 std::string("created_at     timestamptz NOT NULL DEFAULT now(),").size(),
                 "created_at     timestamptz NOT NULL DEFAULT now()");
  project.dir().write("schema.sql", schema);
  const CommandResult drift = project.devenv("diff schema.sql drizzle/");
  INFO(drift.output);
  CHECK(drift.exit_code == 1);
  CHECK_THAT(drift.output, Catch::Contains("column status"));
  CHECK(project.devenv("diff --format json drizzle schema.sql").exit_code == 1);
  // A folder of schema files numbered by hand is schema files, not sqlx migrations:
  // views.sql (no version) is loaded too.
  project.dir().write("plain/01_tables.sql", project.dir().read("schema.sql"));
  project.dir().write("plain/views.sql", "CREATE VIEW open_orders AS SELECT id FROM orders;\n");
  const CommandResult plain = project.devenv("diff --server postgres schema.sql plain");
  INFO(plain.output);
  CHECK(plain.exit_code == 1);
  CHECK_THAT(plain.output, Catch::Contains("+ view public.open_orders"));
}

TEST_CASE("migrations (sqlx example): dump --from equals the dump of the database up made, with and without a server",
          "[native][migration-sources]") {
  NativeExample project(example_project("sqlx"));
  // No server runs: dump --from starts a throwaway one and removes it.
  const CommandResult cold = project.devenv("dump --from migrations");
  INFO(cold.output);
  REQUIRE(cold.exit_code == 0);
  CHECK_THAT(cold.output, Catch::Contains("throwaway"));
  CHECK(project.status_of("postgres") == "not initialised");
  CHECK_FALSE(fs::exists(project.dir().path() / ".devenv" / "throwaway"));
  require_up(project);
  REQUIRE(project.devenv("dump ledger 2>/dev/null | cat > live.sql").exit_code == 0);
  REQUIRE(project.devenv("dump --from migrations 2>/dev/null | cat > from.sql").exit_code == 0);
  const std::string live = project.dir().read("live.sql");
  CHECK_THAT(live, Catch::Contains("CREATE TABLE public.transfers"));
  CHECK(project.dir().read("from.sql") == live);
  project.dir().write("derived_schema.sql", live);
  CHECK(project.devenv("dump --from migrations --check derived_schema.sql").exit_code == 0);
  project.dir().write("migrations/20240401000000_more.sql", "ALTER TABLE accounts ADD COLUMN nickname text;\n");
  const CommandResult stale = project.devenv("dump --from migrations --check derived_schema.sql");
  CHECK(stale.exit_code == 1);
  CHECK_THAT(stale.output, Catch::Contains("differs from derived_schema.sql"));
}

TEST_CASE("native runtime: a PostgreSQL version the machine lacks is an error listing the installed ones",
          "[native][migration-sources]") {
  auto files = postgres_project("\"migrations\"");
  files["migrations/1_a.sql"] = "CREATE TABLE a (id int);\n";
  files["config.toml"] = std::regex_replace(files["config.toml"], std::regex("engine = \"postgres\"\n"),
                                            "engine = \"postgres\"\nversion = \"99\"\n");
  NativeExample project(files);
  const CommandResult up = project.devenv("up");
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("version = \"99\" is not installed here (installed: PostgreSQL 15"));
}

TEST_CASE("owner: every kind of object init makes on PostgreSQL is handed to the owner",
          "[native][migration-sources]") {
  auto files = postgres_project("\"migrations\"", "schemas = [\"reports\"]");
  files["migrations/1_kinds.sql"] =
      "CREATE SCHEMA reports;\n"
      "CREATE TABLE reports.t (id int, a int, b int) PARTITION BY RANGE (id);\n"
      "CREATE TABLE reports.t_1 PARTITION OF reports.t FOR VALUES FROM (0) TO (10);\n"
      "CREATE TABLE g (id int GENERATED ALWAYS AS IDENTITY, s serial);\n"
      "CREATE VIEW v AS SELECT 1 AS one;\nCREATE MATERIALIZED VIEW mv AS SELECT 1 AS one;\n"
      "CREATE SEQUENCE free_seq;\nCREATE TYPE mood AS ENUM ('a');\nCREATE TYPE pair AS (x int, y int);\n"
      "CREATE DOMAIN positive AS int CHECK (VALUE > 0);\nCREATE TYPE span AS RANGE (subtype = int4);\n"
      "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS 'SELECT 1';\n"
      "CREATE PROCEDURE p() LANGUAGE sql AS 'SELECT 1';\n"
      "CREATE AGGREGATE cnt(*) (SFUNC = int8inc, STYPE = int8, INITCOND = '0');\n"
      "CREATE COLLATION german (provider = icu, locale = 'de-DE');\n"
      "CREATE TEXT SEARCH CONFIGURATION english_copy (COPY = english);\n"
      "CREATE TEXT SEARCH DICTIONARY simple_copy (TEMPLATE = simple);\n"
      "CREATE STATISTICS t_ab ON a, b FROM reports.t_1;\n"
      "CREATE FUNCTION int_eq(int, int) RETURNS bool LANGUAGE sql AS 'SELECT $1 = $2';\n"
      "CREATE OPERATOR === (LEFTARG = int, RIGHTARG = int, FUNCTION = int_eq);\n";
  NativeExample project(files);
  require_up(project);
  const auto not_owned = [&](const std::string& catalog, const std::string& owner, const std::string& space) {
    return project.postgres("SELECT count(*) FROM " + catalog + " o JOIN pg_namespace n ON n.oid = o." + space +
                                " WHERE n.nspname IN ('public', 'reports') AND pg_get_userbyid(o." + owner +
                                ") <> 'app'",
                            "app");
  };
  CHECK(not_owned("pg_class", "relowner", "relnamespace") == "0\n");
  CHECK(not_owned("pg_proc", "proowner", "pronamespace") == "0\n");
  CHECK(project.postgres(
            "SELECT string_agg(o.typname || ':' || o.typtype::text, ' ') FROM pg_type o JOIN pg_namespace n ON n.oid = "
            "o.typnamespace WHERE n.nspname IN ('public', 'reports') AND pg_get_userbyid(o.typowner) <> 'app'",
            "app") == "\n");
  CHECK(not_owned("pg_collation", "collowner", "collnamespace") == "0\n");
  CHECK(not_owned("pg_ts_config", "cfgowner", "cfgnamespace") == "0\n");
  CHECK(not_owned("pg_ts_dict", "dictowner", "dictnamespace") == "0\n");
  CHECK(not_owned("pg_statistic_ext", "stxowner", "stxnamespace") == "0\n");
  CHECK(not_owned("pg_operator", "oprowner", "oprnamespace") == "0\n");
  CHECK(project.postgres("SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'reports'", "app") ==
        "app\n");
}
