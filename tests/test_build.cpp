#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>

#include "config/loader.h"
#include "generator/compiled_source.h"
#include "generator/compose_file.h"
#include "generator/history_table.h"
#include "generator/init_plan.h"
#include "generator/password_hash.h"
#include "generator/saslprep.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

using namespace devenv;
using test::run_devenv;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

config::Environment no_environment() {
  return [](const std::string&) { return std::optional<std::string>(); };
}

config::Config example_config(const fs::path& dir = DEVENV_SOURCE_DIR) {
  return config::load_config(dir / "config.toml", no_environment());
}

const generator::GeneratedFile& file_named(const generator::ServerInit& server, const std::string& suffix) {
  for (const generator::GeneratedFile& file : server.files) {
    if (file.path.ends_with(suffix)) return file;
  }
  FAIL("no file ending in " << suffix);
  throw;
}

}  // namespace

TEST_CASE("build: the committed example matches what build generates (golden files)", "[unit][initdb]") {
  const config::Config config = example_config();
  const fs::path root = DEVENV_SOURCE_DIR;
  std::size_t compared = 0;
  for (const generator::ServerInit& server : generator::plan_init(config)) {
    for (const generator::GeneratedFile& file : server.files) {
      INFO(file.path << " differs from the committed copy: run `devenv build` and review the diff");
      CHECK(test::read_file(root / file.path) == file.content);
      ++compared;
    }
  }
  CHECK(compared == 9);
  const generator::GeneratedFile compose = generator::compose_file(config);
  CHECK(test::read_file(root / compose.path) == compose.content);
}

TEST_CASE("build: output is deterministic", "[unit][initdb]") {
  const auto first = generator::plan_init(example_config());
  const auto second = generator::plan_init(example_config());
  REQUIRE(first.size() == second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    CHECK(first[i].fingerprint == second[i].fingerprint);
    for (std::size_t f = 0; f < first[i].files.size(); ++f)
      CHECK(first[i].files[f].content == second[i].files[f].content);
  }
}

TEST_CASE("build: files are ordered per server, the fingerprint last", "[unit][initdb]") {
  const auto servers = generator::plan_init(example_config());
  REQUIRE(servers.size() == 2);
  std::vector<std::string> names;
  for (const auto& file : servers[0].files) names.push_back(file.path);
  CHECK(names == std::vector<std::string>{"initdb/mysql/00-init-databases.sql", "initdb/mysql/01-main-schema.sql",
                                          "initdb/mysql/02-partition-schema.sql", "initdb/mysql/03-hydra-schema.sql",
                                          "initdb/mysql/99-devenv-fingerprint.sql"});
  CHECK_THAT(servers[0].files.back().content, Catch::Contains(servers[0].fingerprint));
  CHECK(servers[1].files.front().path == "initdb/postgres/00-init-databases.sql");
}

TEST_CASE("build: numbers widen so the fingerprint file stays last", "[unit][initdb]") {
  TempDir dir;
  dir.write("schemas/t.sql", "CREATE TABLE t (a int);\n");
  std::string text = "[servers.mysql]\nengine = \"mariadb\"\n";
  for (int i = 1; i <= 98; ++i) {
    text += "[[databases]]\nkey = \"d" + std::to_string(i) + "\"\nserver = \"mysql\"\nsource = \"schemas/t.sql\"\n";
  }
  dir.write("config.toml", text);
  const auto servers = generator::plan_init(config::load_config(dir.path() / "config.toml", no_environment()));
  REQUIRE(servers[0].files.size() == 100);
  CHECK(servers[0].files.front().path == "initdb/mysql/000-init-databases.sql");
  CHECK(servers[0].files[98].path == "initdb/mysql/098-d98-schema.sql");
  CHECK(servers[0].files.back().path == "initdb/mysql/999-devenv-fingerprint.sql");
}

TEST_CASE("build: the partition file holds every expanded database", "[unit][initdb]") {
  const auto servers = generator::plan_init(example_config());
  const std::string& partition = file_named(servers[0], "02-partition-schema.sql").content;
  for (const char* name : {"partition_001", "partition_002", "partition_003", "partition_004"}) {
    CHECK_THAT(partition, Catch::Contains(std::string("USE `") + name + "`;") &&
                              Catch::Contains(std::string("CREATE TABLE `") + name + "`.`gateways`"));
  }
  CHECK_THAT(partition, Catch::Contains("Sources:\n--   schemas/partition.sql  sha256:"));
  CHECK_THAT(partition, Catch::Contains("DELIMITER"));  // the procedure's body holds semicolons
}

