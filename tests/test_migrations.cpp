// Migration folders read as each tool reads them (docs/migration-tools.md): which files,
// in which order, and which are errors.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "migrations/detect_tool.h"
#include "migrations/migration_error.h"
#include "migrations/read_migrations.h"
#include "sqltext/source_error.h"
#include "support/temp_dir.h"

using namespace devenv::migrations;
using devenv::sqltext::SourceError;
using devenv::test::TempDir;
namespace fs = std::filesystem;

namespace {

std::vector<std::string> displays(const MigrationSet& set) {
  std::vector<std::string> out;
  for (const Migration& migration : set.migrations) out.push_back(migration.display);
  return out;
}

std::vector<std::string> versions(const MigrationSet& set) {
  std::vector<std::string> out;
  for (const Migration& migration : set.migrations) out.push_back(migration.version);
  return out;
}

MigrationSet read(const TempDir& dir, const std::vector<std::string>& folders, std::optional<Tool> tool) {
  std::vector<fs::path> paths;
  for (const std::string& folder : folders) paths.push_back(dir.path() / folder);
  return read_migrations(paths, tool, dir.path());
}

Tool detect(const TempDir& dir, const std::string& folder) { return detect_tool({dir.path() / folder}); }

std::string migration_error(const std::function<void()>& run) {
  try {
    run();
  } catch (const MigrationError& e) {
    return e.what();
  }
  FAIL("expected a MigrationError");
  return {};
}

SourceError source_error(const std::function<void()>& run) {
  try {
    run();
  } catch (const SourceError& e) {
    return e;
  }
  FAIL("expected a SourceError");
  return SourceError({}, "");
}

}  // namespace

TEST_CASE("migrations: tools are named as their users write them", "[unit][migrations]") {
  CHECK(tool_named("golang-migrate") == Tool::GolangMigrate);
  CHECK(tool_named("drizzle") == Tool::Drizzle);
  CHECK_FALSE(tool_named("Goose"));
  CHECK_FALSE(tool_named("prisma"));
  CHECK(tool_names().size() == 7);
  for (std::string_view name : tool_names()) CHECK(name_of(*tool_named(name)) == name);
}

TEST_CASE("migrations: sqlx applies by integer version and skips names it does not take", "[unit][migrations]") {
  TempDir dir;
  dir.write("db/20240102000000_add_email.sql", "ALTER TABLE users ADD email text;");
  dir.write("db/20240101000000_create_users.sql", "CREATE TABLE users (id int);");
  dir.write("db/9_nine.sql", "SELECT 9;");
  dir.write("db/10_ten.up.sql", "SELECT 10;");
  dir.write("db/10_ten.down.sql", "SELECT -10;");
  dir.write("db/schema.sql", "-- no `_`: skipped");
  dir.write("db/1_notes.txt", "not .sql: skipped");
  const MigrationSet set = read(dir, {"db"}, Tool::Sqlx);
  CHECK(displays(set) == std::vector<std::string>{"db/9_nine.sql", "db/10_ten.up.sql",
                                                  "db/20240101000000_create_users.sql",
                                                  "db/20240102000000_add_email.sql"});
  CHECK(set.migrations[2].description == "create users");
  CHECK(set.migrations[1].description == "ten");
  CHECK(set.migrations[0].path == dir.path() / "db/9_nine.sql");

  dir.write("db/init_users.sql", "a `_` after a word: sqlx refuses the folder");
  const std::string error = migration_error([&] { read(dir, {"db"}, Tool::Sqlx); });
  CHECK_THAT(error, Catch::Contains("db/init_users.sql") && Catch::Contains("not an integer"));
}

