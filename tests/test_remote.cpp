// Shared servers (runtime = "remote"): the `dbs` fixture's MariaDB and PostgreSQL act
// as the team's shared server, reached over TCP by an admin account whose password
// holds every awkward character. Several developers (prefixes) side by side, what
// devenv refuses to touch, resets that keep the others' rows, an interrupted up
// resumed, `remote list` and `prune`.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <chrono>
#include <thread>

#include "db/session.h"
#include "support/run_command.h"
#include "support/temp_dir.h"
#include "support/test_ports.h"
#include "support/test_servers.h"
#include "util/sha256.h"
#include "util/shell_quote.h"

using devenv::test::CommandResult;
using devenv::test::run_command;
using devenv::test::run_devenv;
using devenv::test::TempDir;
using devenv::test::TestServers;

namespace {

// Any character but a line break or NUL (what config.toml refuses for every secret).
const std::string kAdminPassword = "p@ss:w/rd?#%41'\"$`\\; x";
const std::string kAppPassword = "app 'pw' \"$HOME\" @:/";

std::unique_ptr<devenv::db::Session> mysql_root() {
  const TestServers& servers = TestServers::get();
  devenv::db::Endpoint endpoint;
  endpoint.socket = servers.mysql_socket;
  endpoint.user = "root";
  return devenv::db::connect(devenv::sqltext::Dialect::MySQL, endpoint);
}

std::unique_ptr<devenv::db::Session> pg_root(const std::string& database = "postgres") {
  const TestServers& servers = TestServers::get();
  devenv::db::Endpoint endpoint;
  endpoint.socket = servers.pg_socket_dir;
  endpoint.port = servers.pg_port;
  endpoint.user = "postgres";
  endpoint.database = database;
  return devenv::db::connect(devenv::sqltext::Dialect::Postgres, endpoint);
}

std::unique_ptr<devenv::db::Session> as_user(devenv::sqltext::Dialect dialect, int port, const std::string& user,
                                             const std::string& password, const std::string& database) {
  devenv::db::Endpoint endpoint;
  endpoint.port = port;
  endpoint.user = user;
  endpoint.password = password;
  endpoint.database = database;
  return devenv::db::connect(dialect, endpoint);
}

// The admin accounts devenv connects as, made once per test process.
void make_admins() {
  static const bool made = [] {
    const auto mysql = mysql_root();
    const std::string literal =
        devenv::engine::Engine(devenv::engine::Engine::Kind::MariaDB).quote_string(kAdminPassword);
    mysql->execute("CREATE USER IF NOT EXISTS 'team_admin'@'%' IDENTIFIED BY " + literal);
    mysql->execute("ALTER USER 'team_admin'@'%' IDENTIFIED BY " + literal);
    mysql->execute("GRANT ALL ON *.* TO 'team_admin'@'%' WITH GRANT OPTION");
    const auto pg = pg_root();
    const std::string pg_literal =
        devenv::engine::Engine(devenv::engine::Engine::Kind::Postgres).quote_string(kAdminPassword);
    // Test processes run side by side: the second one's CREATE ROLE may lose the race.
    pg->execute("DO $$ BEGIN CREATE ROLE team_admin SUPERUSER LOGIN PASSWORD " + pg_literal +
                "; EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL; END $$");
    return true;
  }();
  (void)made;
}

// A developer's names differ in every test process: the fixture servers are shared by
// the tests ctest runs side by side.
std::string prefix_of(const std::string& developer) { return developer + "_" + std::to_string(getpid()) + "_"; }

// A project whose two servers are the fixture's, shared.
struct SharedProject {
  TempDir dir;
  int partitions;

  explicit SharedProject(int partitions = 3) : partitions(partitions) {
    make_admins();
    const TestServers& servers = TestServers::get();
    dir.write("schemas/main.sql",
              "CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL);\n"
              "CREATE VIEW hydra_steps AS SELECT id FROM hydra.steps;\n");
    dir.write("schemas/hydra.sql", "CREATE TABLE steps (id INT PRIMARY KEY);\n");
    dir.write("schemas/partition.sql", "CREATE TABLE events (id BIGINT PRIMARY KEY, body TEXT);\n");
    dir.write("schemas/billing.sql", "CREATE TABLE invoices (id INT PRIMARY KEY, total NUMERIC(10,2));\n");
    dir.write(
        "config.toml",
        "[project]\nruntime = \"remote\"\n\n"
        "[servers.shared]\nengine = \"mariadb\"\nurl = \"mysql://team_admin:${ADMIN_PW}@127.0.0.1:" +
            std::to_string(servers.mysql_port) +
            "\"\nprefix = \"${DEV}\"\n\n"
            "[servers.sharedpg]\nengine = \"postgres\"\nurl = \"postgres://team_admin:${ADMIN_PW}@127.0.0.1:" +
            std::to_string(servers.pg_port) +
            "\"\nprefix = \"${DEV}\"\n\n"
            "[[databases]]\nkey = \"hydra\"\nserver = \"shared\"\nsource = \"schemas/hydra.sql\"\n\n"
            "[[databases]]\nkey = \"main\"\nserver = \"shared\"\nsource = \"schemas/main.sql\"\n\n"
            "[[databases]]\nkey = \"partition\"\nname = \"partition_{n:03}\"\ncount = " +
            std::to_string(partitions) +
            "\nserver = \"shared\"\nsource = \"schemas/partition.sql\"\n\n"
            "[[databases]]\nkey = \"platform\"\nserver = \"sharedpg\"\n"
            "sources = [{ path = \"schemas/billing.sql\", schema = \"billing\" }]\n\n"
            "[[users]]\nname = \"app\"\npassword = \"${APP_PW}\"\nserver = \"shared\"\n"
            "databases = [\"main\", \"hydra\", \"partition\"]\n\n"
            "[[users]]\nname = \"app\"\npassword = \"${APP_PW}\"\nserver = \"sharedpg\"\ndatabases = [\"platform\"]\n");
  }