TEST_CASE("build: MySQL grants escape wildcards, secrets are hashed", "[unit][initdb]") {
  const auto servers = generator::plan_init(example_config());
  const std::string& init = file_named(servers[0], "00-init-databases.sql").content;
  CHECK_THAT(init, Catch::Contains("GRANT ALL PRIVILEGES ON `partition\\_001`.* TO 'unkey'@'%';"));
  CHECK_THAT(init, Catch::Contains("IDENTIFIED WITH mysql_native_password AS '*"));
  CHECK_THAT(init, !Catch::Contains("'unkey';"));  // the password itself never appears
  const std::string& pg = file_named(servers[1], "00-init-databases.sql").content;
  CHECK_THAT(pg, Catch::Contains("CREATE ROLE platform LOGIN PASSWORD 'SCRAM-SHA-256$4096:"));
  CHECK_THAT(pg, Catch::Contains("REVOKE ALL ON DATABASE platform FROM PUBLIC;"));
}

TEST_CASE("build: PostgreSQL sections connect, create schemas and set search_path", "[unit][initdb]") {
  const auto servers = generator::plan_init(example_config());
  const std::string& platform = file_named(servers[1], "01-platform-schema.sql").content;
  CHECK_THAT(platform, Catch::Contains("\\connect platform\nGRANT USAGE, CREATE ON SCHEMA public TO platform;"));
  CHECK_THAT(platform, Catch::Contains("SET search_path TO billing, public;"));
  CHECK_THAT(
      platform,
      Catch::Contains("CREATE SCHEMA IF NOT EXISTS identity;\nGRANT USAGE, CREATE ON SCHEMA identity TO platform;"));
  CHECK_THAT(platform, Catch::Contains("CREATE TABLE billing.subscriptions"));
  CHECK_THAT(platform, Catch::Contains("REFERENCES identity.organizations (id)"));
}

TEST_CASE("build: the compose file keeps secrets as references", "[unit][initdb]") {
  const generator::GeneratedFile compose = generator::compose_file(example_config());
  CHECK_THAT(compose.content, Catch::Contains("MARIADB_ROOT_PASSWORD: \"${DEVENV_MYSQL_ROOT_PASSWORD:-devenv-root}\""));
  CHECK_THAT(compose.content, Catch::Contains("\"127.0.0.1:3306:3306\""));
  CHECK_THAT(compose.content, Catch::Contains("\"./initdb/postgres:/docker-entrypoint-initdb.d:ro\""));
  CHECK_THAT(compose.content, Catch::Contains("--protocol=tcp") && Catch::Contains("_devenv.init_fingerprint"));
}

TEST_CASE("build: the compose file passes a server's settings to it, $ kept literal", "[unit][initdb]") {
  config::Config config = example_config();
  config.servers[0].settings = {{"innodb_buffer_pool_size", "256M"}, {"init_connect", "SET @a = '$HOME'"}};
  config.servers[1].settings = {{"work_mem", "8MB"}};
  const std::string compose = generator::compose_file(config).content;
  CHECK_THAT(compose, Catch::Contains("    command: [\"mariadbd\", \"--innodb_buffer_pool_size=256M\", "
                                      "\"--init_connect=SET @a = '$$HOME'\"]\n"));
  CHECK_THAT(compose, Catch::Contains("    command: [\"postgres\", \"-c\", \"work_mem=8MB\"]\n"));
  config.project.network_mode = "host";
  CHECK_THAT(generator::compose_file(config).content,
             Catch::Contains("\"--bind-address=127.0.0.1\", \"--innodb_buffer_pool_size=256M\""));
}

TEST_CASE("password hashes match the engines' own algorithms", "[unit][initdb]") {
  // MySQL's documented PASSWORD('password').
  CHECK(generator::mysql_native_password_hash("password") == "*2470C0C06DEE42FD1618BB99005ADCA2EC9D1E19");
  const std::string verifier = generator::postgres_scram_verifier("app", "pw");
  CHECK(verifier.rfind("SCRAM-SHA-256$4096:", 0) == 0);
  CHECK(verifier == generator::postgres_scram_verifier("app", "pw"));
  CHECK(verifier != generator::postgres_scram_verifier("app", "pw2"));
}