TEST_CASE("migrations: goose folders are one version namespace, lower versions added later first",
          "[unit][migrations]") {
  TempDir dir;
  const std::string up = "-- +goose Up\nSELECT 1;\n";
  dir.write("users/migrations/02001_users.sql", up);
  dir.write("users/migrations/02002_profiles.sql", up);
  dir.write("billing/migrations/03001_invoices.sql", up);
  dir.write("billing/migrations/03002_payments.sql", up);
  // Written after 03002 was applied somewhere: goose with allow-missing still applies it
  // in version order on an empty database.
  dir.write("users/migrations/02003_avatars.sql", up);
  dir.write("users/migrations/embed.go", "package migrations");
  const MigrationSet set = read(dir, {"billing/migrations", "users/migrations"}, std::nullopt);
  CHECK(set.tool == Tool::Goose);
  CHECK(versions(set) == std::vector<std::string>{"02001", "02002", "02003", "03001", "03002"});
  CHECK(set.migrations[2].display == "users/migrations/02003_avatars.sql");
  CHECK(set.migrations[2].description == "avatars");

  SECTION("versions compare as integers, not as text") {
    dir.write("seq/9_nine.sql", up);
    dir.write("seq/10_ten.sql", up);
    CHECK(versions(read(dir, {"seq"}, Tool::Goose)) == std::vector<std::string>{"9", "10"});
  }
  SECTION("a .sql file without a version is refused, as the goose CLI does") {
    dir.write("users/migrations/seed.sql", up);
    CHECK_THAT(migration_error([&] { read(dir, {"users/migrations"}, Tool::Goose); }),
               Catch::Contains("users/migrations/seed.sql"));
  }
  SECTION("version 0 is refused") {
    dir.write("users/migrations/0_zero.sql", up);
    CHECK_THAT(migration_error([&] { read(dir, {"users/migrations"}, Tool::Goose); }),
               Catch::Contains("0_zero.sql") && Catch::Contains("1 or more"));
  }
  SECTION("a Go migration cannot be applied") {
    dir.write("users/migrations/02004_backfill.go", "package migrations");
    CHECK_THAT(migration_error([&] { read(dir, {"users/migrations"}, Tool::Goose); }),
               Catch::Contains("02004_backfill.go") && Catch::Contains("Go migration"));
  }
}

TEST_CASE("migrations: one version in two folders is an error naming both files", "[unit][migrations]") {
  TempDir dir;
  dir.write("a/00001_users.sql", "-- +goose Up\nSELECT 1;\n");
  dir.write("b/1_orders.sql", "-- +goose Up\nSELECT 1;\n");  // 00001 and 1 are one int64 to goose
  const std::string error = migration_error([&] { read(dir, {"a", "b"}, Tool::Goose); });
  CHECK_THAT(error, Catch::Contains("a/00001_users.sql") && Catch::Contains("b/1_orders.sql"));

  SECTION("within one folder too") {
    dir.write("a/00001_again.sql", "-- +goose Up\nSELECT 1;\n");
    CHECK_THAT(migration_error([&] { read(dir, {"a"}, Tool::Goose); }),
               Catch::Contains("a/00001_again.sql") && Catch::Contains("a/00001_users.sql"));
  }
  SECTION("dbmate keys versions as strings: 00001 and 1 are two versions") {
    dir.write("c/00001_users.sql", "-- migrate:up\n-- migrate:down\n");
    dir.write("d/1_orders.sql", "-- migrate:up\n-- migrate:down\n");
    CHECK(read(dir, {"c", "d"}, Tool::Dbmate).migrations.size() == 2);
  }
  SECTION("the same folder given twice") {
    CHECK_THAT(migration_error([&] { read(dir, {"a", "a/"}, Tool::Goose); }), Catch::Contains("given twice"));
  }
}

TEST_CASE("migrations: golang-migrate applies up files by uint version", "[unit][migrations]") {
  TempDir dir;
  for (const char* name : {"1_init", "2_users", "10_orders"}) {
    dir.write(std::string("m/") + name + ".up.sql", "SELECT 1;");
    dir.write(std::string("m/") + name + ".down.sql", "SELECT 2;");
  }
  dir.write("m/README.md", "# migrations");
  const MigrationSet set = read(dir, {"m"}, std::nullopt);
  CHECK(set.tool == Tool::GolangMigrate);
  CHECK(displays(set) == std::vector<std::string>{"m/1_init.up.sql", "m/2_users.up.sql", "m/10_orders.up.sql"});
  CHECK(set.migrations[2].description == "orders");
}