  std::string environment(const std::string& prefix) const {
    return "DEV=" + prefix + " ADMIN_PW=" + devenv::util::shell_quote(kAdminPassword) +
           " APP_PW=" + devenv::util::shell_quote(kAppPassword);
  }
  CommandResult devenv(const std::string& prefix, const std::string& arguments) const {
    return run_devenv(dir.path().string(), arguments, environment(prefix));
  }
  std::string log() const { return (dir.path() / "up.log").string(); }
  // `devenv up shared --jobs N` in its own session (a terminal's Ctrl-C does not reach
  // it), its output in log(); returns its pid.
  pid_t up_in_background(const std::string& prefix, int jobs) const {
    const CommandResult started = run_command("cd '" + dir.path().string() + "' && " + environment(prefix) +
                                              " setsid '" DEVENV_BINARY "' up shared --jobs " + std::to_string(jobs) +
                                              " >'" + log() + "' 2>&1 & echo $!");
    return std::stoi(started.output);
  }
};

bool mysql_database_exists(const std::string& name) {
  return !mysql_root()->column("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = '" + name + "'").empty();
}

bool pg_database_exists(const std::string& name) {
  return !pg_root()->column("SELECT 1 FROM pg_database WHERE datname = '" + name + "'").empty();
}

std::vector<std::string> registry_rows(const std::string& prefix) {
  return mysql_root()->column(
      "SELECT CONCAT(kind, ' ', name, ' ', state) FROM `_devenv_registry`.`registry` WHERE prefix = '" + prefix +
      "' ORDER BY kind, name");
}

std::string mysql_value(const std::string& sql) {
  const auto rows = mysql_root()->column(sql);
  return rows.empty() ? "" : rows.front();
}

// How many of `prefix`'s rows the registry has ready, once there are `count` (or 60 s passed).
std::size_t wait_until_ready(const std::string& prefix, std::size_t count) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  std::size_t ready = 0;
  while (std::chrono::steady_clock::now() < deadline) {
    try {
      ready = std::stoul(mysql_value("SELECT COUNT(*) FROM `_devenv_registry`.`registry` WHERE prefix = '" + prefix +
                                     "' AND state = 'ready'"));
    } catch (const std::exception&) {
      ready = 0;  // the registry table is not made yet
    }
    if (ready >= count) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return ready;
}

}  // namespace

