// `devenv init` on projects the tests write: a compose file with two database services
// and an init folder, a bare folder of schema files, migration folders; and its safety:
// no overwrite without --force, never through a link, a YAML error's place.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>

#include "adopt/compose_text.h"
#include "adopt/image_engine.h"
#include "adopt/names.h"
#include "config/loader.h"
#include "generator/output_files.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using devenv::test::CommandResult;
using devenv::test::run_devenv;
using devenv::test::TempDir;

namespace {

// A project folder with a name of its own (init names things after it), in a temp dir.
class Project {
 public:
  explicit Project(const std::string& name = "shop") : root_(dir_.path() / name) { fs::create_directories(root_); }

  void write(const std::string& relative, const std::string& content) const {
    dir_.write((root_.filename() / relative).string(), content);
  }
  std::string read(const std::string& relative) const { return devenv::test::read_file(root_ / relative); }
  bool has(const std::string& relative) const { return fs::exists(fs::symlink_status(root_ / relative)); }
  const fs::path& root() const { return root_; }

  CommandResult devenv(const std::string& arguments) const { return run_devenv(root_.string(), arguments); }

  // `devenv init`, which must succeed; then the config it wrote must load and
  // `devenv build --check` pass on it.
  devenv::config::Config init_and_check(const std::string& arguments = "init") const {
    const CommandResult init = devenv(arguments);
    INFO("devenv " << arguments << ":\n" << init.output << "config.toml:\n" << read("config.toml"));
    REQUIRE(init.exit_code == 0);
    devenv::config::Config config = devenv::config::load_config(root_ / "config.toml");
    const CommandResult check = devenv("build --check");
    INFO(check.output);
    CHECK(check.exit_code == 0);
    return config;
  }

 private:
  TempDir dir_;
  fs::path root_;
};

const devenv::config::Database& database(const devenv::config::Config& config, const std::string& name) {
  for (const devenv::config::Database& database : config.databases) {
    if (database.names.front() == name) return database;
  }
  FAIL("no database " << name);
  throw std::logic_error("unreachable");
}

std::vector<std::string> source_files(const devenv::config::Database& database) {
  std::vector<std::string> out;
  for (const auto& source : database.sources) out.push_back(source.display);
  return out;
}

constexpr const char* kTwoServices = R"(name: shop
x-mysql-env: &mysql-env
  MARIADB_ROOT_PASSWORD: ${MYSQL_ROOT_PASSWORD:-rootpw}
  MARIADB_DATABASE: shop
services:
  mysql:
    image: mariadb:10.11
    environment:
      <<: *mysql-env
      MARIADB_USER: shop
      MARIADB_PASSWORD: ${SHOP_DB_PASSWORD}
    ports:
      - "127.0.0.1:3307:3306"
    volumes:
      - ./docker/mysql-init:/docker-entrypoint-initdb.d:ro
      - mysql-data:/var/lib/mysql
    command: --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci --max-connections=300
  pg:
    image: postgres:15-alpine
    env_file: db.env
    environment:
      - POSTGRES_USER=app
      - POSTGRES_DB=analytics
    ports:
      - target: 5432
        published: 5433
    volumes:
      - type: bind
        source: ./docker/pg/schema.sql
        target: /docker-entrypoint-initdb.d/01-schema.sql
  cache:
    image: redis:7
volumes:
  mysql-data:
)";

void write_two_services(const Project& project) {
  project.write("docker-compose.yml", kTwoServices);
  project.write("db.env", "# the pg service's secrets\nPOSTGRES_PASSWORD=from-env-file\n");
  project.write("docker/mysql-init/01-schema.sql",
                "CREATE TABLE products (\n  id int AUTO_INCREMENT PRIMARY KEY,\n  name varchar(100) NOT NULL\n);\n");
  project.write("docker/mysql-init/02-seed.sql", "INSERT INTO products (name) VALUES ('tea');\n");
  project.write("docker/mysql-init/03-audit.sql",
                "CREATE DATABASE IF NOT EXISTS audit;\nUSE audit;\nCREATE TABLE events (id bigint PRIMARY KEY);\n");
  project.write("docker/mysql-init/04-setup.sh", "#!/bin/sh\necho hello\n");
  project.write(
      "docker/pg/schema.sql",
      "CREATE SCHEMA IF NOT EXISTS reporting;\nCREATE TABLE reporting.daily (day date PRIMARY KEY, hits bigint);\n"
      "CREATE TABLE visits (id bigserial PRIMARY KEY, data jsonb);\n");
}

}  // namespace

