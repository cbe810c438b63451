#include <catch2/catch.hpp>

#include "engine/engine.h"

using devenv::engine::Engine;
using devenv::sqltext::Dialect;

TEST_CASE("engine facts: names as config.toml spells them", "[unit][engine]") {
  CHECK(Engine::from_name("mariadb")->kind() == Engine::Kind::MariaDB);
  CHECK(Engine::from_name("mysql")->kind() == Engine::Kind::MySQL);
  CHECK(Engine::from_name("postgresql")->kind() == Engine::Kind::Postgres);
  CHECK_FALSE(Engine::from_name("sqlite"));
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