TEST_CASE("SCRAM verifiers hash the SASLprep form of a password, or its bytes where PostgreSQL would",
          "[unit][initdb]") {
  using generator::postgres_scram_password;
  CHECK(postgres_scram_password("caf\xC3\xA9") == "caf\xC3\xA9");
  CHECK(postgres_scram_password("cafe\xCC\x81") == "caf\xC3\xA9");   // e + U+0301 composes (NFKC)
  CHECK(postgres_scram_password("pass\xC2\xADword") == "password");  // U+00AD maps to nothing
  CHECK(postgres_scram_password("a\xC2\xA0"
                                "b") == "a b");                // U+00A0 maps to a space
  CHECK(postgres_scram_password("\xEF\xAC\x81le") == "file");  // U+FB01 ligature (NFKC)
  // PostgreSQL keeps the raw bytes when SASLprep fails, and so must we.
  CHECK(postgres_scram_password(" tab\there ") == " tab\there ");    // pure ASCII: as it is
  CHECK(postgres_scram_password("\xC3\xA9\x07") == "\xC3\xA9\x07");  // a control character
  CHECK(postgres_scram_password("\xC3\x28") == "\xC3\x28");          // not UTF-8
  CHECK(postgres_scram_password("\xC2\xAD") == "\xC2\xAD");          // nothing left after mapping
  CHECK(postgres_scram_password("\xD7\x90"
                                "a") ==
        "\xD7\x90"
        "a");                                                                  // Hebrew then Latin: bidi rule
  CHECK(postgres_scram_password("a\xF0\xB0\x80\x80") == "a\xF0\xB0\x80\x80");  // unassigned in Unicode 3.2
}

TEST_CASE("devenv build --check: exit 0 when current, 1 with the stale files listed", "[unit][cli]") {
  TempDir dir;
  test::copy_example(dir.path());
  const std::string path = dir.path().string();
  auto result = run_devenv(path, "build --check");
  INFO(result.output);
  CHECK(result.exit_code == 0);

  dir.write("schemas/main.sql", dir.read("schemas/main.sql") + "\nCREATE TABLE extra (a int);\n");
  fs::remove(dir.path() / "initdb/postgres/02-analytics-schema.sql");
  dir.write("initdb/mysql/07-old-schema.sql", "-- Generated by devenv from config.toml.\nSELECT 1;\n");
  const std::string before = dir.read("initdb/mysql/01-main-schema.sql");
  result = run_devenv(path, "build --check");
  CHECK(result.exit_code == 1);
  CHECK_THAT(result.output, Catch::Contains("stale:      initdb/mysql/01-main-schema.sql") &&
                                Catch::Contains("stale:      initdb/mysql/99-devenv-fingerprint.sql") &&
                                Catch::Contains("missing:    initdb/postgres/02-analytics-schema.sql") &&
                                Catch::Contains("unexpected: initdb/mysql/07-old-schema.sql"));
  CHECK(dir.read("initdb/mysql/01-main-schema.sql") == before);  // --check writes nothing

  result = run_devenv(path, "build");
  CHECK(result.exit_code == 0);
  CHECK_THAT(dir.read("initdb/mysql/01-main-schema.sql"), Catch::Contains("CREATE TABLE `unkey`.`extra`"));
  CHECK_FALSE(fs::exists(dir.path() / "initdb/mysql/07-old-schema.sql"));
  CHECK(run_devenv(path, "build --check").exit_code == 0);
}

TEST_CASE("devenv build: rerun is byte-identical and keeps the user's own init files", "[unit][cli]") {
  TempDir dir;
  test::copy_example(dir.path());
  const std::string path = dir.path().string();
  dir.write("initdb/mysql/50-seed.sql", "INSERT INTO unkey.workspaces VALUES ();\n");
  const auto first = run_devenv(path, "build");
  INFO(first.output);
  CHECK(first.exit_code == 0);
  CHECK_THAT(first.output,
             Catch::Contains("0 written, 10 unchanged") && Catch::Contains("kept     initdb/mysql/50-seed.sql"));
  CHECK(fs::exists(dir.path() / "initdb/mysql/50-seed.sql"));
}

TEST_CASE("devenv build: a schema error names file:line:col, exits 2 and writes nothing", "[unit][cli]") {
  TempDir dir;
  test::copy_example(dir.path());
  const std::string path = dir.path().string();
  const std::string original = dir.read("schemas/main.sql");
  const std::string broken = "CREATE TABLE broken (a varchar(9) DEFAULT 'x);";
  dir.write("schemas/main.sql", original + "\n" + broken + "\n");
  const auto line = std::count(original.begin(), original.end(), '\n') + 2;
  const auto column = broken.find('\'') + 1;
  const std::string before = dir.read("initdb/mysql/00-init-databases.sql");
  dir.write("config.toml", dir.read("config.toml") + "\n# a change that would restale 00-init-databases.sql\n");
  const auto result = run_devenv(path, "build");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("schemas/main.sql:" + std::to_string(line) + ":" + std::to_string(column) +
                                            ": unterminated string"));
  CHECK(dir.read("initdb/mysql/00-init-databases.sql") == before);
}