TEST_CASE("init: a compose file with MariaDB and PostgreSQL services and an init folder", "[unit][init]") {
  Project project;
  write_two_services(project);
  const devenv::config::Config config = project.init_and_check();

  REQUIRE(config.servers.size() == 2);  // redis is not a database server
  const devenv::config::Server& mysql = *config.find_server("mysql");
  CHECK(mysql.engine.name() == std::string("mariadb"));
  CHECK(mysql.image == "mariadb:10.11");
  CHECK(mysql.port == 3307);
  CHECK(mysql.charset == "utf8mb4");
  CHECK(mysql.collation == "utf8mb4_unicode_ci");
  CHECK(mysql.settings == std::vector<std::pair<std::string, std::string>>{{"max-connections", "300"}});
  CHECK(mysql.root_password.reference == "${MYSQL_ROOT_PASSWORD:-rootpw}");  // merged in from the anchor
  const devenv::config::Server& pg = *config.find_server("pg");
  CHECK(pg.engine.name() == std::string("postgres"));
  CHECK(pg.port == 5433);
  CHECK(pg.root_user == "app");

  // The init folder's files in the image's order: the service's database gets those
  // that run in it, the file that makes its own database goes to that one.
  CHECK(source_files(database(config, "shop")) ==
        std::vector<std::string>{"docker/mysql-init/01-schema.sql", "docker/mysql-init/02-seed.sql"});
  CHECK(source_files(database(config, "audit")) == std::vector<std::string>{"docker/mysql-init/03-audit.sql"});
  const devenv::config::Database& analytics = database(config, "analytics");
  CHECK(analytics.server == "pg");
  CHECK(analytics.declared_schemas == std::vector<std::string>{"reporting"});
  REQUIRE(config.users.size() == 1);
  CHECK(config.users[0].name == "shop");
  CHECK(config.users[0].database_keys == std::vector<std::string>{"shop"});

  // Secrets: a variable stays a reference, one from an env_file is never copied.
  const std::string text = project.read("config.toml");
  CHECK_THAT(text, Catch::Contains("password = \"${SHOP_DB_PASSWORD:-devenv}\""));
  CHECK_THAT(text, Catch::Contains("root_password = \"${POSTGRES_PASSWORD:-devenv}\""));
  CHECK_THAT(text, !Catch::Contains("from-env-file"));

  // The project's compose file is untouched; devenv's own goes beside it, under
  // another compose project name.
  CHECK(project.read("docker-compose.yml") == kTwoServices);
  CHECK(config.project.compose_file == "devenv.compose.yml");
  CHECK(config.project.name == "shop-devenv");
  CHECK(devenv::generator::is_generated(project.root() / "devenv.compose.yml"));
  CHECK(project.has("initdb/mysql/01-shop-schema.sql"));
  CHECK_FALSE(project.has("initdb/mysql/04-setup.sh"));
}

TEST_CASE("init: says what it found, what it guessed and what it left out", "[unit][init]") {
  Project project;
  write_two_services(project);
  const CommandResult result = project.devenv("init");
  INFO(result.output);
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output,
             Catch::Contains("found    service mysql (docker-compose.yml:6:3): mariadb 10.11, port 3307"));
  CHECK_THAT(result.output, Catch::Contains("skipped  service cache: image redis:7 is not a MySQL, MariaDB or "
                                            "PostgreSQL server"));
  CHECK_THAT(result.output, Catch::Contains("skipped  docker/mysql-init/04-setup.sh: a script"));
  CHECK_THAT(result.output, Catch::Contains("guessed  service mysql: MARIADB_PASSWORD takes ${SHOP_DB_PASSWORD}, "
                                            "which has no default"));
  CHECK_THAT(result.output, Catch::Contains("guessed  service pg: POSTGRES_PASSWORD comes from db.env"));
  CHECK_THAT(result.output, Catch::Contains("devenv init: wrote config.toml: 2 servers"));
  CHECK_THAT(result.output, Catch::Contains("devenv build: "));
}

