#include "support/scratch_database.h"

#include <catch2/catch.hpp>

namespace devenv::test {

ScratchDatabase::ScratchDatabase(const NativeExample& example, ScratchEngine engine)
    : example_(example),
      engine_(engine),
      port_(example.port(engine == ScratchEngine::MariaDB ? "mysql" : "postgres")) {}

std::string ScratchDatabase::load(const std::string& database, const std::string& sql) const {
  const std::string reset = engine_ == ScratchEngine::MariaDB
                                ? "DROP DATABASE IF EXISTS `" + database + "`; CREATE DATABASE `" + database + "`;"
                                : "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)";
  const CommandResult dropped = run("", reset);
  INFO(dropped.output);
  REQUIRE(dropped.exit_code == 0);
  if (engine_ == ScratchEngine::Postgres) {
    const CommandResult created = run("", "CREATE DATABASE \"" + database + "\"");
    INFO(created.output);
    REQUIRE(created.exit_code == 0);
  }
  const CommandResult loaded = run(database, sql);
  INFO("loading into " << database << ":\n" << sql << "\n" << loaded.output);
  REQUIRE(loaded.exit_code == 0);
  return dsn(database);
}

CommandResult ScratchDatabase::run(const std::string& database, const std::string& sql, bool atomic) const {
  const std::string file = example_.dir().write("scratch-" + database + ".sql", sql).string();
  // psql names the file and line of an error only for -f ("psql:FILE:LINE: ERROR: …").
  const std::string input = engine_ == ScratchEngine::Postgres ? " -f '" + file + "'" : " < '" + file + "'";
  return run_command(client(database, atomic) + input + " 2>&1");
}

std::string ScratchDatabase::client(const std::string& database, bool atomic) const {
  const std::string port = std::to_string(port_);
  if (engine_ == ScratchEngine::MariaDB) {
    return "MYSQL_PWD=devenv-root mariadb --protocol=tcp -h 127.0.0.1 -P " + port + " -u root " + database;
  }
  return "PGPASSWORD=devenv-root psql -X -q -v ON_ERROR_STOP=1 " + std::string(atomic ? "-1 " : "") +
         "-h 127.0.0.1 -p " + port + " -U postgres -d " + (database.empty() ? "postgres" : database);
}

std::string ScratchDatabase::dsn(const std::string& database) const {
  if (engine_ == ScratchEngine::MariaDB) {
    return "mysql://root:devenv-root@127.0.0.1:" + std::to_string(port_) + "/" + database;
  }
  return "postgres://postgres:devenv-root@127.0.0.1:" + std::to_string(port_) + "/" + database;
}

std::unique_ptr<db::Session> ScratchDatabase::session(const std::string& database) const {
  const bool mariadb = engine_ == ScratchEngine::MariaDB;
  return db::connect(mariadb ? sqltext::Dialect::MySQL : sqltext::Dialect::Postgres,
                     {"", port_, mariadb ? "root" : "postgres", "devenv-root", database});
}

}  // namespace devenv::test
