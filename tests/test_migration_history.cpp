// The migration tools' own history tables after `devenv up`, on real servers: each
// tool's rows read back and compared with values this test computes itself (the
// checksums with coreutils and its own CRC32), and the real drizzle-orm and dbmate
// (from npm, tests/migrators/install.sh) finding nothing to do, then applying exactly
// one new migration as the app's user.
#include <catch2/catch.hpp>

#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <regex>
#include <string>

#include "support/migrators.h"
#include "support/native_example.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using devenv::test::CommandResult;
using devenv::test::dbmate;
using devenv::test::drizzle_journal;
using devenv::test::have_migrators;
using devenv::test::NativeExample;
using devenv::test::run_command;

namespace {

std::string config(const std::string& engine, const std::string& database_keys) {
  const bool postgres = engine == "postgres";
  const std::string server = postgres ? "postgres" : "mysql";
  return "[project]\nname = \"history-test\"\ndata_on_tmpfs = true\n[servers." + server + "]\nengine = \"" + engine +
         "\"\nport = 0\nroot_password = \"devenv-root\"\n[[databases]]\nkey = \"app\"\nserver = \"" + server + "\"\n" +
         database_keys + "\n[[users]]\nname = \"app\"\npassword = \"app\"\nserver = \"" + server +
         "\"\ndatabases = [\"app\"]\n";
}

void require_up(const NativeExample& project) {
  const CommandResult up = project.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
}

// coreutils' digest of a file, in hex.
std::string digest(const std::string& tool, const fs::path& file) {
  const CommandResult result = run_command(tool + " '" + file.string() + "'");
  REQUIRE(result.exit_code == 0);
  return result.output.substr(0, result.output.find(' '));
}

// Flyway's checksum, computed here from the CRC-32 polynomial: every line's bytes
// without its terminator, a leading BOM dropped, as a signed 32-bit number.
std::int32_t flyway_crc32(std::string text) {
  std::array<std::uint32_t, 256> table{};
  for (std::uint32_t i = 0; i < 256; ++i) {
    std::uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = c & 1 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[i] = c;
  }
  if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
  std::uint32_t crc = 0xFFFFFFFFu;
  for (char c : text) {
    if (c == '\r' || c == '\n') continue;
    crc = table[(crc ^ static_cast<unsigned char>(c)) & 0xFF] ^ (crc >> 8);
  }
  return static_cast<std::int32_t>(crc ^ 0xFFFFFFFFu);
}

void require_clean_verify(const NativeExample& project) {
  for (const char* command : {"verify", "verify --include-history"}) {
    const CommandResult verify = project.devenv(command);
    INFO(command << "\n" << verify.output);
    CHECK(verify.exit_code == 0);
  }
}

}  // namespace

TEST_CASE("history (sqlx, PostgreSQL): one row per file, SHA-384 of its exact bytes, owned by the app",
          "[native][history]") {
  NativeExample project({{"config.toml", config("postgres", "migrations = \"migrations\"")},
                         {"migrations/1_create_users.sql",
                          "\xEF\xBB\xBF"
                          "CREATE TABLE users (id int);\r\n"},
                         {"migrations/20240101_add_email.up.sql", "ALTER TABLE users ADD COLUMN email text;\n"},
                         {"migrations/20240101_add_email.down.sql", "ALTER TABLE users DROP COLUMN email;\n"}});
  require_up(project);
  const fs::path dir = project.dir().path() / "migrations";
  CHECK(project.postgres("SELECT string_agg(version || '|' || description || '|' || success || '|' || "
                         "encode(checksum, 'hex'), ' ' ORDER BY version) FROM _sqlx_migrations",
                         "app") == "1|create users|true|" + digest("sha384sum", dir / "1_create_users.sql") +
                                       " 20240101|add email|true|" +
                                       digest("sha384sum", dir / "20240101_add_email.up.sql") + "\n");
  CHECK(project.postgres("SELECT tableowner FROM pg_tables WHERE tablename = '_sqlx_migrations'", "app") == "app\n");
  require_clean_verify(project);
}