TEST_CASE("init: a bare folder of schema files", "[unit][init]") {
  Project project("Bookshelf");
  project.write("schema/01_authors.sql", "CREATE TABLE authors (id bigserial PRIMARY KEY, bio jsonb);\n");
  project.write("schema/02_books.sql",
                "CREATE TABLE books (id bigserial PRIMARY KEY, author_id bigint REFERENCES authors (id));\n");
  project.write("tests/fixtures/dump.sql", "CREATE TABLE not_a_schema (a int);\n");  // tests are not looked into
  const devenv::config::Config config = project.init_and_check();

  REQUIRE(config.servers.size() == 1);
  CHECK(config.servers[0].engine.name() == std::string("postgres"));  // bigserial, jsonb
  CHECK(config.servers[0].port == 5432);
  REQUIRE(config.databases.size() == 1);
  CHECK(config.databases[0].names.front() == "bookshelf");
  CHECK(source_files(config.databases[0]) == std::vector<std::string>{"schema/01_authors.sql", "schema/02_books.sql"});
  CHECK_THAT(project.read("config.toml"), Catch::Contains("source = \"schema\""));
  REQUIRE(config.users.size() == 1);
  CHECK(config.users[0].name == "bookshelf");
  CHECK(config.users[0].password.reference == "${BOOKSHELF_DB_PASSWORD:-bookshelf}");
  CHECK(config.project.compose_file == "docker-compose.yml");  // no compose file of the project's
}

TEST_CASE("init: a sqlx migration folder goes to the compose service's database", "[unit][init]") {
  Project project("ledger");
  project.write("compose.yaml",
                "services:\n  db:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: example\n"
                "      POSTGRES_DB: ledger\n    ports: [\"${LEDGER_DB_PORT:-6543}:5432\"]\n");
  project.write("migrations/20240105093000_accounts.sql",
                "CREATE TABLE accounts (id BIGSERIAL PRIMARY KEY, created_at TIMESTAMPTZ NOT NULL DEFAULT now());\n");
  project.write("migrations/20240212141500_transfers.sql",
                "CREATE TABLE transfers (id BIGSERIAL PRIMARY KEY, account_id BIGINT REFERENCES accounts (id));\n");
  const devenv::config::Config config = project.init_and_check();

  REQUIRE(config.databases.size() == 1);
  const devenv::config::Database& ledger = config.databases[0];
  CHECK(ledger.names.front() == "ledger");
  CHECK(ledger.server == "db");
  REQUIRE(ledger.migrations);
  CHECK(ledger.migrations->tool == "sqlx");
  CHECK(ledger.sources.size() == 2);
  CHECK(config.find_server("db")->port == 6543);  // the port's default: init never looks variables up
  // A password written out in the compose file is the default of a variable of devenv's.
  CHECK(config.find_server("db")->root_password.reference == "${DEVENV_DB_ROOT_PASSWORD:-example}");
  CHECK(project.read("initdb/db/01-ledger-schema.sql").find("_sqlx_migrations") != std::string::npos);
}

TEST_CASE("init: goose module folders of one app, with their schemas", "[unit][init]") {
  Project project("console");
  for (const std::string module : {"db", "identity", "billing"}) {
    const fs::path from = fs::path(DEVENV_SOURCE_DIR) / "examples/goose/internal" / module / "migrations";
    for (const fs::directory_entry& file : fs::directory_iterator(from)) {
      project.write("internal/" + module + "/migrations/" + file.path().filename().string(),
                    devenv::test::read_file(file.path()));
    }
  }
  const devenv::config::Config config = project.init_and_check();

  REQUIRE(config.databases.size() == 1);
  const devenv::config::Database& console = config.databases[0];
  CHECK(console.names.front() == "console");
  REQUIRE(console.migrations);
  CHECK(console.migrations->tool == "goose");
  CHECK(console.migrations->folders.size() == 3);
  CHECK(console.declared_schemas == std::vector<std::string>{"identity", "billing"});
  CHECK(config.servers[0].engine.name() == std::string("postgres"));
}

TEST_CASE("init: a MySQL sqlx folder gets a MariaDB server", "[unit][init]") {
  Project project("blog");
  project.write("db/migrations/1_posts.sql",
                "CREATE TABLE posts (id int unsigned AUTO_INCREMENT PRIMARY KEY, body longtext) ENGINE=InnoDB;\n");
  const devenv::config::Config config = project.init_and_check();
  REQUIRE(config.servers.size() == 1);
  CHECK(config.servers[0].engine.name() == std::string("mariadb"));
  CHECK(config.servers[0].port == 3306);
  REQUIRE(config.databases.size() == 1);
  CHECK(config.databases[0].names.front() == "blog");
  CHECK(config.databases[0].migrations->tool == "sqlx");
}