TEST_CASE("devenv build: never overwrites a file it did not generate", "[unit][cli]") {
  TempDir dir;
  test::copy_example(dir.path());
  dir.write("docker-compose.yml", "services: {}\n# hand-written\n");
  const auto result = run_devenv(dir.path().string(), "build");
  CHECK(result.exit_code == 3);
  CHECK_THAT(result.output, Catch::Contains("docker-compose.yml exists and was not generated by devenv"));
  CHECK(dir.read("docker-compose.yml") == "services: {}\n# hand-written\n");
}

TEST_CASE("devenv: config errors exit 2 and usage errors explain themselves", "[unit][cli]") {
  TempDir dir;
  dir.write("config.toml", "[servers.mysql]\nengine = \"mariadb\"\nprot = 3306\n");
  auto result = run_devenv(dir.path().string(), "build");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("config.toml:3:1: servers.mysql.prot: unknown key"));
  result = run_devenv(dir.path().string(), "biuld");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("unknown command 'biuld'"));
  result = run_devenv(dir.path().string(), "build --frobnicate");
  CHECK(result.exit_code == 2);
  CHECK(run_devenv(dir.path().string(), "build --help").exit_code == 0);
}

TEST_CASE("build: a schema file that starts with a UTF-8 byte-order mark", "[unit][build]") {
  devenv::test::TempDir dir;
  dir.write("bom.sql",
            "\xEF\xBB\xBF"
            "CREATE TABLE t (a int);\n");
  const devenv::config::SchemaSource source{dir.path() / "bom.sql", "bom.sql", "public", std::nullopt};
  devenv::sqltext::QualifyTarget target;
  target.dialect = devenv::sqltext::Dialect::Postgres;
  target.schema = "public";
  target.known_qualifiers = {"public"};
  const auto compiled = devenv::generator::compile_source(source, target);
  REQUIRE(compiled.statements.size() == 1);
  CHECK(compiled.statements[0].text.render("db") == "CREATE TABLE public.t (a int)");
}

TEST_CASE("devenv build: never writes through a symbolic link, and never deletes one", "[unit][cli]") {
  TempDir dir;
  TempDir elsewhere;
  test::copy_example(dir.path());
  const std::string path = dir.path().string();
  // initdb/mysql points outside the project.
  fs::rename(dir.path() / "initdb/mysql", elsewhere.path() / "mysql");
  fs::create_directory_symlink(elsewhere.path() / "mysql", dir.path() / "initdb/mysql");
  dir.write("schemas/main.sql", dir.read("schemas/main.sql") + "\nCREATE TABLE extra (a int);\n");
  const std::string outside_before = elsewhere.read("mysql/01-main-schema.sql");
  auto result = run_devenv(path, "build");
  INFO(result.output);
  CHECK(result.exit_code == 3);
  CHECK_THAT(result.output, Catch::Contains("initdb/mysql is a symbolic link"));
  CHECK(elsewhere.read("mysql/01-main-schema.sql") == outside_before);
  // A link left in an output folder by the user is theirs: kept, not followed.
  fs::remove(dir.path() / "initdb/mysql");
  fs::rename(elsewhere.path() / "mysql", dir.path() / "initdb/mysql");
  elsewhere.write("old.sql", "-- Generated by devenv from config.toml.\nSELECT 1;\n");
  fs::create_symlink(elsewhere.path() / "old.sql", dir.path() / "initdb/mysql/50-linked.sql");
  result = run_devenv(path, "build");
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK(fs::is_symlink(dir.path() / "initdb/mysql/50-linked.sql"));
  CHECK(fs::exists(elsewhere.path() / "old.sql"));
}

