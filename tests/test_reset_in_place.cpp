// `reset` in place on real servers (issue 17): the running server's databases made
// again by SQL, only the edited ones after a schema edit; the data dir made again only
// when that cannot be done. Which databases a plan picks is in test_reset_plan.cpp.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <thread>

#include "support/native_example.h"
#include "util/sha256.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::require_ok;
using devenv::test::run_command;

namespace {

const std::vector<std::string> kMysqlDatabases = {"unkey",         "partition_001", "partition_002",
                                                  "partition_003", "partition_004", "hydra"};
const std::vector<std::string> kPostgresDatabases = {"platform", "analytics"};

// A seed file of the user's for each server.
void add_seeds(const NativeExample& example) {
  example.dir().write("initdb/mysql/50-seed.sql",
                      "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) "
                      "VALUES ('ws_seed', 'o', 'seeded', '{}', '{}');\n");
  example.dir().write("initdb/postgres/50-seed.sql",
                      "\\connect platform\nINSERT INTO identity.users (email) VALUES ('seed@example.com');\n");
}

// Rows a developer made: a table of their own in every database devenv made, and a
// database devenv did not make on each server.
void add_mysql_dev_rows(const NativeExample& example) {
  for (const std::string& database : kMysqlDatabases) {
    example.mysql("CREATE TABLE `" + database + "`.dev_rows (id int)");
    example.mysql("INSERT INTO `" + database + "`.dev_rows VALUES (1)");
  }
  example.mysql(
      "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) VALUES ('ws_dev', 'o', 'n', '{}', "
      "'{}')");
  // A key from a later database into an earlier one: dropping `unkey` first must still work.
  example.mysql(
      "CREATE TABLE hydra.dev_child (ws VARCHAR(256), FOREIGN KEY (ws) REFERENCES unkey.workspaces (id)) "
      "ENGINE = InnoDB");
  example.mysql("INSERT INTO hydra.dev_child VALUES ('ws_dev')");
}

void add_mysql_dev_data(const NativeExample& example) {
  add_mysql_dev_rows(example);
  example.mysql("CREATE DATABASE scratch");
  example.mysql("CREATE TABLE scratch.kept (id int)");
  example.mysql("INSERT INTO scratch.kept VALUES (7)");
}

void add_postgres_dev_rows(const NativeExample& example) {
  for (const std::string& database : kPostgresDatabases) {
    example.postgres("CREATE TABLE dev_rows (id int)", database);
    example.postgres("INSERT INTO dev_rows VALUES (1)", database);
  }
  example.postgres("INSERT INTO identity.users (email) VALUES ('dev@example.com')", "platform");
}

void add_dev_data(const NativeExample& example) {
  add_mysql_dev_data(example);
  add_postgres_dev_rows(example);
  example.postgres("CREATE DATABASE loaded_dump");
  example.postgres("CREATE TABLE kept (id int)", "loaded_dump");
  example.postgres("INSERT INTO kept VALUES (7)", "loaded_dump");
}

int mysql_dev_tables(const NativeExample& example, const std::string& database) {
  return std::stoi(example.mysql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + database +
                                 "' AND table_name = 'dev_rows'"));
}

int postgres_dev_tables(const NativeExample& example, const std::string& database) {
  return std::stoi(example.postgres("SELECT count(*) FROM pg_tables WHERE tablename = 'dev_rows'", database));
}

// `sql` through `devenv shell` as the user the config grants `database` (or `user`).
CommandResult as_user(const NativeExample& example, const std::string& database, const std::string& sql,
                      const std::string& user = "") {
  example.dir().write("query.sql", sql + "\n");
  return example.devenv("shell " + database + (user.empty() ? "" : " --user " + user) + " < query.sql");
}

