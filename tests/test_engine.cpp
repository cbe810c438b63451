#include <catch2/catch.hpp>

#include "engine/engine.h"

using devenv::engine::Engine;
using devenv::sqltext::Dialect;

TEST_CASE("engine facts: names as config.toml spells them", "[unit][engine]") {
  CHECK(Engine::from_name("mariadb")->kind() == Engine::Kind::MariaDB);
  CHECK(Engine::from_name("mysql")->kind() == Engine::Kind::MySQL);
  CHECK(Engine::from_name("postgresql")->kind() == Engine::Kind::Postgres);
  CHECK(Engine::from_name("sqlite3")->kind() == Engine::Kind::SQLite);
  CHECK_FALSE(Engine::from_name("sqlserver"));
  for (const std::string& name : Engine::names()) CHECK(Engine::from_name(name)->name() == name);
}

TEST_CASE("engine facts: MySQL and MariaDB share a dialect, PostgreSQL has schemas", "[unit][engine]") {
  const Engine mysql(Engine::Kind::MySQL), mariadb(Engine::Kind::MariaDB), postgres(Engine::Kind::Postgres);
  CHECK(mysql.dialect() == Dialect::MySQL);
  CHECK(mariadb.dialect() == Dialect::MySQL);
  CHECK(postgres.dialect() == Dialect::Postgres);
  CHECK(postgres.has_schemas());
  CHECK_FALSE(mariadb.has_schemas());
  CHECK(mariadb.default_port() == 3306);
  CHECK(postgres.default_port() == 5432);
  CHECK(postgres.fallback_database() == "postgres");
  CHECK(mariadb.fallback_database().empty());
  CHECK(mysql.max_identifier_bytes() == 64);
  CHECK(postgres.max_identifier_bytes() == 63);
  // Each image's own client: the MySQL image has no `mariadb` program.
  CHECK(std::string(mysql.image_client()) == "mysql");
  CHECK(std::string(mariadb.image_client()) == "mariadb");
  CHECK(std::string(postgres.image_client()) == "psql");
}

TEST_CASE("engine facts: SQLite is files, with no server, port, accounts or image", "[unit][engine][sqlite]") {
  const Engine sqlite(Engine::Kind::SQLite);
  CHECK_FALSE(sqlite.runs_a_server());
  CHECK(Engine(Engine::Kind::MariaDB).runs_a_server());
  CHECK(sqlite.dialect() == Dialect::SQLite);
  CHECK_FALSE(sqlite.has_schemas());
  CHECK(sqlite.default_port() == 0);
  CHECK(sqlite.default_image().empty());
  CHECK(sqlite.loopback_server_arguments(5000).empty());
  CHECK(sqlite.quote_identifier("select") == "\"select\"");
  CHECK(sqlite.quote_string("it's \\") == "'it''s \\'");  // no backslash escapes
  CHECK(Engine::database_file_name("keygen") == "keygen.db");
  CHECK(sqlite.dump_command("sqlite3", 0, "", "/x/k.db").argv ==
        std::vector<std::string>{"sqlite3", "-bail", "/x/k.db", ".dump"});
}

TEST_CASE("engine facts: a client over TCP reads its password from the environment", "[unit][engine]") {
  const auto mysql = Engine(Engine::Kind::MariaDB).tcp_client("mariadb", 3307, "app", "unkey");
  CHECK(mysql.argv ==
        std::vector<std::string>{"mariadb", "--protocol=tcp", "-h", "127.0.0.1", "-P", "3307", "-u", "app", "unkey"});
  CHECK(mysql.password_variable == "MYSQL_PWD");
  const auto psql = Engine(Engine::Kind::Postgres).tcp_client("psql", 5433, "app", "");
  CHECK(psql.argv == std::vector<std::string>{"psql", "-h", "127.0.0.1", "-p", "5433", "-U", "app"});
  CHECK(psql.password_variable == "PGPASSWORD");
  CHECK(Engine(Engine::Kind::Postgres).quote_identifier("Mixed") == "\"Mixed\"");
  CHECK(Engine(Engine::Kind::MySQL).quote_identifier("a`b") == "`a``b`");
}
