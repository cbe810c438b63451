// Migration folders on a SQLite server: the database file `devenv up` makes from each
// tool's folder holds the migrations' tables (trigger bodies whole) and the tool's own
// history table as the tool makes it on SQLite (its DDL from the tool's sqlite dialect,
// quoted in each test), filled as after applying every migration.
#include <catch2/catch.hpp>

#include <filesystem>
#include <map>
#include <string>

#include "db/session.h"
#include "support/run_command.h"
#include "support/sqlite_project.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using devenv::test::CommandResult;
using devenv::test::run_command;
using devenv::test::SqliteProject;

namespace {

// coreutils' digest of a file, in hex.
std::string digest(const std::string& tool, const fs::path& file) {
  const CommandResult result = run_command(tool + " '" + file.string() + "'");
  REQUIRE(result.exit_code == 0);
  return result.output.substr(0, result.output.find(' '));
}

// The text SQLite keeps for a table or index: what the tool's CREATE said, from the name on.
std::string created_as(const SqliteProject& project, const std::string& name) {
  return project.query("SELECT sql FROM sqlite_master WHERE name = '" + name + "'");
}

}  // namespace

TEST_CASE("sqlite migrations (sqlx): one row per file, SHA-384 of its exact bytes, sqlx's table",
          "[unit][sqlite][migrations]") {
  SqliteProject project("migrations = \"migrations\"",
                        {{"migrations/1_create_users.sql",
                          "\xEF\xBB\xBF"
                          "CREATE TABLE users (id INTEGER PRIMARY KEY);\r\n"},
                         {"migrations/20240101_add_email.up.sql", "ALTER TABLE users ADD COLUMN email TEXT;\n"},
                         {"migrations/20240101_add_email.down.sql", "ALTER TABLE users DROP COLUMN email;\n"}});
  project.make_database();
  project.check_verify_clean();
  const fs::path dir = project.dir().path() / "migrations";
  CHECK(project.query("SELECT group_concat(version || '|' || description || '|' || success || '|' || "
                      "lower(hex(checksum)), ' ') FROM (SELECT * FROM _sqlx_migrations ORDER BY version)") ==
        "1|create users|1|" + digest("sha384sum", dir / "1_create_users.sql") + " 20240101|add email|1|" +
            digest("sha384sum", dir / "20240101_add_email.up.sql"));
  // sqlx-sqlite/src/migrate.rs, ensure_migrations_table
  CHECK(created_as(project, "_sqlx_migrations") ==
        "CREATE TABLE _sqlx_migrations (\n    version BIGINT PRIMARY KEY,\n    description TEXT NOT NULL,\n"
        "    installed_on TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,\n    success BOOLEAN NOT NULL,\n"
        "    checksum BLOB NOT NULL,\n    execution_time BIGINT NOT NULL\n)");
  CHECK(project.query("SELECT group_concat(name, ' ') FROM pragma_table_info('users')") == "id email");
}

TEST_CASE("sqlite migrations (goose): the version-0 row, StatementBegin/End around a trigger, goose's table",
          "[unit][sqlite][migrations]") {
  SqliteProject project(
      "migrations = \"db\"",
      {{"db/00001_users.sql",
        "-- +goose Up\nCREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);\nCREATE TABLE log (name TEXT);\n"
        "-- +goose Down\nDROP TABLE users;\n"},
       {"db/00002_trigger.sql",
        "-- +goose Up\n-- +goose StatementBegin\nCREATE TRIGGER users_log AFTER INSERT ON users\nBEGIN\n"
        "  INSERT INTO log VALUES (new.name);\n  INSERT INTO log VALUES (new.name || '!');\nEND;\n"
        "-- +goose StatementEnd\n-- +goose Down\nDROP TRIGGER users_log;\n"}});
  project.make_database();
  project.check_verify_clean();
  // The block goose sends as one statement, at its line in the file.
  CHECK_THAT(project.init_file(), Catch::Contains("-- db/00002_trigger.sql:3\nCREATE TRIGGER users_log AFTER INSERT "
                                                  "ON users\nBEGIN\n  INSERT INTO log VALUES (new.name);\n  INSERT "
                                                  "INTO log VALUES (new.name || '!');\nEND;\n-- ---- "));
  CHECK(project.query("SELECT group_concat(version_id || ':' || is_applied, ' ') FROM "
                      "(SELECT * FROM goose_db_version ORDER BY id)") == "0:1 1:1 2:1");
  // internal/dialects/sqlite3.go, CreateTable
  CHECK(created_as(project, "goose_db_version") ==
        "CREATE TABLE goose_db_version (\n\t\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n\t\tversion_id INTEGER NOT NULL,\n"
        "\t\tis_applied INTEGER NOT NULL,\n\t\ttstamp TIMESTAMP DEFAULT (datetime('now'))\n\t)");
  project.execute("INSERT INTO users (name) VALUES ('ada')");
  CHECK(project.query("SELECT group_concat(name, ' ') FROM log") == "ada ada!");
}