TEST_CASE("history (sqlx, MariaDB): migration_table renames it", "[native][history]") {
  NativeExample project({{"config.toml", config("mariadb",
                                                "migrations = \"migrations\"\nmigration_tool = \"sqlx\"\n"
                                                "migration_table = \"app_migrations\"")},
                         {"migrations/7_t.sql", "CREATE TABLE t (id INT);\n"}});
  require_up(project);
  CHECK(project.mysql("SELECT CONCAT(version, '|', description, '|', success, '|', LOWER(HEX(checksum))) FROM "
                      "app_migrations",
                      "app") == "7|t|1|" + digest("sha384sum", project.dir().path() / "migrations/7_t.sql") + "\n");
  require_clean_verify(project);
}

TEST_CASE("history (goose): the version-0 row, then every version in the order applied", "[native][history]") {
  NativeExample project(
      {{"config.toml", config("postgres", "migrations = [\"a\", \"b\"]\nschemas = [\"billing\"]")},
       {"a/02001_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n"},
       {"b/03001_plans.sql", "-- +goose Up\nCREATE SCHEMA billing;\nCREATE TABLE billing.plans (id int);\n"},
       {"a/02002_sessions.sql", "-- +goose Up\nCREATE TABLE sessions (id int);\n"}});
  require_up(project);
  CHECK(project.postgres("SELECT string_agg(version_id || ':' || is_applied, ' ' ORDER BY id) FROM "
                         "public.goose_db_version",
                         "app") == "0:true 2001:true 2002:true 3001:true\n");
  require_clean_verify(project);
}

TEST_CASE("history (golang-migrate): one row, the highest version, not dirty", "[native][history]") {
  NativeExample project({{"config.toml", config("mariadb", "migrations = \"db\"")},
                         {"db/000001_a.up.sql", "CREATE TABLE a (id INT);\n"},
                         {"db/000001_a.down.sql", "DROP TABLE a;\n"},
                         {"db/000002_b.up.sql", "CREATE TABLE b (id INT);\n"},
                         {"db/000002_b.down.sql", "DROP TABLE b;\n"}});
  require_up(project);
  CHECK(project.mysql("SELECT CONCAT(version, '|', dirty) FROM schema_migrations", "app") == "2|0\n");
  require_clean_verify(project);
}

TEST_CASE("history (Drizzle, PostgreSQL): SHA-256 of each file and the journal's when, in schema drizzle",
          "[native][history]") {
  NativeExample project(
      {{"config.toml", config("postgres", "migrations = \"drizzle\"")},
       {"drizzle/0000_a.sql", "CREATE TABLE \"a\" (\"id\" integer);\n"},
       {"drizzle/0001_b.sql", "CREATE TABLE \"b\" (\"id\" integer);\n--> statement-breakpoint\nSELECT 1;\n"},
       {"drizzle/meta/_journal.json",
        R"({"version": "7", "dialect": "postgresql", "entries": [
          {"idx": 0, "version": "7", "when": 1717000000000, "tag": "0000_a", "breakpoints": true},
          {"idx": 1, "version": "7", "when": 1718000000000, "tag": "0001_b", "breakpoints": true}]})"}});
  require_up(project);
  const fs::path dir = project.dir().path() / "drizzle";
  CHECK(project.postgres("SELECT string_agg(hash || '@' || created_at, ' ' ORDER BY id) FROM "
                         "drizzle.__drizzle_migrations",
                         "app") == digest("sha256sum", dir / "0000_a.sql") + "@1717000000000 " +
                                       digest("sha256sum", dir / "0001_b.sql") + "@1718000000000\n");
  require_clean_verify(project);
}

TEST_CASE("history (dbmate, MariaDB): the version strings, leading zeros kept", "[native][history]") {
  NativeExample project(
      {{"config.toml", config("mariadb", "migrations = \"db/migrations\"")},
       {"db/migrations/0001_a.sql", "-- migrate:up\nCREATE TABLE a (id INT);\n-- migrate:down\n"},
       {"db/migrations/20240101_b.sql", "-- migrate:up\nCREATE TABLE b (id INT);\n-- migrate:down\n"}});
  require_up(project);
  CHECK(project.mysql("SELECT GROUP_CONCAT(version ORDER BY version SEPARATOR ' ') FROM schema_migrations", "app") ==
        "0001 20240101\n");
  require_clean_verify(project);
}