TEST_CASE("remote (MariaDB): two developers side by side, and what is not theirs is never touched", "[db][remote]") {
  SharedProject project;
  const std::string alice = prefix_of("alice");
  const std::string bob = prefix_of("bob");
  const std::string carol = prefix_of("carol");
  const int port = TestServers::get().mysql_port;

  const CommandResult up = project.devenv(alice, "up shared");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  CHECK_THAT(up.output,
             Catch::Contains("mysql://" + alice + "app:****@127.0.0.1:" + std::to_string(port) + "/" + alice + "main"));
  for (const char* name : {"main", "hydra", "partition_001", "partition_002", "partition_003"})
    CHECK(mysql_database_exists(alice + name));
  const CommandResult bob_up = project.devenv(bob, "up shared");
  INFO(bob_up.output);
  REQUIRE(bob_up.exit_code == 0);

  // The app's account, with the prefix and the config's password, reaches its databases.
  const auto app = as_user(devenv::sqltext::Dialect::MySQL, port, alice + "app", kAppPassword, alice + "main");
  app->execute("INSERT INTO accounts VALUES (1, 'alice row')");
  mysql_root()->execute("INSERT INTO `" + alice + "partition_002`.events VALUES (7, 'kept')");
  mysql_root()->execute("INSERT INTO `" + bob + "main`.accounts VALUES (1, 'bob row')");
  CHECK(app->column("SELECT COUNT(*) FROM hydra_steps").at(0) == "0");  // the view reaches alice's hydra

  // env prints the prefixed URLs; status and verify see alice's databases only.
  const CommandResult env = project.devenv(alice, "env");
  CHECK_THAT(env.output, Catch::Contains("DEVENV_MAIN_URL='mysql://" + alice + "app:"));
  const CommandResult verify = project.devenv(alice, "verify main hydra partition");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  // No shadow of alice's verify is left (others' may be there: tests run side by side).
  CHECK(mysql_value("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE LOCATE('" +
                    devenv::util::sha256_hex(alice).substr(0, 12) + "', SCHEMA_NAME) > 0") == "0");

  // carol_main exists, made by hand: carol's up refuses it and makes nothing.
  mysql_root()->execute("CREATE DATABASE `" + carol + "main`");
  mysql_root()->execute("CREATE TABLE `" + carol + "main`.keep (id INT)");
  const CommandResult refused = project.devenv(carol, "up shared");
  INFO(refused.output);
  CHECK(refused.exit_code == 3);
  CHECK_THAT(refused.output, Catch::Contains("database " + carol + "main exists") &&
                                 Catch::Contains("registry does not record making it"));
  CHECK(mysql_value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + carol + "main'") == "1");
  CHECK_FALSE(mysql_database_exists(carol + "hydra"));

  // A database the registry records under another prefix is not bob's either (prefixes
  // "al_" and "al_ice_" can make the same name): refused, left as it is.
  mysql_root()->execute("UPDATE `_devenv_registry`.`registry` SET prefix = 'someone_else_' WHERE name = '" + bob +
                        "hydra'");
  const CommandResult other = project.devenv(bob, "up shared");
  CHECK(other.exit_code == 3);
  CHECK_THAT(other.output, Catch::Contains("records it under prefix someone_else_"));
  mysql_root()->execute("UPDATE `_devenv_registry`.`registry` SET prefix = '" + bob + "' WHERE name = '" + bob +
                        "hydra'");

  // A name recorded under another prefix is refused even when it does not exist now
  // (its owner's up was killed before the CREATE), and nothing of bob's is made again.
  mysql_root()->execute("INSERT INTO `_devenv_registry`.`registry` VALUES ('database', '" + carol +
                        "hydra', 'someone_else_', '', 'initialising', 0, 0)");
  mysql_root()->execute("DROP DATABASE `" + carol + "main`");
  const CommandResult absent = project.devenv(carol, "up shared");
  CHECK(absent.exit_code == 3);
  CHECK_THAT(absent.output, Catch::Contains("database " + carol + "hydra is named on") &&
                                Catch::Contains("records it under prefix someone_else_"));
  CHECK_FALSE(mysql_database_exists(carol + "main"));
  mysql_root()->execute("DELETE FROM `_devenv_registry`.`registry` WHERE name = '" + carol + "hydra'");
  // A user with the prefix that devenv did not make: refused too, and left as it is.
  mysql_root()->execute("CREATE USER '" + carol + "app'@'%' IDENTIFIED BY 'theirs'");
  const CommandResult user = project.devenv(carol, "up shared");
  CHECK(user.exit_code == 3);
  CHECK_THAT(user.output, Catch::Contains("user " + carol + "app exists"));
  CHECK_NOTHROW(as_user(devenv::sqltext::Dialect::MySQL, port, carol + "app", "theirs", ""));
  mysql_root()->execute("DROP USER '" + carol + "app'@'%'");
  mysql_root()->execute("CREATE DATABASE `" + carol + "main`");
  // alice_scratch: alice's prefix, made by hand: her purge must leave it.
  mysql_root()->execute("CREATE DATABASE `" + alice + "scratch`");

  // An edit of main.sql: alice's reset remakes only her main; her partitions keep
  // their rows, and bob's databases are not touched.
  project.dir.write("schemas/main.sql",
                    "CREATE TABLE accounts (id INT PRIMARY KEY, name VARCHAR(40) NOT NULL);\n"
                    "CREATE VIEW hydra_steps AS SELECT id FROM hydra.steps;\nCREATE TABLE added (id INT);\n");
  const CommandResult status = project.devenv(alice, "status");
  CHECK_THAT(status.output, Catch::Contains("schema changed"));
  const CommandResult reset = project.devenv(alice, "reset shared");
  INFO(reset.output);
  REQUIRE(reset.exit_code == 0);
  CHECK(mysql_value("SELECT COUNT(*) FROM `" + alice + "main`.accounts") == "0");
  CHECK(mysql_value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + alice +
                    "main' AND TABLE_NAME = 'added'") == "1");
  CHECK(mysql_value("SELECT body FROM `" + alice + "partition_002`.events") == "kept");
  CHECK(mysql_value("SELECT name FROM `" + bob + "main`.accounts") == "bob row");
  CHECK(mysql_value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + bob +
                    "main' AND TABLE_NAME = 'added'") == "0");

  // down leaves the server and the databases; down --purge drops alice's only.
  const CommandResult down = project.devenv(alice, "down shared");
  CHECK(down.exit_code == 0);
  CHECK_THAT(down.output, Catch::Contains("shared server left running"));
  CHECK(mysql_database_exists(alice + "main"));
  const CommandResult purge = project.devenv(alice, "down --purge shared");
  INFO(purge.output);
  CHECK(purge.exit_code == 0);
  CHECK_THAT(purge.output, Catch::Contains("5 databases (" + alice + "hydra, " + alice + "main, …"));
  for (const char* name : {"main", "hydra", "partition_001", "partition_003"}) {
    CHECK_FALSE(mysql_database_exists(alice + name));
    CHECK(mysql_database_exists(bob + name));
  }
  CHECK(mysql_value("SELECT COUNT(*) FROM mysql.user WHERE User = '" + alice + "app'") == "0");
  CHECK(mysql_value("SELECT COUNT(*) FROM mysql.user WHERE User = '" + bob + "app'") == "1");
  CHECK(registry_rows(alice).empty());
  CHECK(mysql_database_exists(carol + "main"));
  CHECK(mysql_database_exists(alice + "scratch"));
  mysql_root()->execute("DROP DATABASE `" + alice + "scratch`");
  // Bob's prefix row holds one fingerprint of all his databases.
  CHECK(mysql_value("SELECT LENGTH(fingerprint) FROM `_devenv_registry`.`registry` WHERE kind = 'prefix' AND name = '" +
                    bob + "'") == "64");
  CHECK(project.devenv(bob, "down --purge").exit_code == 0);
  mysql_root()->execute("DROP DATABASE `" + carol + "main`");
}