TEST_CASE("migrations: Drizzle applies in journal order, which may differ from file names", "[unit][migrations]") {
  TempDir dir;
  // Two branches each generated a 0001 migration; the journal says which runs first.
  dir.write("drizzle/meta/_journal.json", R"({
  "version": "7",
  "dialect": "postgresql",
  "entries": [
    { "idx": 0, "version": "7", "when": 1700000000000, "tag": "0000_init", "breakpoints": true },
    { "idx": 1, "version": "7", "when": 1700000100000, "tag": "0001_users", "breakpoints": true },
    { "idx": 2, "version": "7", "when": 1700000200000, "tag": "0001_orders", "breakpoints": true }
  ]
})");
  dir.write("drizzle/0000_init.sql", "CREATE TABLE a (id int);");
  dir.write("drizzle/0001_orders.sql", "CREATE TABLE orders (id int);");
  dir.write("drizzle/0001_users.sql", "CREATE TABLE users (id int);");
  dir.write("drizzle/meta/0000_snapshot.json", "{}");
  const MigrationSet set = read(dir, {"drizzle"}, std::nullopt);
  CHECK(set.tool == Tool::Drizzle);
  CHECK(displays(set) ==
        std::vector<std::string>{"drizzle/0000_init.sql", "drizzle/0001_users.sql", "drizzle/0001_orders.sql"});
  CHECK(set.migrations[1].version == "0001");
  CHECK(set.migrations[1].description == "users");
  CHECK(set.dialect == "postgresql");

  SECTION("a journal entry without its file names the journal's line and the file") {
    fs::remove(dir.path() / "drizzle/0001_users.sql");
    const SourceError error = source_error([&] { read(dir, {"drizzle"}, std::nullopt); });
    CHECK(error.where().str() == "drizzle/meta/_journal.json:6:63");
    CHECK_THAT(error.message(), Catch::Contains("drizzle/0001_users.sql"));
  }
  SECTION("a .sql file the journal does not list names the file and the journal") {
    dir.write("drizzle/0002_hand_written.sql", "CREATE INDEX ON a (id);");
    const SourceError error = source_error([&] { read(dir, {"drizzle"}, std::nullopt); });
    CHECK(error.where().str() == "drizzle/0002_hand_written.sql:1:1");
    CHECK_THAT(error.message(), Catch::Contains("drizzle/meta/_journal.json"));
  }
  SECTION("a journal that is not JSON") {
    dir.write("drizzle/meta/_journal.json", "{ \"entries\": [ ");
    CHECK(source_error([&] { read(dir, {"drizzle"}, Tool::Drizzle); }).where().file == "drizzle/meta/_journal.json");
  }
}

TEST_CASE("migrations: Drizzle v1 folders apply in folder-name order", "[unit][migrations]") {
  TempDir dir;
  dir.write("drizzle/20240102080000_orders/migration.sql", "CREATE TABLE orders (id int);");
  dir.write("drizzle/20240102080000_orders/snapshot.json", "{}");
  dir.write("drizzle/20240101090000_init/migration.sql", "CREATE TABLE a (id int);");
  const MigrationSet set = read(dir, {"drizzle"}, std::nullopt);
  CHECK(set.tool == Tool::Drizzle);
  CHECK(displays(set) == std::vector<std::string>{"drizzle/20240101090000_init/migration.sql",
                                                  "drizzle/20240102080000_orders/migration.sql"});
  CHECK(set.migrations[0].version == "20240101090000");
  CHECK(set.migrations[0].description == "init");
  CHECK_FALSE(set.dialect);
}

TEST_CASE("migrations: dbmate orders by file name as a string", "[unit][migrations]") {
  TempDir dir;
  const std::string body = "-- migrate:up\nSELECT 1;\n-- migrate:down\n";
  dir.write("db/migrations/2_second.sql", body);
  dir.write("db/migrations/10_tenth.sql", body);
  dir.write("db/migrations/20240101000000_users.sql", body);
  dir.write("db/migrations/notes.sql", "-- no leading digits: skipped");
  const MigrationSet set = read(dir, {"db/migrations"}, std::nullopt);
  CHECK(set.tool == Tool::Dbmate);
  // As strings, "10_…" < "2024…" < "2_…" ('0' sorts before '_').
  CHECK(versions(set) == std::vector<std::string>{"10", "20240101000000", "2"});
  CHECK(set.migrations[1].description == "users");
}

TEST_CASE("migrations: Flyway orders versions numerically, then repeatables by description", "[unit][migrations]") {
  TempDir dir;
  for (const char* name :
       {"V10__last.sql", "V2__more.sql", "V1.1__add_email.sql", "V1__init.sql", "R__views.sql", "R__a_functions.sql",
        "U2__undo_more.sql", "V3_x__bad_version.sql", "notes.txt", "release2/V1_2__from_subfolder.sql"}) {
    dir.write(std::string("sql/") + name, "SELECT 1;");
  }
  const MigrationSet set = read(dir, {"sql"}, std::nullopt);
  CHECK(set.tool == Tool::Flyway);
  CHECK(displays(set) == std::vector<std::string>{"sql/V1__init.sql", "sql/V1.1__add_email.sql",
                                                  "sql/release2/V1_2__from_subfolder.sql", "sql/V2__more.sql",
                                                  "sql/V10__last.sql", "sql/R__a_functions.sql", "sql/R__views.sql"});
  CHECK(versions(set) == std::vector<std::string>{"1", "1.1", "1.2", "2", "10", "", ""});
  CHECK(set.migrations[1].description == "add email");
  CHECK(set.migrations[5].repeatable);
  CHECK_FALSE(set.migrations[4].repeatable);

  SECTION("1 and 1.0 are one version to Flyway") {
    dir.write("sql/V1.0__again.sql", "SELECT 1;");
    CHECK_THAT(migration_error([&] { read(dir, {"sql"}, Tool::Flyway); }),
               Catch::Contains("sql/V1__init.sql") && Catch::Contains("sql/V1.0__again.sql"));
  }
}