TEST_CASE("history (Flyway): ranks, versions, descriptions, scripts and Flyway's CRC32", "[native][history]") {
  const std::string v1 = "CREATE TABLE a (id int);\r\n-- two lines\n";
  const std::string r = "CREATE OR REPLACE VIEW va AS SELECT id FROM a;";
  NativeExample project({{"config.toml", config("postgres", "migrations = \"sql\"\nmigration_tool = \"flyway\"")},
                         {"sql/V1__create_a.sql", v1},
                         {"sql/nested/V1_1__more.sql", "ALTER TABLE a ADD COLUMN b int;\n"},
                         {"sql/R__views.sql", r}});
  require_up(project);
  CHECK(project.postgres("SELECT string_agg(installed_rank || '|' || coalesce(version, '-') || '|' || description || "
                         "'|' || type || '|' || script || '|' || checksum || '|' || installed_by || '|' || success, "
                         "' ' ORDER BY installed_rank) FROM flyway_schema_history",
                         "app") == "1|1|create a|SQL|V1__create_a.sql|" + std::to_string(flyway_crc32(v1)) +
                                       "|app|true 2|1.1|more|SQL|nested/V1_1__more.sql|" +
                                       std::to_string(flyway_crc32("ALTER TABLE a ADD COLUMN b int;\n")) +
                                       "|app|true 3|-|views|SQL|R__views.sql|" + std::to_string(flyway_crc32(r)) +
                                       "|app|true\n");
  require_clean_verify(project);
}