TEST_CASE("remote (PostgreSQL): a reset of one developer keeps the other's rows, and the app user owns its database",
          "[db][remote]") {
  SharedProject project;
  const std::string alice = prefix_of("pgalice");
  const std::string bob = prefix_of("pgbob");
  const int port = TestServers::get().pg_port;
  for (const std::string& prefix : {alice, bob}) {
    const CommandResult up = project.devenv(prefix, "up sharedpg");
    INFO(up.output);
    REQUIRE(up.exit_code == 0);
  }
  const auto app = as_user(devenv::sqltext::Dialect::Postgres, port, alice + "app", kAppPassword, alice + "platform");
  app->execute("INSERT INTO billing.invoices VALUES (1, 9.50)");
  as_user(devenv::sqltext::Dialect::Postgres, port, bob + "app", kAppPassword, bob + "platform")
      ->execute("INSERT INTO billing.invoices VALUES (2, 3.00)");
  // Another developer's app account cannot reach alice's database.
  CHECK_THROWS(as_user(devenv::sqltext::Dialect::Postgres, port, bob + "app", kAppPassword, alice + "platform"));

  const CommandResult verify = project.devenv(alice, "verify platform");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);

  const CommandResult reset = project.devenv(alice, "reset sharedpg");
  INFO(reset.output);
  REQUIRE(reset.exit_code == 0);
  CHECK(pg_root(alice + "platform")->column("SELECT COUNT(*) FROM billing.invoices").at(0) == "0");
  CHECK(pg_root(bob + "platform")->column("SELECT COUNT(*) FROM billing.invoices").at(0) == "1");
  // The app's own account made the table's owner: its migrations may alter it.
  CHECK(pg_root(alice + "platform")->column("SELECT tableowner FROM pg_tables WHERE tablename = 'invoices'").at(0) ==
        alice + "app");

  for (const std::string& prefix : {alice, bob}) CHECK(project.devenv(prefix, "down --purge sharedpg").exit_code == 0);
  CHECK_FALSE(pg_database_exists(alice + "platform"));
  CHECK_FALSE(pg_database_exists(bob + "platform"));
  CHECK(pg_root()
            ->column("SELECT COUNT(*) FROM pg_roles WHERE rolname IN ('" + alice + "app', '" + bob + "app')")
            .at(0) == "0");
}

TEST_CASE("remote (MariaDB): an up killed half way is resumed by the next, which redoes the unfinished database",
          "[db][remote]") {
  SharedProject project(300);
  const std::string dev = prefix_of("killed");
  const pid_t pid = project.up_in_background(dev, 2);
  const std::size_t ready = wait_until_ready(dev, 40);
  REQUIRE(kill(pid, SIGKILL) == 0);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  const std::vector<std::string> rows = registry_rows(dev);
  INFO(devenv::test::read_file(project.log()));
  REQUIRE(ready >= 40);
  REQUIRE(rows.size() < 300 + 3);  // it did not finish

  const CommandResult status = project.devenv(dev, "status");
  INFO(status.output);
  CHECK_THAT(status.output, Catch::Contains("did not finish") || Catch::Contains("not initialised"));
  const CommandResult resumed = project.devenv(dev, "up shared --jobs 4");
  INFO(resumed.output);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.output, Catch::Contains("4 at a time"));
  CHECK(mysql_value("SELECT COUNT(*) FROM `_devenv_registry`.`registry` WHERE prefix = '" + dev +
                    "' AND kind = 'database' AND state = 'ready'") == "302");
  CHECK(project.devenv(dev, "verify main hydra partition").exit_code == 0);
  CHECK(project.devenv(dev, "down --purge shared").exit_code == 0);
  CHECK(mysql_value("SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '" + dev + "%'") == "0");
}