TEST_CASE("build: a goose database's init file holds each Up part in version order, marked by file", "[unit][initdb]") {
  TempDir dir;
  dir.write("config.toml",
            "[servers.pg]\nengine = \"postgres\"\n[[databases]]\nkey = \"app\"\nserver = \"pg\"\n"
            "schemas = [\"billing\"]\nmigrations = [\"a\", \"b\"]\n"
            "[[users]]\nname = \"app\"\npassword = \"p\"\nserver = \"pg\"\ndatabases = [\"app\"]\n");
  dir.write("b/03001_billing.sql",
            "-- +goose Up\nCREATE TABLE billing.plans (id uuid DEFAULT uuidv7());\n-- +goose Down\nDROP TABLE "
            "billing.plans;\n");
  dir.write("a/02001_users.sql", "-- +goose Up\nCREATE TABLE users (id int);\n-- +goose Down\nDROP TABLE users;\n");
  const auto servers = generator::plan_init(config::load_config(dir.path() / "config.toml", no_environment()));
  const std::string& app = file_named(servers.front(), "01-app-schema.sql").content;
  const auto at = [&](const std::string& text) { return app.find(text); };
  CHECK(at("-- ---- migration a/02001_users.sql ----") < at("-- ---- migration b/03001_billing.sql ----"));
  CHECK(at("CREATE TABLE public.users") < at("CREATE TABLE billing.plans"));
  CHECK(at("DROP TABLE") == std::string::npos);  // Down sections never run
  CHECK_THAT(app, Catch::Contains("-- b/03001_billing.sql:2\n"));
  CHECK_THAT(app, Catch::Contains("ALTER DATABASE app SET search_path TO public, billing;"));
  // The polyfill comes before the first migration; the owner gets everything after the last.
  CHECK(at("CREATE OR REPLACE FUNCTION public.uuidv7") < at("-- ---- migration a/02001_users.sql ----"));
  CHECK(at("$devenv_owner$") > at("CREATE TABLE billing.plans"));
  CHECK_THAT(app, Catch::Contains("target text := 'app';"));
  CHECK_THAT(servers.front().notices.front(), Catch::Contains("app: defines public.uuidv7()"));
}

TEST_CASE("build: no polyfill where no source calls one, and none for MySQL", "[unit][initdb]") {
  const auto servers = generator::plan_init(example_config());
  for (const auto& server : servers) {
    for (const auto& file : server.files) CHECK(file.content.find("devenv_polyfill") == std::string::npos);
  }
}

TEST_CASE("build: Flyway's checksum matches its published vector, with a BOM and CRLF too", "[unit][initdb]") {
  CHECK(generator::flyway_checksum("CREATE TABLE t (id int);\n") == 92137680);
  CHECK(generator::flyway_checksum("\xEF\xBB\xBF"
                                   "CREATE TABLE t (id int);\r\n") == 92137680);
  CHECK(generator::flyway_checksum("CREATE TABLE t (id int);") == 92137680);
}

TEST_CASE("build: a project's own uuidv7() is kept, and no polyfill is made beside it", "[unit][initdb]") {
  TempDir dir;
  dir.write("config.toml",
            "[servers.pg]\nengine = \"postgres\"\n[[databases]]\nkey = \"app\"\nserver = \"pg\"\n"
            "migrations = \"m\"\npolyfills = [\"UUIDv4\"]\n");
  dir.write("m/1_fn.sql",
            "CREATE OR REPLACE FUNCTION public.uuidv7() RETURNS uuid LANGUAGE sql AS 'SELECT gen_random_uuid()';\n");
  dir.write("m/2_t.sql", "CREATE TABLE t (id uuid DEFAULT uuidv7(), other uuid DEFAULT uuidv4());\n");
  const auto servers = generator::plan_init(config::load_config(dir.path() / "config.toml", no_environment()));
  const std::string& app = file_named(servers.front(), "01-app-schema.sql").content;
  CHECK(app.find("CREATE OR REPLACE FUNCTION public.uuidv7(shift") == std::string::npos);
  CHECK_THAT(app, Catch::Contains("CREATE OR REPLACE FUNCTION public.uuidv4()"));  // configured, in any case
}

TEST_CASE("build: a broken migration folder stops build, not the commands that do not read it", "[unit][cli]") {
  TempDir dir;
  dir.write("config.toml",
            "[servers.pg]\nengine = \"postgres\"\nport = 0\n[[databases]]\nkey = \"app\"\nserver = \"pg\"\n"
            "migrations = \"dz\"\n");
  dir.write("dz/0000_a.sql", "SELECT 1;");
  dir.write("dz/meta/_journal.json", R"({"entries": [{"idx": 0, "when": "soon", "tag": "0000_a"}]})");
  const auto build = run_devenv(dir.path().string(), "build");
  CHECK(build.exit_code == 2);
  CHECK_THAT(build.output,
             Catch::Contains("dz/meta/_journal.json:1:") && Catch::Contains("has no whole number \"when\""));
  CHECK_FALSE(fs::exists(dir.path() / "initdb"));
  CHECK(run_devenv(dir.path().string(), "status").exit_code == 3);  // answered: not initialised
  CHECK(run_devenv(dir.path().string(), "down").exit_code == 0);
}