TEST_CASE("init: a database with no schema gets an empty schema file", "[unit][init]") {
  Project project;
  project.write("docker-compose.yaml",
                "services:\n  postgres:\n    image: postgres\n    environment:\n      POSTGRES_PASSWORD: ${PGPASS:-x}\n"
                "      POSTGRES_DB: shop\n");
  const devenv::config::Config config = project.init_and_check();
  REQUIRE(config.databases.size() == 1);
  CHECK(source_files(config.databases[0]) == std::vector<std::string>{"schemas/shop.sql"});
  CHECK_THAT(project.read("schemas/shop.sql"), Catch::StartsWith("-- The schema of database shop"));
}

TEST_CASE("init: an init folder at initdb/<service> is the user's, and the server gets another name", "[unit][init]") {
  Project project;
  project.write("docker-compose.dev.yml",
                "services:\n  postgres:\n    image: postgres:16\n    environment:\n      POSTGRES_PASSWORD: pw\n"
                "    volumes:\n      - ./initdb/postgres:/docker-entrypoint-initdb.d\n");
  project.write("initdb/postgres/01-tables.sql", "CREATE SCHEMA sales;\nCREATE TABLE sales.orders (id int);\n");
  const devenv::config::Config config = project.init_and_check("init --compose docker-compose.dev.yml");
  REQUIRE(config.servers.size() == 1);
  CHECK(config.servers[0].name == "postgres-devenv");
  // The image would fill the server's own `postgres` database: devenv's is the project's.
  REQUIRE(config.databases.size() == 1);
  CHECK(config.databases[0].names.front() == "shop");
  CHECK(source_files(config.databases[0]) == std::vector<std::string>{"initdb/postgres/01-tables.sql"});
  CHECK_THAT(project.read("config.toml"), Catch::Contains("source = \"initdb/postgres\""));
  CHECK(project.read("initdb/postgres/01-tables.sql") == "CREATE SCHEMA sales;\nCREATE TABLE sales.orders (id int);\n");
  CHECK(project.has("initdb/postgres-devenv/00-init-databases.sql"));
  CHECK(config.project.compose_file == "docker-compose.yml");  // the project's is another name
  const CommandResult again = project.devenv("init --force --compose docker-compose.dev.yml");
  CHECK_THAT(again.output, Catch::Contains("check    initdb/postgres/01-tables.sql: CREATE SCHEMA sales fails"));
}

TEST_CASE("init: a pg_dump --create file fills the database it creates", "[unit][init]") {
  Project project;
  project.write("compose.yml",
                "services:\n  db:\n    image: postgres:15\n    environment:\n      POSTGRES_PASSWORD: pw\n"
                "    volumes:\n      - ./dump:/docker-entrypoint-initdb.d:ro\n");
  project.write("dump/shop.sql",
                "SET statement_timeout = 0;\nSET client_encoding = 'UTF8';\n"
                "CREATE DATABASE inventory WITH TEMPLATE = template0 ENCODING = 'UTF8';\n"
                "\\connect inventory\n\nSET statement_timeout = 0;\n"
                "SELECT pg_catalog.set_config('search_path', '', false);\n"
                "CREATE TABLE public.items (id integer NOT NULL, name text);\n");
  const devenv::config::Config config = project.init_and_check();
  REQUIRE(config.databases.size() == 1);
  CHECK(config.databases[0].names.front() == "inventory");
  CHECK(source_files(config.databases[0]) == std::vector<std::string>{"dump/shop.sql"});
}

TEST_CASE("init: never overwrites config.toml, and --force replaces it and nothing else", "[unit][init]") {
  Project project;
  project.write("schema.sql", "CREATE TABLE notes (id int PRIMARY KEY);\n");
  project.write("config.toml", "# mine\n");
  const CommandResult refused = project.devenv("init");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output,
             Catch::Contains("config.toml exists; devenv init never overwrites it") && Catch::Contains("--force"));
  CHECK(project.read("config.toml") == "# mine\n");
  CHECK_FALSE(project.has("initdb"));

  project.init_and_check("init --force");
  CHECK_THAT(project.read("config.toml"), Catch::Contains("source = \"schema.sql\""));
  CHECK(project.read("schema.sql") == "CREATE TABLE notes (id int PRIMARY KEY);\n");
}

TEST_CASE("init: never writes through a link, even with --force", "[unit][init]") {
  Project project;
  project.write("schema.sql", "CREATE TABLE notes (id int PRIMARY KEY);\n");
  project.write("elsewhere/real.toml", "# someone else's\n");
  fs::create_symlink(project.root() / "elsewhere/real.toml", project.root() / "config.toml");
  const CommandResult result = project.devenv("init --force");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("is a symbolic link"));
  CHECK(project.read("elsewhere/real.toml") == "# someone else's\n");
}

