// Migration folders read as each tool reads them (docs/migration-tools.md): which files,
// in which order, which are errors, and the Up part of a file with its statements.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "migrations/detect_tool.h"
#include "migrations/migration_error.h"
#include "migrations/read_migrations.h"
#include "migrations/up_script.h"
#include "migrations/up_statements.h"
#include "sqltext/source_error.h"
#include "support/temp_dir.h"

using namespace devenv::migrations;
using devenv::sqltext::Dialect;
using devenv::sqltext::SourceError;
using devenv::sqltext::Statement;
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

std::vector<std::string> texts(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  for (const Statement& statement : statements) out.push_back(statement.text);
  return out;
}

std::vector<std::string> places(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  for (const Statement& statement : statements) out.push_back(statement.where.str());
  return out;
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

TEST_CASE("up script: goose sends its Up section, StatementBegin blocks whole", "[unit][migrations]") {
  const std::string file =
      "-- +goose Up\n"                                                      // 1
      "-- +goose StatementBegin\n"                                          // 2
      "CREATE FUNCTION touch() RETURNS trigger AS $$\n"                     // 3
      "BEGIN\n"                                                             // 4
      "  NEW.updated_at = now();\n"                                         // 5
      "  RETURN NEW;\n"                                                     // 6
      "END;\n"                                                              // 7
      "$$ LANGUAGE plpgsql;\n"                                              // 8
      "-- +goose StatementEnd\n"                                            // 9
      "\n"                                                                  // 10
      "CREATE TABLE users (id int PRIMARY KEY, updated_at timestamptz);\n"  // 11
      "  CREATE INDEX users_updated ON users (updated_at);\n"               // 12
      "\n"                                                                  // 13
      "-- +goose Down\n"                                                    // 14
      "DROP TABLE users;\n"                                                 // 15
      "DROP FUNCTION touch();\n";                                           // 16
  const UpScript script = up_script(Tool::Goose, file, "m/00001_users.sql");
  REQUIRE(script.parts.size() == 3);
  CHECK(script.parts[0].whole);
  CHECK(script.parts[0].line == 3);
  CHECK(script.parts[0].text.find("RETURN NEW;") != std::string::npos);
  CHECK_FALSE(script.parts[1].whole);
  CHECK(script.parts[1].line == 11);
  CHECK_FALSE(script.no_transaction);

  const std::vector<Statement> statements = up_statements(script, Dialect::Postgres, "m/00001_users.sql");
  CHECK(places(statements) ==
        std::vector<std::string>{"m/00001_users.sql:3:1", "m/00001_users.sql:11:1", "m/00001_users.sql:12:3"});
  CHECK(texts(statements)[0].ends_with("$$ LANGUAGE plpgsql"));
  for (const std::string& text : texts(statements)) CHECK(text.find("DROP") == std::string::npos);
}

TEST_CASE("up script: a goose MySQL procedure block keeps its inner semicolons", "[unit][migrations]") {
  const std::string file =
      "-- +goose Up\n"
      "-- +goose NO TRANSACTION\n"
      "-- +goose StatementBegin\n"
      "CREATE PROCEDURE count_users() BEGIN SELECT COUNT(*) FROM users; SELECT 1; END;\n"
      "-- +goose StatementEnd\n";
  const UpScript script = up_script(Tool::Goose, file, "p.sql");
  CHECK(script.no_transaction);
  const std::vector<Statement> statements = up_statements(script, Dialect::MySQL, "p.sql");
  REQUIRE(statements.size() == 1);
  CHECK(statements[0].has_inner_semicolon());
  CHECK(statements[0].text.ends_with("SELECT 1; END"));
  CHECK(statements[0].where.str() == "p.sql:4:1");
}

TEST_CASE("up script (SQLite): a trigger body is one statement, and one the tool cuts is an error at the trigger",
          "[unit][migrations][sqlite]") {
  const std::string trigger = "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\n";
  const auto statements_of = [](Tool tool, const std::string& file) {
    return up_statements(up_script(tool, file, "t.sql"), Dialect::SQLite, "t.sql");
  };
  // Whole: sqlx's file, goose's StatementBegin block, a Drizzle piece.
  CHECK(texts(statements_of(Tool::Sqlx, "CREATE TABLE a (id int);\n" + trigger)).back() ==
        "CREATE TRIGGER t AFTER INSERT ON a\nBEGIN\n  SELECT 1;\n  SELECT 2;\nEND");
  CHECK(places(statements_of(Tool::Goose, "-- +goose Up\n-- +goose StatementBegin\n" + trigger +
                                              "-- +goose StatementEnd\n")) == std::vector<std::string>{"t.sql:3:1"});
  CHECK(statements_of(Tool::Drizzle, trigger + "--> statement-breakpoint\nSELECT 3;").size() == 2);
  // Cut: goose ends a statement at every line ending in `;`, Drizzle at a breakpoint.
  const auto error_at = [&](Tool tool, const std::string& file) {
    return source_error([&] { statements_of(tool, file); }).where().str();
  };
  CHECK(error_at(Tool::Goose, "-- +goose Up\nCREATE TABLE a (id int);\n" + trigger) == "t.sql:3:1");
  CHECK(error_at(Tool::Drizzle, "CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;\n--> statement-breakpoint\nEND;") ==
        "t.sql:1:1");
}

TEST_CASE("up script: goose files goose would refuse are errors where they go wrong", "[unit][migrations]") {
  const auto error_at = [](const std::string& file) {
    return source_error([&] { up_script(Tool::Goose, file, "g.sql"); }).where().str();
  };
  CHECK(error_at("-- only a comment\nCREATE TABLE a (id int);\n") == "g.sql:2:1");  // SQL before Up
  CHECK(error_at("\n-- nothing here\n") == "g.sql:1:1");                            // no Up at all
  CHECK(error_at("-- +goose Up\nSELECT 1;\n-- +goose StatementBegin\nSELECT 2;\n") == "g.sql:3:1");
  CHECK(error_at("-- +goose Up\nSELECT 1;\n  SELECT 2\n-- +goose Down\nSELECT 3;\n") == "g.sql:3:3");
  CHECK(error_at("-- +goose Up\nSELECT 1;\n-- +goose StatementEnd\n") == "g.sql:3:1");
  CHECK(error_at("-- +goose Up\n-- +goose Sideways\n") == "g.sql:2:1");
  CHECK(error_at("\xEF\xBB\xBF-- +goose Up\nSELECT 1;\n") == "g.sql:1:1");
  CHECK(error_at("-- +goose Up\n-- +goose ENVSUB ON\nSELECT '${X}';\n") == "g.sql:2:1");
  // ENVSUB in the Down section does not touch what is applied.
  CHECK(up_script(Tool::Goose, "-- +goose Up\nSELECT 1;\n-- +goose Down\n-- +goose ENVSUB ON\nSELECT 2;\n", "g.sql")
            .parts.size() == 1);
}

TEST_CASE("up script: dbmate runs the up section only, with its options", "[unit][migrations]") {
  const std::string file =
      "-- A comment before the first section is allowed.\n"  // 1
      "-- migrate:up transaction:false\n"                    // 2
      "CREATE TABLE a (id int);\n"                           // 3
      "CREATE INDEX CONCURRENTLY a_id ON a (id);\n"          // 4
      "\n"                                                   // 5
      "-- migrate:down\n"                                    // 6
      "DROP TABLE a;\n";                                     // 7
  const UpScript script = up_script(Tool::Dbmate, file, "d.sql");
  REQUIRE(script.parts.size() == 1);
  CHECK(script.parts[0].line == 2);
  CHECK(script.no_transaction);
  const std::vector<Statement> statements = up_statements(script, Dialect::Postgres, "d.sql");
  CHECK(places(statements) == std::vector<std::string>{"d.sql:3:1", "d.sql:4:1"});
  for (const std::string& text : texts(statements)) CHECK(text.find("DROP") == std::string::npos);

  SECTION("several sections: every up part, in order") {
    const UpScript two = up_script(Tool::Dbmate,
                                   "-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n-- migrate:up\nSELECT 3;\n"
                                   "-- migrate:down\nSELECT 4;\n",
                                   "d.sql");
    CHECK(texts(up_statements(two, Dialect::MySQL, "d.sql")) ==
          std::vector<std::string>{"-- migrate:up\nSELECT 1", "-- migrate:up\nSELECT 3"});
    CHECK_FALSE(two.no_transaction);
  }
  SECTION("errors") {
    const auto error_at = [](const std::string& text) {
      return source_error([&] { up_script(Tool::Dbmate, text, "d.sql"); }).where().str();
    };
    CHECK(error_at("-- migrate:up\nSELECT 1;\n") == "d.sql:1:1");  // no down
    CHECK(error_at("\n  CREATE TYPE s AS ENUM ('a');\n-- migrate:up\n-- migrate:down\n") == "d.sql:2:3");
    CHECK(error_at("SELECT 1;\n") == "d.sql:1:1");                            // no up
    CHECK(error_at("-- migrate:upgrade\n-- migrate:down\n") == "d.sql:1:1");  // not a directive
  }
}

TEST_CASE("up script: Drizzle pieces end at breakpoints, also without a semicolon", "[unit][migrations]") {
  const std::string file =
      "CREATE TABLE \"a\" (\"id\" integer PRIMARY KEY)\n"                                           // 1
      "--> statement-breakpoint\n"                                                                  // 2
      "CREATE TABLE \"b\" (\"id\" integer);--> statement-breakpoint\n"                              // 3
      "ALTER TABLE \"b\" ADD CONSTRAINT \"b_a\" FOREIGN KEY (\"id\") REFERENCES \"a\"(\"id\");\n";  // 4
  const UpScript script = up_script(Tool::Drizzle, file, "0000_init.sql");
  REQUIRE(script.parts.size() == 3);
  CHECK(script.parts[2].line == 3);
  CHECK(script.parts[2].column == 57);
  const std::vector<Statement> statements = up_statements(script, Dialect::Postgres, "0000_init.sql");
  CHECK(places(statements) == std::vector<std::string>{"0000_init.sql:1:1", "0000_init.sql:3:1", "0000_init.sql:4:1"});
  CHECK(texts(statements)[0] == "CREATE TABLE \"a\" (\"id\" integer PRIMARY KEY)");
}

TEST_CASE("up script: whole-file tools send the file, sqlx and Atlas markers are read", "[unit][migrations]") {
  const std::string file = "-- no-transaction\nCREATE INDEX CONCURRENTLY i ON t (a);\nSELECT 1;\n";
  const UpScript sqlx = up_script(Tool::Sqlx, file, "1_i.sql");
  REQUIRE(sqlx.parts.size() == 1);
  CHECK(sqlx.parts[0].text == file);
  CHECK(sqlx.no_transaction);
  // sqlx compares the first bytes exactly, so a byte-order mark hides the marker.
  const UpScript with_bom = up_script(Tool::Sqlx, "\xEF\xBB\xBF" + file, "1_i.sql");
  CHECK_FALSE(with_bom.no_transaction);
  CHECK(with_bom.parts[0].text == file);
  CHECK(places(up_statements(with_bom, Dialect::Postgres, "1_i.sql")) ==
        std::vector<std::string>{"1_i.sql:2:1", "1_i.sql:3:1"});

  CHECK_FALSE(up_script(Tool::GolangMigrate, file, "1_i.up.sql").no_transaction);
  CHECK(up_script(Tool::Atlas, "-- atlas:txmode none\n\nCREATE INDEX CONCURRENTLY i ON t (a);\n", "a.sql")
            .no_transaction);
  CHECK(source_error([] { up_script(Tool::Atlas, "-- atlas:delimiter //\n\nSELECT 1//\n", "a.sql"); }).where().str() ==
        "a.sql:1:1");
}