TEST_CASE("remote: list shows every prefix, and prune drops only those unused for longer than asked", "[db][remote]") {
  SharedProject project;
  const std::string fresh = prefix_of("fresh");
  const std::string stale = prefix_of("stale");
  REQUIRE(project.devenv(fresh, "up shared").exit_code == 0);
  REQUIRE(project.devenv(stale, "up shared").exit_code == 0);
  mysql_root()->execute(
      "UPDATE `_devenv_registry`.`registry` SET used_at = used_at - 40 * 86400, created_at = created_at - "
      "41 * 86400 WHERE prefix = '" +
      stale + "'");

  const CommandResult list = project.devenv(fresh, "remote list shared");
  INFO(list.output);
  CHECK(list.exit_code == 0);
  CHECK_THAT(list.output, Catch::Contains(fresh) && Catch::Contains("(you)") && Catch::Contains(stale));
  CHECK_THAT(list.output, Catch::Contains("40d 0h ago"));
  const CommandResult json = project.devenv(fresh, "remote list --format json");
  CHECK_THAT(json.output, Catch::Contains("\"prefix\": \"" + stale + "\""));

  const CommandResult dry = project.devenv(fresh, "remote prune shared --older-than 30d --dry-run");
  INFO(dry.output);
  CHECK(dry.exit_code == 0);
  CHECK_THAT(dry.output, Catch::Contains(stale) && Catch::Contains("nothing dropped"));
  CHECK_THAT(dry.output, !Catch::Contains(fresh));
  CHECK(mysql_database_exists(stale + "main"));

  const CommandResult prune = project.devenv(fresh, "remote prune shared --older-than 30d");
  INFO(prune.output);
  CHECK(prune.exit_code == 0);
  CHECK_FALSE(mysql_database_exists(stale + "main"));
  CHECK(mysql_value("SELECT COUNT(*) FROM mysql.user WHERE User = '" + stale + "app'") == "0");
  CHECK(mysql_database_exists(fresh + "main"));
  CHECK(registry_rows(stale).empty());
  CHECK(project.devenv(fresh, "remote prune --older-than 1y").exit_code == 2);
  CHECK(project.devenv(fresh, "down --purge").exit_code == 0);
}

TEST_CASE("remote: an unreachable shared server is named, after a few tries", "[unit][remote]") {
  TempDir dir;
  const int port = devenv::test::reserve_test_port();  // nobody listens there
  dir.write("t.sql", "CREATE TABLE t (a INT);\n");
  dir.write("config.toml",
            "[servers.shared]\nengine = \"mariadb\"\nruntime = \"remote\"\nurl = \"mysql://admin:pw@127.0.0.1:" +
                std::to_string(port) +
                "\"\nprefix = \"dev_\"\n\n[[databases]]\nkey = \"main\"\n"
                "server = \"shared\"\nsource = \"t.sql\"\n");
  const CommandResult up = run_devenv(dir.path().string(), "up");
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("servers.shared: cannot reach the shared server 127.0.0.1:" +
                                        std::to_string(port) + " as admin"));
  CHECK_THAT(up.output, Catch::Contains("trying again") && Catch::Contains("check servers.shared.url"));
}