// Every user the config grants a database can still read and write it.
void check_grants(const NativeExample& example) {
  for (const std::string& database : kMysqlDatabases) {
    INFO("unkey on " << database);
    CHECK(as_user(example, database, "CREATE TABLE grant_probe (id int); DROP TABLE grant_probe;").exit_code == 0);
  }
  for (const auto& [database, user] : std::vector<std::pair<std::string, std::string>>{
           {"platform", "platform"}, {"analytics", "platform"}, {"analytics", "reporting"}}) {
    INFO(user << " on " << database);
    const CommandResult probe = as_user(example, database, "SELECT count(*) FROM pg_tables;", user);
    CHECK(probe.exit_code == 0);
    CHECK_THAT(probe.output, !Catch::Contains("ERROR"));
  }
  CHECK(as_user(example, "platform", "SELECT count(*) FROM identity.users;", "platform").exit_code == 0);
  CHECK(as_user(example, "analytics", "SELECT count(*) FROM public.events;", "reporting").exit_code == 0);
}

}  // namespace

TEST_CASE("reset in place: no row of the developer's is left, seeds run again, grants work, other databases stay",
          "[native]") {
  NativeExample example;
  add_seeds(example);
  require_ok(example, "up");
  const int mysql_pid = example.pid("mysql"), postgres_pid = example.pid("postgres");
  add_dev_data(example);

  // The first reset makes PostgreSQL's databases from their files, and then copies of them.
  const CommandResult reset = require_ok(example, "reset");
  CHECK_THAT(reset.output, Catch::Contains("mysql      reset in place") &&
                               Catch::Contains("postgres   reset in place") &&
                               Catch::Contains("rebuilt platform, analytics from the init files"));
  CHECK(example.pid("mysql") == mysql_pid);  // the servers kept running
  CHECK(example.pid("postgres") == postgres_pid);
  for (const std::string& database : kMysqlDatabases) {
    INFO(database);
    CHECK(mysql_dev_tables(example, database) == 0);
  }
  for (const std::string& database : kPostgresDatabases) {
    INFO(database);
    CHECK(postgres_dev_tables(example, database) == 0);
  }
  // The seeds' rows, once each; the developer's gone.
  CHECK(example.mysql("SELECT id FROM unkey.workspaces") == "ws_seed\n");
  CHECK(example.postgres("SELECT email FROM identity.users", "platform") == "seed@example.com\n");
  // What devenv did not make is untouched, rows and all.
  CHECK(example.mysql("SELECT id FROM scratch.kept") == "7\n");
  CHECK(example.postgres("SELECT id FROM kept", "loaded_dump") == "7\n");
  check_grants(example);
  const CommandResult verify = example.devenv("verify");
  CHECK(verify.exit_code == 0);  // the databases devenv did not make are a note, not drift
  CHECK_THAT(verify.output, Catch::Contains("mysql/scratch") && Catch::Contains("postgres/loaded_dump"));
  const CommandResult strict = example.devenv("verify --strict");
  CHECK(strict.exit_code == 1);  // only those
  CHECK_THAT(strict.output, Catch::Contains("database scratch") && Catch::Contains("database loaded_dump"));
  CHECK_THAT(strict.output, Catch::Contains("2 differences"));

  // A second reset gives the same again, from the pristine copies.
  add_mysql_dev_rows(example);
  add_postgres_dev_rows(example);
  CHECK_THAT(require_ok(example, "reset").output, Catch::Contains("platform, analytics from pristine copies"));
  CHECK(example.mysql("SELECT id FROM unkey.workspaces") == "ws_seed\n");
  CHECK(example.postgres("SELECT email FROM identity.users", "platform") == "seed@example.com\n");
  CHECK(postgres_dev_tables(example, "analytics") == 0);
}

