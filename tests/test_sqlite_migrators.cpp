// The real dbmate and drizzle-orm (from npm, tests/migrators/install.sh) on SQLite: the
// database file devenv makes from a migration folder equals the one the tool makes
// itself from the same folder (every table, index and trigger as sqlite_master keeps
// it, and the history rows), the tool finds nothing to do in it, and then applies
// exactly one new migration.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "support/migrators.h"
#include "support/sqlite_project.h"

namespace fs = std::filesystem;
using devenv::test::CommandResult;
using devenv::test::SqliteProject;

namespace {

// Everything a database file defines, as SQLite keeps it.
const char* const kSchema = "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name";

// After the app's migrator applied a new migration, status sees the changed folder and
// `devenv reset` remakes the file with the history the migrator wrote.
void reset_records_the_same(const SqliteProject& project, const std::string& history) {
  const std::string migrated = project.query(history);
  CHECK_THAT(project.devenv("status").output, Catch::Contains("schema changed"));
  const CommandResult reset = project.devenv("reset");
  INFO(reset.output);
  REQUIRE(reset.exit_code == 0);
  CHECK(project.query(history) == migrated);
}

}  // namespace

TEST_CASE("real dbmate (SQLite): the file devenv made is the one dbmate makes, nothing to do, then the new one",
          "[migrators]") {
  if (!devenv::test::have_migrators()) return;
  SqliteProject project(
      "migrations = \"db/migrations\"",
      {{"db/migrations/20240101000000_users.sql",
        "-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\nCREATE TABLE log (email TEXT);\n"
        "CREATE TRIGGER users_log AFTER INSERT ON users BEGIN\n  INSERT INTO log VALUES (new.email);\nEND;\n"
        "-- migrate:down\nDROP TABLE users;\n"},
       {"db/migrations/20240102000000_index.sql",
        "-- migrate:up\nCREATE INDEX users_email ON users (email);\n-- migrate:down\nDROP INDEX users_email;\n"}});
  project.make_database();
  const fs::path folder = project.dir().path() / "db/migrations";
  const fs::path own = project.dir().path() / "dbmate.db";
  const CommandResult made = devenv::test::dbmate("sqlite:" + own.string(), folder, "up");
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  CHECK_THAT(project.query(kSchema), Catch::Contains("\"schema_migrations\"") && Catch::Contains("users_log"));
  CHECK(project.query(kSchema) == project.query(kSchema, own));
  const char* const versions =
      "SELECT group_concat(version, ' ') FROM (SELECT version FROM schema_migrations "
      "ORDER BY version)";
  CHECK(project.query(versions) == project.query(versions, own));

  const std::string url = "sqlite:" + project.database().string();
  const CommandResult nothing = devenv::test::dbmate(url, folder, "up");
  INFO(nothing.output);
  CHECK(nothing.exit_code == 0);
  CHECK(nothing.output.find("Applying") == std::string::npos);
  CHECK(devenv::test::dbmate(url, folder, "status --exit-code").exit_code == 0);

  project.dir().write("db/migrations/20240103000000_name.sql",
                      "-- migrate:up\nALTER TABLE users ADD COLUMN name TEXT;\n-- migrate:down\n");
  const CommandResult one = devenv::test::dbmate(url, folder, "up");
  INFO(one.output);
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.output, Catch::Contains("Applying: 20240103000000_name.sql"));
  CHECK(one.output.find("Applying") == one.output.rfind("Applying"));  // that one only
  CHECK(project.query("SELECT count(*) FROM schema_migrations") == "3");
  reset_records_the_same(project, "SELECT group_concat(version, ' ') FROM schema_migrations");
  CHECK(devenv::test::dbmate(url, folder, "status --exit-code").exit_code == 0);
}

TEST_CASE("real drizzle-orm migrator (SQLite, sql.js): the file devenv made is the one drizzle makes, then the new one",
          "[migrators]") {
  if (!devenv::test::have_migrators()) return;
  SqliteProject project(
      "migrations = \"drizzle\"",
      {{"drizzle/0000_init.sql",
        "CREATE TABLE `users` (\n\t`id` integer PRIMARY KEY NOT NULL,\n\t`email` text\n);\n--> statement-breakpoint\n"
        "CREATE TABLE `log` (`email` text);\n--> statement-breakpoint\n"
        "CREATE TRIGGER `users_log` AFTER INSERT ON `users` BEGIN INSERT INTO `log` VALUES (new.`email`); END;"},
       {"drizzle/0001_index.sql", "CREATE INDEX `users_email` ON `users` (`email`);"},
       {"drizzle/meta/_journal.json",
        devenv::test::drizzle_journal({{"0000_init", 1717000000000}, {"0001_index", 1718000000000}}, "sqlite")}});
  project.make_database();
  const fs::path folder = project.dir().path() / "drizzle";
  const fs::path own = project.dir().path() / "drizzle.db";
  const CommandResult made = devenv::test::drizzle_sqlite_migrate(own, folder);
  INFO(made.output);
  REQUIRE(made.exit_code == 0);
  CHECK_THAT(made.output, Catch::Contains("{\"applied\":2}"));
  CHECK_THAT(project.query(kSchema), Catch::Contains("\"__drizzle_migrations\"") && Catch::Contains("users_log"));
  CHECK(project.query(kSchema) == project.query(kSchema, own));
  const char* const rows =
      "SELECT coalesce(id, '-'), hash, created_at, typeof(created_at) FROM "
      "__drizzle_migrations ORDER BY created_at";
  CHECK(project.query(rows) == project.query(rows, own));

  const CommandResult nothing = devenv::test::drizzle_sqlite_migrate(project.database(), folder);
  INFO(nothing.output);
  CHECK(nothing.exit_code == 0);
  CHECK_THAT(nothing.output, Catch::Contains("{\"applied\":0}"));

  project.dir().write("drizzle/0002_name.sql", "ALTER TABLE `users` ADD `name` text;");
  project.dir().write(
      "drizzle/meta/_journal.json",
      devenv::test::drizzle_journal(
          {{"0000_init", 1717000000000}, {"0001_index", 1718000000000}, {"0002_name", 1719000000000}}, "sqlite"));
  const CommandResult one = devenv::test::drizzle_sqlite_migrate(project.database(), folder);
  INFO(one.output);
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.output, Catch::Contains("{\"applied\":1}"));
  CHECK(project.query("SELECT group_concat(name, ' ') FROM pragma_table_info('users')") == "id email name");
  reset_records_the_same(project, rows);
}