TEST_CASE("remote (MariaDB): connections killed during up cost a retry of one database, not the up", "[db][remote]") {
  SharedProject project(120);
  const std::string dev = prefix_of("flaky");
  const pid_t pid = project.up_in_background(dev, 3);
  // As a DBA's KILL or a network fault would: every connection of the admin's that
  // works on this developer's databases, a few times over.
  int kills = 0;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (kills < 6 && std::chrono::steady_clock::now() < deadline && kill(pid, 0) == 0) {
    const auto ids = mysql_root()->column("SELECT ID FROM information_schema.PROCESSLIST WHERE USER = '" + dev +
                                          "devenv-init' OR (USER = 'team_admin' AND "
                                          "(DB LIKE '" +
                                          dev + "%' OR INFO LIKE '%" + dev + "partition%'))");
    for (const std::string& id : ids) {
      try {
        mysql_root()->execute("KILL CONNECTION " + id);
        ++kills;
      } catch (const devenv::db::DbError&) {
        // gone meanwhile
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
  }
  while (kill(pid, 0) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const std::string output = devenv::test::read_file(project.log());
  INFO(output);
  REQUIRE(kills > 0);
  CHECK_THAT(output, Catch::Contains("lost the connection while making " + dev));
  CHECK_THAT(output, Catch::Contains("initialised"));
  CHECK(mysql_value("SELECT COUNT(*) FROM `_devenv_registry`.`registry` WHERE prefix = '" + dev +
                    "' AND kind = 'database' AND state = 'ready'") == "122");
  CHECK(project.devenv(dev, "verify main hydra partition").exit_code == 0);
  CHECK(project.devenv(dev, "down --purge shared").exit_code == 0);
}

TEST_CASE("remote (MariaDB): Ctrl-C stops an up between statements, and the next up finishes it", "[db][remote]") {
  SharedProject project(300);
  const std::string dev = prefix_of("ctrlc");
  const pid_t pid = project.up_in_background(dev, 2);
  wait_until_ready(dev, 30);
  REQUIRE(kill(pid, SIGINT) == 0);
  const CommandResult waited =
      run_command("while kill -0 " + std::to_string(pid) + " 2>/dev/null; do sleep 0.05; done");
  (void)waited;
  const std::string output = devenv::test::read_file(project.log());
  INFO(output);
  CHECK_THAT(output, Catch::Contains("interrupted"));
  const std::size_t ready =
      std::stoul(mysql_value("SELECT COUNT(*) FROM `_devenv_registry`.`registry` WHERE prefix = '" + dev +
                             "' AND kind = 'database' AND state = 'ready'"));
  CHECK(ready < 302);
  const CommandResult resumed = project.devenv(dev, "up shared");
  INFO(resumed.output);
  REQUIRE(resumed.exit_code == 0);
  CHECK_THAT(resumed.output, Catch::Contains("making " + std::to_string(302 - ready) + " database(s)"));
  CHECK(project.devenv(dev, "down --purge shared").exit_code == 0);
}

TEST_CASE("remote: a server that accepts but never answers is given up on after connect_timeout, each try",
          "[unit][remote]") {
  const int port = devenv::test::reserve_test_port();
  // Listens (the kernel completes the handshake) but never accepts or answers.
  const devenv::test::LoopbackListener listener(port);
  TempDir dir;
  dir.write("t.sql", "CREATE TABLE t (a INT);\n");
  dir.write("config.toml",
            "[servers.shared]\nengine = \"postgres\"\nruntime = \"remote\"\n"
            "url = \"postgres://admin:pw@127.0.0.1:" +
                std::to_string(port) +
                "\"\nprefix = \"dev_\"\nconnect_timeout = 1\n\n[[databases]]\nkey = \"main\"\n"
                "server = \"shared\"\nsource = \"t.sql\"\n");
  const auto started = std::chrono::steady_clock::now();
  const CommandResult up = run_devenv(dir.path().string(), "up");
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("cannot reach the shared server 127.0.0.1:" + std::to_string(port)));
  CHECK_THAT(up.output, Catch::Contains("timeout"));
  CHECK(seconds < 30);  // 4 tries of 1 s and 3.5 s between them, not libpq's default of forever
}

// The init's and verify's sessions are made through connectors from the endpoint,
// not by the admin's retry loop: they must honour connect_timeout too (they waited a
// fixed 5 s before).
TEST_CASE("remote: every session made from a shared server's endpoint waits connect_timeout, not 5 s",
          "[unit][remote]") {
  const devenv::test::LoopbackListener listener;  // accepts (in the kernel), never answers
  for (const auto kind : {devenv::engine::Engine::Kind::MariaDB, devenv::engine::Engine::Kind::Postgres}) {
    const devenv::engine::Engine engine(kind);
    CAPTURE(engine.name());
    devenv::db::Endpoint endpoint;
    endpoint.port = listener.port();
    endpoint.user = "admin";
    endpoint.connect_timeout_seconds = 1;
    const auto started = std::chrono::steady_clock::now();
    CHECK_THROWS_AS(devenv::db::connector_as(engine, endpoint)("main", {"alice_app", "pw"}), devenv::db::DbError);
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    CHECK(seconds < 4);
  }
}

TEST_CASE("remote (MariaDB): a schema file runs with this prefix's rights only, never the shared server's admin's",
          "[db][remote]") {
  SharedProject project;
  const std::string dev = prefix_of("hostile");
  project.dir.write("schemas/hydra.sql",
                    "CREATE TABLE steps (id INT PRIMARY KEY);\nCREATE USER intruder_" + dev + " IDENTIFIED BY 'x';\n");
  const CommandResult up = project.devenv(dev, "up shared");
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output,
             Catch::Contains("schemas/hydra.sql:2") && Catch::Contains("the server rejected this statement"));
  CHECK(mysql_value("SELECT COUNT(*) FROM mysql.user WHERE User = 'intruder_" + dev + "'") == "0");
  // What the scripts make is defined by the prefix's own account, which stays.
  project.dir.write("schemas/hydra.sql",
                    "CREATE TABLE steps (id INT PRIMARY KEY);\n"
                    "CREATE VIEW step_ids AS SELECT id FROM steps;\n");
  const CommandResult fixed = project.devenv(dev, "up shared");
  INFO(fixed.output);
  REQUIRE(fixed.exit_code == 0);
  CHECK(mysql_value("SELECT DEFINER FROM information_schema.VIEWS WHERE TABLE_SCHEMA = '" + dev + "hydra'") ==
        dev + "devenv-init@%");
  CHECK(project.devenv(dev, "down --purge shared").exit_code == 0);
  CHECK(mysql_value("SELECT COUNT(*) FROM mysql.user WHERE User LIKE '" + dev + "%'") == "0");
}

namespace {

// A MariaDB or PostgreSQL that speaks TLS with a certificate of a test CA (for
// 127.0.0.1), started by devenv's native runtime, listening on ::1 too; on MariaDB an
// admin that must use TLS. Stopped and removed after.
struct TlsServer {
  TempDir dir;
  bool postgres;
  int port = devenv::test::reserve_test_port();

  explicit TlsServer(bool postgres = false) : postgres(postgres) {
    const std::string at = dir.path().string();
    // PostgreSQL runs as the unprivileged user `postgres` here (as root, devenv's
    // native runtime drops to it), which must own its key, mode 0600.
    const CommandResult certificates = run_command(
        "cd '" + at +
        "' && (openssl req -x509 -newkey rsa:2048 -nodes -keyout ca.key -out ca.pem -days 2 "
        "-subj '/CN=devenv test CA' && openssl req -newkey rsa:2048 -nodes -keyout server.key -out server.csr "
        "-subj '/CN=127.0.0.1' && printf 'subjectAltName=IP:127.0.0.1\\n' >san.ext && openssl x509 -req -in "
        "server.csr -CA ca.pem -CAkey ca.key -CAcreateserial -out server.pem -days 2 -extfile san.ext && "
        "openssl req -x509 -newkey rsa:2048 -nodes -keyout other.key -out other-ca.pem -days 2 -subj '/CN=other CA'"
        " && chmod 755 . && chmod 600 server.key" +
        (postgres && geteuid() == 0 ? " && chown postgres server.key server.pem" : "") + ")");
    INFO(certificates.output);
    REQUIRE(certificates.exit_code == 0);
    dir.write("local/t.sql", "CREATE TABLE t (a INT);\n");
    const std::string settings =
        postgres ? "settings = { ssl = true, ssl_cert_file = \"" + at + "/server.pem\", ssl_key_file = \"" + at +
                       "/server.key\", listen_addresses = \"127.0.0.1,::1\" }"
                 : "settings = { ssl_cert = \"" + at + "/server.pem\", ssl_key = \"" + at +
                       "/server.key\", ssl_ca = \"" + at + "/ca.pem\", bind_address = \"127.0.0.1,::1\" }";
    dir.write("local/config.toml", std::string("[servers.tlsdb]\nengine = \"") + (postgres ? "postgres" : "mariadb") +
                                       "\"\nport = " + std::to_string(port) + "\nroot_password = \"root-pw\"\n" +
                                       settings +
                                       "\n\n[[databases]]\nkey = \"seed\"\nserver = \"tlsdb\"\n"
                                       "source = \"t.sql\"\n");
    const CommandResult up = run_devenv(at + "/local", "up");
    INFO(up.output);
    REQUIRE(up.exit_code == 0);
    if (postgres) return;
    auto root = as_user(devenv::sqltext::Dialect::MySQL, port, "root", "root-pw", "");
    const std::string password =
        devenv::engine::Engine(devenv::engine::Engine::Kind::MariaDB).quote_string(kAdminPassword);
    root->execute("CREATE USER 'tls_admin'@'%' IDENTIFIED BY " + password + " REQUIRE SSL");
    root->execute("GRANT ALL ON *.* TO 'tls_admin'@'%' WITH GRANT OPTION");
  }
  ~TlsServer() { run_devenv(dir.path().string() + "/local", "down --purge"); }

  // A project using it as a shared server at `host` (as the url writes it), with
  // these TLS keys and an app user.
  void write_remote_project(const std::string& tls, const std::string& host = "127.0.0.1") const {
    dir.write("remote/t.sql", "CREATE TABLE t (a INT);\n");
    const std::string admin = postgres ? "postgres:root-pw" : "tls_admin:${ADMIN_PW}";
    dir.write("remote/config.toml", std::string("[servers.shared]\nengine = \"") + (postgres ? "postgres" : "mariadb") +
                                        "\"\nruntime = \"remote\"\nurl = \"" + (postgres ? "postgres" : "mysql") +
                                        "://" + admin + "@" + host + ":" + std::to_string(port) +
                                        "\"\nprefix = \"tls_\"\n" + tls +
                                        "\n\n[[databases]]\nkey = \"main\"\nserver = \"shared\"\nsource = \"t.sql\"\n"
                                        "\n[[users]]\nname = \"app\"\npassword = \"app-pw\"\nserver = \"shared\"\n"
                                        "databases = [\"main\"]\n");
  }
  CommandResult remote_devenv(const std::string& arguments) const {
    return run_devenv(dir.path().string() + "/remote", arguments,
                      "ADMIN_PW=" + devenv::util::shell_quote(kAdminPassword));
  }

  // `devenv up` against it as a shared server, with these TLS keys.
  CommandResult up_remote(const std::string& tls) const {
    write_remote_project(tls);
    const CommandResult up = remote_devenv("up");
    remote_devenv("down --purge");
    return up;
  }
};

// require and verify-full with the test CA reach it; verify-full with another CA is refused.
void check_tls_modes(const TlsServer& server) {
  const CommandResult required = server.up_remote("tls = \"require\"");
  INFO(required.output);
  CHECK(required.exit_code == 0);
  const CommandResult verified = server.up_remote("tls = \"verify-full\"\nca_file = \"../ca.pem\"");
  INFO(verified.output);
  CHECK(verified.exit_code == 0);
  const CommandResult wrong_ca = server.up_remote("tls = \"verify-full\"\nca_file = \"../other-ca.pem\"");
  INFO(wrong_ca.output);
  CHECK(wrong_ca.exit_code == 3);
  CHECK_THAT(wrong_ca.output, Catch::Contains("cannot reach the shared server") && Catch::Contains("certificate"));
}

}  // namespace

TEST_CASE("remote (MariaDB): tls and ca_file reach a server that requires TLS, and a wrong CA is refused",
          "[native][remote]") {
  const TlsServer server;
  const CommandResult plain = server.up_remote("tls = \"disable\"");
  INFO(plain.output);
  CHECK(plain.exit_code == 3);  // the admin must use TLS
  CHECK_THAT(plain.output, Catch::Contains("Access denied"));

  check_tls_modes(server);
}

static bool ipv6_loopback() {
  const int fd = socket(AF_INET6, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in6 address{};
  address.sin6_family = AF_INET6;
  address.sin6_addr = in6addr_loopback;
  const bool bound = fd >= 0 && bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  if (fd >= 0) close(fd);
  return bound;
}

// An IPv6 host is written in brackets in the url, and must come out so wherever devenv
// writes host and port together: the MySQL driver's "tcp://" URI, env's URLs, status.
TEST_CASE("remote: a shared server at an IPv6 address, on both engines", "[native][remote]") {
  if (!ipv6_loopback()) {
    WARN("::1 cannot be bound here (no IPv6): nothing to test");
    return;
  }
  for (const bool postgres : {false, true}) {
    CAPTURE(postgres);
    const TlsServer server(postgres);
    server.write_remote_project("tls = \"require\"", "[::1]");
    const CommandResult up = server.remote_devenv("up");
    INFO(up.output);
    CHECK(up.exit_code == 0);
    const std::string address = "[::1]:" + std::to_string(server.port);
    CHECK_THAT(server.remote_devenv("status").output, Catch::Contains(address));
    const CommandResult env = server.remote_devenv("env");
    CHECK_THAT(env.output, Catch::Contains("://tls_app:app-pw@" + address + "/tls_main"));
    CHECK_THAT(server.remote_devenv("remote list").output, Catch::Contains("shared (" + address + ")"));
    const CommandResult verify = server.remote_devenv("verify");
    INFO(verify.output);
    CHECK(verify.exit_code == 0);
    CHECK(server.remote_devenv("down --purge").exit_code == 0);
  }
}

TEST_CASE("remote (PostgreSQL): tls = \"require\" against a server without TLS fails, naming it", "[db][remote]") {
  SharedProject project;
  const std::string dev = prefix_of("pgtls");
  std::string config = devenv::test::read_file(project.dir.path() / "config.toml");
  const std::string marker = "[servers.sharedpg]\n";
  config.replace(config.find(marker), marker.size(), marker + "tls = \"require\"\n");
  project.dir.write("config.toml", config);
  const CommandResult up = project.devenv(dev, "up sharedpg");
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("servers.sharedpg: cannot reach the shared server") && Catch::Contains("SSL"));
}

TEST_CASE("remote (MariaDB): a second devenv on the same prefix waits for the first, holding the server's lock",
          "[db][remote]") {
  SharedProject project;
  const std::string dev = prefix_of("locked");
  // Another devenv of this prefix, as the server sees it: a session holding its lock.
  const auto holder = mysql_root();
  REQUIRE(holder->column("SELECT GET_LOCK('devenv:" + dev + "', 0)").at(0) == "1");
  const pid_t pid = project.up_in_background(dev, 2);
  const auto waiting_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  const std::string waiting = "waiting for another devenv working on prefix " + dev;
  while (devenv::test::read_file(project.log()).find(waiting) == std::string::npos &&
         std::chrono::steady_clock::now() < waiting_deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  CHECK_THAT(devenv::test::read_file(project.log()), Catch::Contains(waiting));
  CHECK_FALSE(mysql_database_exists(dev + "main"));
  holder->execute("DO RELEASE_LOCK('devenv:" + dev + "')");
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (kill(pid, 0) == 0 && std::chrono::steady_clock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  INFO(devenv::test::read_file(project.log()));
  CHECK(mysql_database_exists(dev + "main"));
  CHECK(project.devenv(dev, "down --purge shared").exit_code == 0);
}

TEST_CASE("remote (PostgreSQL): verify-full checks the server's certificate against ca_file", "[native][remote]") {
  const TlsServer server(true);
  check_tls_modes(server);
}

TEST_CASE("remote: build is the same for every prefix, and --runtime native runs a shared server's config here",
          "[unit][remote]") {
  TempDir dir;
  dir.write("t.sql", "CREATE TABLE t (a INT);\nCREATE VIEW v AS SELECT a FROM t;\n");
  dir.write("config.toml",
            "[project]\nruntime = \"remote\"\n\n[servers.shared]\nengine = \"mariadb\"\n"
            "url = \"mysql://admin:${ADMIN_PW}@127.0.0.1:1\"\nport = " +
                std::to_string(devenv::test::reserve_test_port()) +
                "\n\n[[databases]]\nkey = \"main\"\nserver = \"shared\"\nsource = \"t.sql\"\n\n"
                "[[users]]\nname = \"app\"\npassword = \"pw\"\nserver = \"shared\"\n"
                "databases = [\"main\"]\n");
  // No admin password, two developers: the same initdb/.
  const CommandResult alice = run_devenv(dir.path().string(), "build", "USER=alice");
  INFO(alice.output);
  REQUIRE(alice.exit_code == 0);
  CHECK(run_devenv(dir.path().string(), "build --check", "USER=bob").exit_code == 0);
  CHECK(run_devenv(dir.path().string(), "build --check").exit_code == 0);  // no $USER either
  // The commands that reach the shared server say what is missing.
  const CommandResult status = run_devenv(dir.path().string(), "status", "USER=alice");
  CHECK(status.exit_code == 2);
  CHECK_THAT(status.output, Catch::Contains("config.toml:6:7") && Catch::Contains("${ADMIN_PW} is not set"));
  // --runtime native wins over project.runtime: the server is this machine's, never contacted.
  const CommandResult native = run_devenv(dir.path().string(), "status --runtime native", "USER=alice");
  INFO(native.output);
  CHECK_THAT(native.output, Catch::Contains("not initialised"));
  CHECK_THAT(native.output, !Catch::Contains("cannot reach"));
}