TEST_CASE("sqlite migrations (golang-migrate): one row, the highest version, its unique index",
          "[unit][sqlite][migrations]") {
  SqliteProject project("migrations = \"db\"", {{"db/000001_a.up.sql",
                                                 "CREATE TABLE a (id INTEGER);\nCREATE TABLE b (id INTEGER);\n"
                                                 "CREATE TRIGGER a_b AFTER INSERT ON a BEGIN INSERT INTO b VALUES "
                                                 "(new.id); END;\n"},
                                                {"db/000001_a.down.sql", "DROP TABLE a;\n"},
                                                {"db/000002_c.up.sql", "CREATE TABLE c (id INTEGER);\n"},
                                                {"db/000002_c.down.sql", "DROP TABLE c;\n"}});
  project.make_database();
  project.check_verify_clean();
  CHECK(project.query("SELECT version || '|' || dirty FROM schema_migrations") == "2|0");
  // database/sqlite3/sqlite3.go, ensureVersionTable
  CHECK(created_as(project, "schema_migrations") == "CREATE TABLE schema_migrations (version uint64,dirty bool)");
  CHECK(created_as(project, "version_unique") == "CREATE UNIQUE INDEX version_unique ON schema_migrations (version)");
  project.execute("INSERT INTO a VALUES (7)");
  CHECK(project.query("SELECT id FROM b") == "7");
}

TEST_CASE("sqlite migrations (dbmate): the version strings, a trigger in a migrate:up section",
          "[unit][sqlite][migrations]") {
  SqliteProject project(
      "migrations = \"db/migrations\"",
      {{"db/migrations/0001_a.sql",
        "-- migrate:up\nCREATE TABLE a (id INTEGER, at TEXT);\nCREATE TRIGGER a_at AFTER INSERT ON a BEGIN\n"
        "  UPDATE a SET at = 'now' WHERE id = new.id;\nEND;\n-- migrate:down\nDROP TABLE a;\n"},
       {"db/migrations/20240101_b.sql", "-- migrate:up\nCREATE TABLE b (id INTEGER);\n-- migrate:down\n"}});
  project.make_database();
  project.check_verify_clean();
  CHECK(project.query("SELECT group_concat(version, ' ') FROM (SELECT version FROM schema_migrations ORDER BY "
                      "version)") == "0001 20240101");
  // pkg/driver/sqlite/sqlite.go, CreateMigrationsTable (the name quoted as lib/pq quotes it)
  CHECK(created_as(project, "schema_migrations") ==
        "CREATE TABLE \"schema_migrations\" (version varchar(128) primary key)");
  project.execute("INSERT INTO a (id) VALUES (1)");
  CHECK(project.query("SELECT at FROM a") == "now");
}

TEST_CASE("sqlite migrations (Drizzle): SHA-256 and the journal's when, breakpoints around a trigger",
          "[unit][sqlite][migrations]") {
  SqliteProject project(
      "migrations = \"drizzle\"",
      {{"drizzle/0000_a.sql",
        "CREATE TABLE `a` (`id` integer PRIMARY KEY, `n` integer DEFAULT 0);\n--> statement-breakpoint\n"
        "CREATE TRIGGER `a_n` AFTER INSERT ON `a` BEGIN UPDATE `a` SET `n` = `n` + 1 WHERE `id` = new.`id`; END;\n"},
       {"drizzle/0001_b.sql", "CREATE TABLE `b` (`id` integer);\n--> statement-breakpoint\nSELECT 1;\n"},
       {"drizzle/meta/_journal.json",
        R"({"version": "6", "dialect": "sqlite", "entries": [
          {"idx": 0, "version": "6", "when": 1717000000000, "tag": "0000_a", "breakpoints": true},
          {"idx": 1, "version": "6", "when": 1718000000000, "tag": "0001_b", "breakpoints": true}]})"}});
  project.make_database();
  project.check_verify_clean();
  const fs::path dir = project.dir().path() / "drizzle";
  // drizzle's `id SERIAL PRIMARY KEY` is no rowid alias on SQLite: its own rows have no id either.
  CHECK(project.query("SELECT group_concat(coalesce(id, '-') || '|' || hash || '@' || created_at, ' ') FROM "
                      "(SELECT * FROM __drizzle_migrations ORDER BY created_at)") ==
        "-|" + digest("sha256sum", dir / "0000_a.sql") + "@1717000000000 -|" + digest("sha256sum", dir / "0001_b.sql") +
            "@1718000000000");
  // sqlite-core/dialect.js, SQLiteSyncDialect.migrate
  CHECK(created_as(project, "__drizzle_migrations") ==
        "CREATE TABLE \"__drizzle_migrations\" (\n\t\t\t\tid SERIAL PRIMARY KEY,\n\t\t\t\thash text NOT NULL,\n"
        "\t\t\t\tcreated_at numeric\n\t\t\t)");
  project.execute("INSERT INTO a (id) VALUES (1)");
  CHECK(project.query("SELECT n FROM a") == "1");
}