TEST_CASE("history (Atlas): one complete revision per file with its atlas.sum hash", "[native][history]") {
  NativeExample project({{"config.toml", config("postgres", "migrations = \"migrations\"")},
                         {"migrations/20240101000000_init.sql", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n"},
                         {"migrations/20240102000000_more.sql", "ALTER TABLE a ADD COLUMN c int;\n"},
                         {"migrations/atlas.sum",
                          "h1:TOTAL=\n20240101000000_init.sql h1:AAA=\n"
                          "20240102000000_more.sql h1:BBB=\n"}});
  require_up(project);
  CHECK(project.postgres("SELECT string_agg(version || '|' || description || '|' || type || '|' || applied || '/' || "
                         "total || '|' || hash, ' ' ORDER BY version) FROM "
                         "atlas_schema_revisions.atlas_schema_revisions",
                         "app") == "20240101000000|init|2|2/2|AAA= 20240102000000|more|2|1/1|BBB=\n");
  require_clean_verify(project);
}

namespace {

CommandResult drizzle_migrate(const std::string& dialect, const std::string& url, const fs::path& folder) {
  return run_command("cd '" + devenv::test::migrators_dir().string() + "' && node drizzle_migrate.mjs " + dialect +
                     " '" + url + "' '" + folder.string() + "'");
}

// The real drizzle-orm migrator, as the app's user: nothing to do after `up`; a new
// migration applied exactly once, and recorded as `reset` records it.
void check_drizzle(const std::string& engine, const std::string& dialect, const std::string& url_scheme) {
  const bool postgres = engine == "postgres";
  const std::string table = postgres ? "drizzle.__drizzle_migrations" : "__drizzle_migrations";
  NativeExample project(
      {{"config.toml", config(engine, "migrations = \"drizzle\"")},
       {"drizzle/0000_init.sql", postgres ? "CREATE TABLE \"users\" (\"id\" serial PRIMARY KEY, \"email\" text);"
                                          : "CREATE TABLE `users` (`id` serial PRIMARY KEY, `email` text);"},
       {"drizzle/0001_index.sql", postgres ? "CREATE INDEX \"users_email\" ON \"users\" (\"email\");"
                                           : "CREATE INDEX `users_email` ON `users` (`email`(100));"},
       {"drizzle/meta/_journal.json",
        drizzle_journal({{"0000_init", 1717000000000}, {"0001_index", 1718000000000}}, dialect)}});
  require_up(project);
  const std::string server = postgres ? "postgres" : "mysql";
  const std::string url = url_scheme + "://app:app@127.0.0.1:" + std::to_string(project.port(server)) + "/app";
  const fs::path folder = project.dir().path() / "drizzle";
  const CommandResult nothing = drizzle_migrate(postgres ? "pg" : "mysql", url, folder);
  INFO(nothing.output);
  CHECK(nothing.exit_code == 0);
  CHECK_THAT(nothing.output, Catch::Contains("{\"applied\":0}"));

  project.dir().write("drizzle/0002_name.sql", postgres ? "ALTER TABLE \"users\" ADD COLUMN \"name\" text;"
                                                        : "ALTER TABLE `users` ADD COLUMN `name` text;");
  project.dir().write(
      "drizzle/meta/_journal.json",
      drizzle_journal({{"0000_init", 1717000000000}, {"0001_index", 1718000000000}, {"0002_name", 1719000000000}},
                      dialect));
  const CommandResult one = drizzle_migrate(postgres ? "pg" : "mysql", url, folder);
  INFO(one.output);
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.output, Catch::Contains("{\"applied\":1}"));
  const std::string rows_sql = postgres
                                   ? "SELECT string_agg(hash || '@' || created_at, ' ' ORDER BY id) FROM " + table
                                   : "SELECT GROUP_CONCAT(CONCAT(hash, '@', created_at) ORDER BY id SEPARATOR ' ') "
                                     "FROM " +
                                         table;
  const auto rows = [&] { return postgres ? project.postgres(rows_sql, "app") : project.mysql(rows_sql, "app"); };
  const std::string migrated = rows();
  CHECK(project.status_of(server) == "running");
  CHECK_THAT(project.devenv("status").output, Catch::Contains("schema changed"));
  const CommandResult reset = project.devenv("reset --force");
  INFO(reset.output);
  REQUIRE(reset.exit_code == 0);
  CHECK(rows() == migrated);  // reset records what the app's migrator recorded
}

void check_dbmate(const std::string& engine, const std::string& url_scheme, const std::string& url_options) {
  const bool postgres = engine == "postgres";
  NativeExample project(
      {{"config.toml", config(engine, "migrations = \"db/migrations\"")},
       {"db/migrations/20240101000000_users.sql",
        "-- migrate:up\nCREATE TABLE users (id INT PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n"},
       {"db/migrations/20240102000000_email.sql",
        "-- migrate:up\nALTER TABLE users ADD COLUMN email VARCHAR(200);\n-- migrate:down\n"}});
  require_up(project);
  const std::string server = postgres ? "postgres" : "mysql";
  const std::string url =
      url_scheme + "://app:app@127.0.0.1:" + std::to_string(project.port(server)) + "/app" + url_options;
  const fs::path folder = project.dir().path() / "db/migrations";
  const CommandResult nothing = dbmate(url, folder, "up");
  INFO(nothing.output);
  CHECK(nothing.exit_code == 0);
  CHECK(nothing.output.find("Applying") == std::string::npos);
  CHECK(dbmate(url, folder, "status --exit-code").exit_code == 0);

  project.dir().write("db/migrations/20240103000000_name.sql",
                      "-- migrate:up\nALTER TABLE users ADD COLUMN name VARCHAR(100);\n-- migrate:down\n");
  const CommandResult one = dbmate(url, folder, "up");
  INFO(one.output);
  CHECK(one.exit_code == 0);
  CHECK_THAT(one.output, Catch::Contains("Applying: 20240103000000_name.sql"));
  CHECK(one.output.find("Applying") == one.output.rfind("Applying"));  // that one only
  const std::string versions = "SELECT count(*) FROM schema_migrations";
  CHECK((postgres ? project.postgres(versions, "app") : project.mysql(versions, "app")) == "3\n");
  CHECK(project.devenv("reset --force").exit_code == 0);
  CHECK((postgres ? project.postgres(versions, "app") : project.mysql(versions, "app")) == "3\n");
  CHECK(dbmate(url, folder, "status --exit-code").exit_code == 0);
}

}  // namespace

TEST_CASE("real drizzle-orm migrator (PostgreSQL): nothing to do after up, then exactly the new one", "[migrators]") {
  if (!have_migrators()) return;
  check_drizzle("postgres", "postgresql", "postgres");
}

TEST_CASE("real drizzle-orm migrator (MariaDB): nothing to do after up, then exactly the new one", "[migrators]") {
  if (!have_migrators()) return;
  check_drizzle("mariadb", "mysql", "mysql");
}

TEST_CASE("real dbmate (PostgreSQL): nothing to do after up, then exactly the new one", "[migrators]") {
  if (!have_migrators()) return;
  check_dbmate("postgres", "postgres", "?sslmode=disable");
}

TEST_CASE("real dbmate (MariaDB): nothing to do after up, then exactly the new one", "[migrators]") {
  if (!have_migrators()) return;
  check_dbmate("mariadb", "mysql", "");
}