TEST_CASE("migrations: Atlas orders by file name and does not apply atlas.sum", "[unit][migrations]") {
  TempDir dir;
  dir.write("migrations/20240102000000_orders.sql", "CREATE TABLE orders (id int);");
  dir.write("migrations/20240101000000_init.sql", "CREATE TABLE a (id int);");
  dir.write("migrations/atlas.sum", "h1:abc=\n20240101000000_init.sql h1:def=\n");
  const MigrationSet set = read(dir, {"migrations"}, std::nullopt);
  CHECK(set.tool == Tool::Atlas);
  CHECK(displays(set) ==
        std::vector<std::string>{"migrations/20240101000000_init.sql", "migrations/20240102000000_orders.sql"});
  CHECK(set.migrations[1].version == "20240102000000");
  CHECK(set.migrations[1].description == "orders");
}

TEST_CASE("migrations: the tool is detected from the folder's files", "[unit][migrations]") {
  TempDir dir;
  dir.write("goose/00001_init.sql", "-- header comment\n-- +goose Up\nCREATE TABLE a (id int);\n");
  dir.write("dbmate/20240101000000_init.sql", "-- migrate:up\nCREATE TABLE a (id int);\n-- migrate:down\n");
  dir.write("drizzle/meta/_journal.json", R"({"entries": []})");
  dir.write("flyway/V1__init.sql", "CREATE TABLE a (id int);");
  dir.write("atlas/20240101000000_init.sql", "CREATE TABLE a (id int);");
  dir.write("atlas/atlas.sum", "h1:x=\n");
  dir.write("sqlx/20240101000000_init.sql", "CREATE TABLE a (id int);");
  dir.write("golang-migrate/1_init.up.sql", "CREATE TABLE a (id int);");
  dir.write("golang-migrate/1_init.down.sql", "DROP TABLE a;");
  // sqlx also takes pairs; a plain migration beside them is what golang-migrate would never run.
  dir.write("sqlx-mixed/1_init.up.sql", "CREATE TABLE a (id int);");
  dir.write("sqlx-mixed/1_init.down.sql", "DROP TABLE a;");
  dir.write("sqlx-mixed/2_users.sql", "CREATE TABLE users (id int);");
  CHECK(detect(dir, "goose") == Tool::Goose);
  CHECK(detect(dir, "dbmate") == Tool::Dbmate);
  CHECK(detect(dir, "drizzle") == Tool::Drizzle);
  CHECK(detect(dir, "flyway") == Tool::Flyway);
  CHECK(detect(dir, "atlas") == Tool::Atlas);
  CHECK(detect(dir, "sqlx") == Tool::Sqlx);
  CHECK(detect(dir, "golang-migrate") == Tool::GolangMigrate);
  CHECK(detect(dir, "sqlx-mixed") == Tool::Sqlx);

  SECTION("a folder that matches none says what was looked for") {
    dir.write("other/schema.sql", "CREATE TABLE a (id int);");
    const std::string error = migration_error([&] { detect(dir, "other"); });
    CHECK_THAT(error, Catch::Contains("no migration tool recognised") && Catch::Contains("looked for") &&
                          Catch::Contains("-- +goose Up") && Catch::Contains("meta/_journal.json"));
  }
  SECTION("folders of two tools") {
    CHECK_THAT(migration_error([&] {
                 detect_tool({dir.path() / "goose", dir.path() / "dbmate"});
               }),
               Catch::Contains("goose") && Catch::Contains("dbmate"));
  }
  SECTION("a folder that does not exist, or holds nothing for the tool") {
    CHECK_THAT(migration_error([&] { read(dir, {"missing"}, std::nullopt); }), Catch::Contains("does not exist"));
    fs::create_directories(dir.path() / "empty");
    CHECK_THAT(migration_error([&] { read(dir, {"empty"}, Tool::Sqlx); }),
               Catch::Contains("empty holds no sqlx migrations"));
  }
}