TEST_CASE("sqlite migrations (Atlas): a complete revision per file in the database itself, a trigger one statement",
          "[unit][sqlite][migrations]") {
  SqliteProject project(
      "migrations = \"migrations\"",
      {{"migrations/20240101000000_init.sql",
        "CREATE TABLE a (id integer);\nCREATE TABLE b (id integer);\n"
        "CREATE TRIGGER a_b AFTER INSERT ON a BEGIN\n  INSERT INTO b VALUES (new.id);\n  SELECT 1;\nEND;\n"},
       {"migrations/20240102000000_more.sql", "ALTER TABLE a ADD COLUMN c integer;\n"},
       {"migrations/atlas.sum", "h1:TOTAL=\n20240101000000_init.sql h1:AAA=\n20240102000000_more.sql h1:BBB=\n"}});
  project.make_database();
  project.check_verify_clean();
  CHECK(project.query("SELECT group_concat(version || '|' || description || '|' || type || '|' || applied || '/' || "
                      "total || '|' || hash, ' ') FROM (SELECT * FROM atlas_schema_revisions ORDER BY version)") ==
        "20240101000000|init|2|3/3|AAA= 20240102000000|more|2|1/1|BBB=");
  CHECK(project.query("SELECT group_concat(name || ':' || lower(type) || ':' || \"notnull\" || ':' || pk, ' ') FROM "
                      "pragma_table_info('atlas_schema_revisions')") ==
        "version:text:1:1 description:text:1:0 type:integer:1:0 applied:integer:1:0 total:integer:1:0 "
        "executed_at:datetime:1:0 execution_time:integer:1:0 error:text:0:0 error_stmt:text:0:0 hash:text:1:0 "
        "partial_hashes:json:0:0 operator_version:text:1:0");
}

TEST_CASE("sqlite migrations (Flyway): its SQLite table in main, no user, success 1", "[unit][sqlite][migrations]") {
  SqliteProject project("migrations = \"sql\"\nmigration_tool = \"flyway\"",
                        {{"sql/V1__create_a.sql", "CREATE TABLE a (id integer);\n"},
                         {"sql/V1_1__more.sql", "ALTER TABLE a ADD COLUMN b integer;\n"}});
  project.make_database();
  project.check_verify_clean();
  CHECK(project.query("SELECT group_concat(installed_rank || '|' || version || '|' || description || '|' || type || "
                      "'|' || script || '|' || installed_by || '|' || success, ' ') FROM "
                      "(SELECT * FROM flyway_schema_history ORDER BY installed_rank)") ==
        "1|1|create a|SQL|V1__create_a.sql||1 2|1.1|more|SQL|V1_1__more.sql||1");
  // SQLiteDatabase.java, getRawCreateScript
  CHECK(created_as(project, "flyway_schema_history_s_idx") ==
        "CREATE INDEX \"flyway_schema_history_s_idx\" ON \"flyway_schema_history\" (\"success\")");
}

TEST_CASE("sqlite migrations: migration_table renames the history table", "[unit][sqlite][migrations]") {
  SqliteProject project("migrations = \"db\"\nmigration_tool = \"goose\"\nmigration_table = \"app_versions\"",
                        {{"db/1_a.sql", "-- +goose Up\nCREATE TABLE a (id integer);\n"}});
  project.make_database();
  project.check_verify_clean();
  CHECK(project.query("SELECT group_concat(version_id, ' ') FROM app_versions") == "0 1");
  CHECK_THAT(created_as(project, "app_versions"), Catch::StartsWith("CREATE TABLE app_versions (\n"));
}

TEST_CASE("sqlite migrations (goose): a trigger without StatementBegin fails the build at its line, with the fix",
          "[unit][sqlite][migrations]") {
  SqliteProject project("migrations = \"db\"", {{"db/1_a.sql",
                                                 "-- +goose Up\nCREATE TABLE a (id integer);\nCREATE TRIGGER a_t AFTER "
                                                 "INSERT ON a\nBEGIN\n  SELECT 1;\nEND;\n"}});
  const CommandResult build = project.devenv("build");
  INFO(build.output);
  CHECK(build.exit_code == 2);
  CHECK_THAT(build.output, Catch::Contains("db/1_a.sql:3:1") && Catch::Contains("-- +goose StatementBegin"));
}