TEST_CASE("init: a YAML error names file:line:col, exits 2 and writes nothing", "[unit][init]") {
  Project project;
  project.write("schema.sql", "CREATE TABLE notes (id int PRIMARY KEY);\n");
  project.write("docker-compose.yml", "services:\n  db:\n    image: postgres\n   ports: [\"5432:5432\"]\n");
  const CommandResult result = project.devenv("init");
  INFO(result.output);
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("docker-compose.yml:4:") && Catch::Contains("YAML error"));
  CHECK_THAT(result.output, Catch::Contains("nothing was written"));
  CHECK_FALSE(project.has("config.toml"));
  CHECK_FALSE(project.has("initdb"));

  project.write("docker-compose.yml", "services:\n  db: [1, 2]\n");
  const CommandResult shape = project.devenv("init");
  CHECK(shape.exit_code == 2);
  CHECK_THAT(shape.output, Catch::Contains("docker-compose.yml:2:7: expected service db to be a mapping"));
}

TEST_CASE("init: --dry-run prints the config and writes nothing", "[unit][init]") {
  Project project;
  project.write("schema.sql", "CREATE TABLE notes (id int PRIMARY KEY);\n");
  const CommandResult result = devenv::test::run_command("cd '" + project.root().string() +
                                                         "' && { '" DEVENV_BINARY "' init --dry-run 2>/dev/null; }");
  CHECK(result.exit_code == 0);
  CHECK_THAT(result.output,
             Catch::StartsWith("# devenv's config, written by `devenv init`") && Catch::Contains("[[databases]]"));
  CHECK_FALSE(project.has("config.toml"));
  CHECK_FALSE(project.has("initdb"));
}

TEST_CASE("init: an empty folder is nothing to adopt", "[unit][init]") {
  Project project;
  const CommandResult result = project.devenv("init");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("nothing to adopt"));
  CHECK_FALSE(project.has("config.toml"));
}

TEST_CASE("init: compose variables keep their references in config.toml", "[unit][init]") {
  using devenv::adopt::ComposeText;
  CHECK(ComposeText("${DB_PASSWORD}").config_text("devenv") == "${DB_PASSWORD:-devenv}");
  CHECK(ComposeText("${DB_PASSWORD-secret}").config_text("devenv") == "${DB_PASSWORD:-secret}");
  CHECK(ComposeText("$USER_NAME").unset_value().empty());
  CHECK(ComposeText("pre-${A:-a}-$$-${B:?needed}").config_text("x") == "pre-${A:-a}-$$-${B:-x}");
  CHECK(ComposeText("${A:+set}x").unset_value() == "x");
  CHECK(ComposeText("${A:-${B:-inner}}").unset_value() == "inner");
  CHECK(ComposeText("a$$b").unset_value() == "a$b");
  CHECK_THROWS_AS(ComposeText("100$"), std::invalid_argument);
  CHECK_THROWS_AS(ComposeText("${A"), std::invalid_argument);
}

TEST_CASE("init: images tell the engine and version", "[unit][init]") {
  using devenv::adopt::image_facts;
  CHECK(image_facts("postgres:15-alpine")->version == "15");
  CHECK(image_facts("postgres:15-alpine")->official);
  CHECK(image_facts("docker.io/library/mariadb:10.11.6@sha256:abc")->version == "10.11.6");
  CHECK(image_facts("mysql")->engine.name() == std::string("mysql"));
  CHECK(image_facts("mysql")->version.empty());
  CHECK(image_facts("postgis/postgis:16-3.4")->engine.name() == std::string("postgres"));
  CHECK_FALSE(image_facts("postgis/postgis:16-3.4")->official);
  CHECK(image_facts("percona:8")->engine.name() == std::string("mysql"));
  CHECK_FALSE(image_facts("redis:7"));
  CHECK_FALSE(image_facts("localhost:5000/app:1.0"));
}

TEST_CASE("init: names become names config.toml accepts", "[unit][init]") {
  using namespace devenv::adopt;
  CHECK(plain_name("My-App") == "my_app");
  CHECK(plain_name("2fa") == "db_2fa");
  CHECK(file_safe_name("Web_DB") == "web_db");
  CHECK(unique_name("app", {"app", "app-2"}) == "app-3");
  CHECK(unique_name("main_db", {"main-db"}) == "main_db-2");
  CHECK(is_server_database("postgres"));
}