TEST_CASE("reset in place: PostgreSQL's pristine copies are hidden, closed, and owned as the originals", "[native]") {
  NativeExample example;
  require_ok(example, "up");
  CHECK(example.postgres("SELECT count(*) FROM pg_database WHERE datname LIKE '\\_devenv\\_tpl\\_%'") == "0\n");
  require_ok(example, "reset");  // the first makes them
  CHECK(example.postgres(
            "SELECT datname || ' ' || datallowconn FROM pg_database WHERE datname LIKE '\\_devenv\\_tpl\\_%' "
            "ORDER BY 1") == "_devenv_tpl_analytics false\n_devenv_tpl_platform false\n");
  const CommandResult verify = example.devenv("verify");
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.output, !Catch::Contains("_devenv_tpl"));
  CHECK_THAT(require_ok(example, "env").output, !Catch::Contains("TPL") && !Catch::Contains("_devenv"));
  CHECK_THAT(example.devenv("status").output, !Catch::Contains("_devenv_tpl"));
  const CommandResult shell = example.devenv("shell _devenv_tpl_platform < /dev/null");
  CHECK(shell.exit_code == 2);
  // No user of the config may connect to a copy, even with a grant on the original.
  const CommandResult probe = as_user(example, "analytics", "\\connect _devenv_tpl_analytics", "reporting");
  CHECK_THAT(probe.output, Catch::Contains("is not currently accepting connections"));
  // The originals' owner and grants come back on a database copied from its copy.
  example.postgres("REVOKE ALL ON DATABASE analytics FROM reporting");
  require_ok(example, "reset postgres");
  CHECK(example.postgres("SELECT has_database_privilege('reporting', 'analytics', 'CONNECT')") == "t\n");
  CHECK(example.postgres("SELECT has_database_privilege('reporting', 'platform', 'CONNECT')") == "f\n");
}

TEST_CASE("reset in place: after one schema edit only its databases are rebuilt, and reset says which", "[native]") {
  NativeExample example;
  require_ok(example, "up");
  add_dev_data(example);
  example.dir().write("schemas/main.sql",
                      example.dir().read("schemas/main.sql") + "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  const CommandResult reset = require_ok(example, "reset");
  CHECK_THAT(reset.output, Catch::Contains("rebuilt unkey (schema changed); kept partition_001 … hydra (5) with their "
                                           "data"));
  CHECK_THAT(reset.output, Catch::Contains("postgres   no schema change here"));
  CHECK(mysql_dev_tables(example, "unkey") == 0);
  CHECK(example.mysql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'unkey' AND table_name = "
                      "'added'") == "1\n");
  for (const char* database : {"partition_001", "partition_004", "hydra"}) {
    INFO(database);
    CHECK(mysql_dev_tables(example, database) == 1);
  }
  CHECK(postgres_dev_tables(example, "platform") == 1);
  CHECK(example.postgres("SELECT email FROM identity.users", "platform") == "dev@example.com\n");
  CHECK_THAT(example.devenv("status").output, !Catch::Contains("schema changed"));

  // PostgreSQL: the edited database from its file, with its grants; the other kept.
  example.dir().write("schemas/analytics.sql",
                      example.dir().read("schemas/analytics.sql") + "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  const CommandResult second = require_ok(example, "reset");
  CHECK_THAT(second.output, Catch::Contains("rebuilt analytics (schema changed); kept platform with their data"));
  CHECK(postgres_dev_tables(example, "analytics") == 0);
  CHECK(postgres_dev_tables(example, "platform") == 1);
  CHECK(mysql_dev_tables(example, "partition_001") == 1);
  check_grants(example);
  CHECK(require_ok(example, "reset postgres").exit_code == 0);  // from the new pristine copy
  CHECK(example.postgres("SELECT count(*) FROM pg_tables WHERE tablename = 'added'", "analytics") == "1\n");
  CHECK(postgres_dev_tables(example, "platform") == 0);

  // --all-databases resets the others too.
  const CommandResult all = require_ok(example, "reset --all-databases mysql");
  CHECK_THAT(all.output, Catch::Contains("rebuilt unkey … hydra (6)"));
  CHECK(mysql_dev_tables(example, "partition_001") == 0);
  CHECK(example.mysql("SELECT id FROM scratch.kept") == "7\n");
  const CommandResult verify = example.devenv("verify --strict");
  CHECK_THAT(verify.output, Catch::Contains("2 differences"));  // scratch and loaded_dump only
}

TEST_CASE("reset in place: a broken schema edit fails with file:line, status says so, the fixed file resets",
          "[native]") {
  NativeExample example;
  require_ok(example, "up mysql");
  const std::string good = example.dir().read("schemas/main.sql");
  example.dir().write("schemas/main.sql", good + "\nCREATE TABLE broken (id int REFERENCES nowhere (id));\n");
  const CommandResult failed = example.devenv("reset mysql");
  INFO(failed.output);
  CHECK(failed.exit_code == 3);
  CHECK(std::regex_search(failed.output,
                          std::regex("init script initdb/mysql/01-main-schema.sql:[0-9]+ \\(from schemas/main.sql:")));
  CHECK_THAT(failed.output, Catch::Contains("then run `devenv reset`"));
  CHECK_THAT(example.devenv("status").output, Catch::Contains("a reset did not finish"));
  example.dir().write("schemas/main.sql", good);
  const CommandResult fixed = require_ok(example, "reset mysql");
  CHECK_THAT(fixed.output, Catch::Contains("reset in place"));
  CHECK(require_ok(example, "verify main").exit_code == 0);
}

TEST_CASE("reset in place: the data dir is made again when the server is stopped or initdb/ has a script", "[native]") {
  NativeExample example;
  require_ok(example, "up mysql");
  require_ok(example, "down mysql");
  const CommandResult stopped = require_ok(example, "reset mysql");
  CHECK_THAT(stopped.output, Catch::Contains("restored from cache") || Catch::Contains("initialised"));
  example.dir().write("initdb/mysql/50-seed.sh", "echo seeded\n");
  const CommandResult script = require_ok(example, "reset mysql");
  CHECK_THAT(script.output, Catch::Contains("making the data dir again: 50-seed.sh is a script"));
  CHECK_THAT(script.output, Catch::Contains("running 50-seed.sh"));
  // The data dir it made records the script: the next reset cannot be in place either.
  CHECK_THAT(require_ok(example, "reset mysql").output, Catch::Contains("50-seed.sh is a script"));
}

TEST_CASE("reset in place: a seed that cannot run twice makes the data dir again, unless that loses a database",
          "[reliability]") {
  NativeExample example;
  example.dir().write("initdb/mysql/50-seed.sql", "CREATE USER seeded IDENTIFIED BY 'pw';\n");
  require_ok(example, "up mysql");
  const CommandResult reset = require_ok(example, "reset mysql");
  CHECK_THAT(reset.output, Catch::Contains("50-seed.sql failed when run again; making the data dir again instead"));
  CHECK(example.mysql("SELECT COUNT(*) FROM mysql.user WHERE user = 'seeded'") == "1\n");
  example.mysql("CREATE DATABASE scratch");
  const CommandResult refused = example.devenv("reset mysql");
  INFO(refused.output);
  CHECK(refused.exit_code == 3);
  CHECK_THAT(refused.output, Catch::Contains("mysql: scratch") && Catch::Contains("--force"));
  CHECK(example.mysql("SHOW DATABASES LIKE 'scratch'") == "scratch\n");
  CHECK_THAT(example.devenv("status").output, Catch::Contains("a reset did not finish"));
  require_ok(example, "reset --force mysql");
  CHECK(example.mysql("SHOW DATABASES LIKE 'scratch'").empty());
}

TEST_CASE("reset in place: killed half way, the next up finishes it", "[reliability]") {
  NativeExample example;
  // A seed that takes a while: the kill lands while it runs, after every database was dropped.
  example.dir().write("initdb/mysql/50-seed.sql",
                      "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) "
                      "VALUES ('ws_seed', 'o', 'seeded', '{}', '{}');\nSELECT SLEEP(3);\n");
  require_ok(example, "up mysql");
  add_mysql_dev_data(example);
  // kill -9 of devenv and of the client it runs (its process group: a closed terminal, a cancelled CI job).
  run_command("cd '" + example.dir().path().string() + "' && " + example.environment() + " setsid '" + DEVENV_BINARY +
              "' reset mysql > reset.log 2>&1 & pid=$!; sleep 1.5; kill -9 -$pid; wait $pid");
  INFO(example.dir().read("reset.log"));
  CHECK_THAT(example.dir().read("reset.log"), Catch::Contains("running 50-seed.sql"));
  CHECK_THAT(example.devenv("status").output, Catch::Contains("a reset did not finish"));
  const CommandResult up = require_ok(example, "up mysql");
  CHECK_THAT(up.output, Catch::Contains("the last reset did not finish; finishing it"));
  CHECK_THAT(up.output, Catch::Contains("reset in place"));
  CHECK(example.mysql("SELECT id FROM unkey.workspaces") == "ws_seed\n");
  CHECK(mysql_dev_tables(example, "partition_002") == 0);
  CHECK(example.mysql("SELECT id FROM scratch.kept") == "7\n");
  CHECK(require_ok(example, "verify partition").exit_code == 0);
}

// Every name devenv writes is quoted for its engine: a database called `select`, one
// with a capital that is a reserved word, partitions of a reserved word, a user
// called "user".
TEST_CASE("reset in place: databases with reserved and odd names are dropped, copied and granted again", "[native]") {
  NativeExample example(
      {{"config.toml",
        "[servers.my]\nengine = \"mariadb\"\nport = 0\nroot_password = \"devenv-root\"\n"
        "[servers.pg]\nengine = \"postgres\"\nport = 0\nroot_password = \"devenv-root\"\n"
        "[[databases]]\nkey = \"sel\"\nname = \"select\"\nserver = \"my\"\nsource = \"t.sql\"\n"
        "[[databases]]\nkey = \"ord\"\nname = \"order_{n:02}\"\ncount = 2\nserver = \"my\"\nsource = \"t.sql\"\n"
        "[[databases]]\nkey = \"usr\"\nname = \"user\"\nserver = \"pg\"\nsource = \"t.sql\"\n"
        "[[databases]]\nkey = \"grp\"\nname = \"Group\"\nserver = \"pg\"\nsource = \"t.sql\"\n"
        "[[users]]\nname = \"table\"\npassword = \"pw\"\nserver = \"my\"\ndatabases = [\"sel\", \"ord\"]\n"
        "[[users]]\nname = \"user\"\npassword = \"pw\"\nserver = \"pg\"\ndatabases = [\"usr\", \"grp\"]\n"},
       {"t.sql", "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n"}});
  require_ok(example, "up");
  const auto add_rows = [&] {
    for (const std::string database : {"select", "order_01", "order_02"}) {
      example.mysql("INSERT INTO `" + database + "`.t VALUES (2)", "", "my");
    }
    for (const std::string database : {"user", "Group"}) example.postgres("INSERT INTO t VALUES (2)", database, "pg");
  };
  const auto check_fresh = [&] {
    for (const std::string database : {"select", "order_01", "order_02"}) {
      INFO(database);
      CHECK(example.mysql("SELECT id FROM `" + database + "`.t", "", "my") == "1\n");
    }
    for (const std::string database : {"user", "Group"}) {
      INFO(database);
      CHECK(example.postgres("SELECT id FROM t", database, "pg") == "1\n");
    }
  };
  for (const char* from : {"the init files", "pristine copies"}) {
    INFO("reset from " << from);
    add_rows();
    const CommandResult reset = require_ok(example, "reset");
    CHECK_THAT(reset.output, Catch::Contains("reset in place") && Catch::Contains(from));
    check_fresh();
  }
  // The grants came back with the databases: each user reads its own.
  for (const std::string database : {"select", "order_02"}) {
    INFO(database);
    const CommandResult read = as_user(example, database, "SELECT id FROM t;", "table");
    CHECK(read.exit_code == 0);
    CHECK_THAT(read.output, Catch::Contains("1"));
  }
  for (const std::string database : {"user", "Group"}) {
    INFO(database);
    const CommandResult read = as_user(example, database, "SELECT id FROM t;", "user");
    CHECK(read.exit_code == 0);
    CHECK_THAT(read.output, Catch::Contains("1"));
  }
  CHECK(example.devenv("verify").exit_code == 0);
}

// A disk that fills while databases are made again: PostgreSQL's first reset makes a
// pristine copy of each database as well, which needs room the drops did not free.
// The reset fails with the server's own words and exit 3, the state says a reset did
// not finish, and once there is room the next up finishes it.
TEST_CASE("reset in place: a full disk half way is an error, and up finishes the reset when there is room",
          "[reliability]") {
  if (geteuid() != 0) {
    WARN("skipped: needs root to mount a small tmpfs");
    return;
  }
  NativeExample example({{"config.toml",
                          "[project]\ndata_on_tmpfs = false\n"
                          "[servers.pg]\nengine = \"postgres\"\nport = 0\nroot_password = \"devenv-root\"\n"
                          "[[databases]]\nkey = \"one\"\nserver = \"pg\"\nsource = \"t.sql\"\n"
                          "[[databases]]\nkey = \"two\"\nserver = \"pg\"\nsource = \"t.sql\"\n"},
                         {"t.sql", "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n"}});
  require_ok(example, "up");
  require_ok(example, "down");
  // Its data dir (postgres's own folder, server_layout.cpp) moved onto a small tmpfs,
  // owner, mode and devenv's marks kept.
  const std::string state = (example.dir().path() / ".devenv").lexically_normal().string();
  const std::string home = "/var/tmp/devenv-" + devenv::util::sha256_hex(state).substr(0, 12) + "-pg";
  const std::string saved = example.dir().path().string() + "/saved";
  REQUIRE(run_command("test -d '" + home + "' && cp -a '" + home + "' '" + saved + "'").exit_code == 0);
  REQUIRE(run_command("mount -t tmpfs -o size=$(( $(du -sm '" + saved +
                      "' | cut -f1) + 24 ))m devenv-test-reset-full '" + home + "' && chown --reference='" + saved +
                      "' '" + home + "' && chmod --reference='" + saved + "' '" + home + "' && cp -a '" + saved +
                      "'/. '" + home + "'")
              .exit_code == 0);
  struct Unmount {  // also when a REQUIRE ends the test
    const NativeExample& example;
    std::string home;
    ~Unmount() {
      example.devenv("down --purge");
      run_command("umount '" + home + "'");
    }
  } unmount{example, home};
  require_ok(example, "up");
  example.postgres("INSERT INTO t VALUES (2)", "one", "pg");
  const std::string filler = home + "/filler";
  run_command("dd if=/dev/zero of='" + filler + "' bs=64k; truncate -s -4M '" + filler + "'");
  const CommandResult full = example.devenv("reset");
  INFO(full.output);
  CHECK(full.exit_code == 3);
  CHECK_THAT(full.output, Catch::Contains("No space left on device"));
  CHECK_THAT(example.devenv("status").output, Catch::Contains("a reset did not finish"));
  std::filesystem::remove(filler);
  const CommandResult finished = example.devenv("up");
  INFO(finished.output);
  CHECK(finished.exit_code == 0);
  CHECK_THAT(finished.output, Catch::Contains("the last reset did not finish"));
  CHECK(example.postgres("SELECT id FROM t", "one", "pg") == "1\n");
  CHECK(example.postgres("SELECT id FROM t", "two", "pg") == "1\n");
  CHECK(example.postgres("SELECT count(*) FROM pg_database WHERE datname LIKE '\\_devenv\\_tpl\\_%'", "postgres",
                         "pg") == "2\n");
}
