// The compose runtime on a real Docker engine, with devenv's local images (built from
// Debian packages by tests/docker/build_images.sh: no registry is reachable) and host
// networking on free 127.0.0.1 ports. Run by scripts/test.sh when an engine starts.
#include <catch2/catch.hpp>

#include <chrono>
#include <regex>
#include <sstream>
#include <thread>

#include "db/session.h"
#include "support/background_watch.h"
#include "support/native_example.h"
#include "support/test_ports.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::run_command;

namespace {

// The example, on the compose runtime: its own project name, local images, host network.
// `in_config`: runtime = "compose" in config.toml; else the config says native and
// every command is given --runtime compose.
class ComposeExample {
 public:
  explicit ComposeExample(bool in_config = true)
      : mysql_port_(devenv::test::reserve_test_port()),
        postgres_port_(devenv::test::reserve_test_port()),
        runtime_flag_(in_config ? "" : " --runtime compose") {
    devenv::test::copy_example(dir_.path());
    project_ = "devenv-test-" + dir_.path().filename().string().substr(12);
    for (char& c : project_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string config = dir_.read("config.toml");
    config = std::regex_replace(config, std::regex("name = \"unkey-dev\""), "name = \"" + project_ + "\"");
    config = std::regex_replace(
        config, std::regex("runtime = \"native\""),
        std::string(in_config ? "runtime = \"compose\"" : "runtime = \"native\"") + "\nnetwork_mode = \"host\"");
    config = std::regex_replace(config, std::regex("\nport = 3306"), "\nport = " + std::to_string(mysql_port_));
    config = std::regex_replace(config, std::regex("\nport = 5432"), "\nport = " + std::to_string(postgres_port_));
    config = std::regex_replace(config, std::regex("image = \"mariadb:11\""), "image = \"devenv-test/mariadb:10.11\"");
    config = std::regex_replace(config, std::regex("image = \"postgres:16\""), "image = \"devenv-test/postgres:15\"");
    dir_.write("config.toml", config);
  }
  ~ComposeExample() { devenv("down --purge"); }

  CommandResult devenv(const std::string& arguments) const {
    return devenv::test::run_devenv(dir_.path().string(), arguments + runtime_flag_);
  }
  const devenv::test::TempDir& dir() const { return dir_; }
  const std::string& project() const { return project_; }
  int mysql_port() const { return mysql_port_; }
  int postgres_port() const { return postgres_port_; }

  // SQL as root over TCP; the first column of every row, one per line.
  std::string mysql(const std::string& sql, const std::string& password = "devenv-root") const {
    return query(devenv::sqltext::Dialect::MySQL, {"", mysql_port_, "root", password, ""}, sql);
  }
  std::string postgres(const std::string& sql, const std::string& database) const {
    return query(devenv::sqltext::Dialect::Postgres, {"", postgres_port_, "postgres", "devenv-root", database}, sql);
  }

 private:
  static std::string query(devenv::sqltext::Dialect dialect, const devenv::db::Endpoint& endpoint,
                           const std::string& sql) {
    auto session = devenv::db::connect(dialect, endpoint);
    if (sql.rfind("SELECT", 0) != 0) {
      session->execute(sql);
      return {};
    }
    std::string out;
    for (const std::string& value : session->column(sql)) out += value + "\n";
    return out;
  }

  devenv::test::TempDir dir_;
  std::string project_;
  int mysql_port_, postgres_port_;
  std::string runtime_flag_;
};

void require_up(const ComposeExample& example) {
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
}

CommandResult require_ok(const ComposeExample& example, const std::string& arguments) {
  const CommandResult result = example.devenv(arguments);
  INFO("devenv " << arguments << "\n" << result.output);
  REQUIRE(result.exit_code == 0);
  return result;
}

void append(const ComposeExample& example, const std::string& file, const std::string& text) {
  example.dir().write(file, example.dir().read(file) + text);
}

std::string tables_named(const ComposeExample& example, const std::string& database, const std::string& table) {
  return example.mysql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + database +
                       "' AND table_name = '" + table + "'");
}

std::string pg_tables_named(const ComposeExample& example, const std::string& database, const std::string& table) {
  return example.postgres("SELECT count(*) FROM pg_tables WHERE tablename = '" + table + "'", database);
}

}  // namespace

TEST_CASE("compose: up on the example gives the same databases as the native runtime", "[docker]") {
  ComposeExample compose;
  const CommandResult up = compose.devenv("up --verify");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  CHECK_THAT(up.output,
             Catch::Contains("compose runtime: docker-compose") || Catch::Contains("compose runtime: Docker Compose"));
  CHECK_THAT(up.output, Catch::Contains("initialised") && Catch::Contains("schemas match"));
  CHECK_THAT(compose.devenv("up").output, Catch::Contains("already running"));
  CHECK_THAT(compose.devenv("status").output, Catch::Contains("running"));

  NativeExample native;
  REQUIRE(native.devenv("up").exit_code == 0);
  const std::string mysql = "mysql://root:devenv-root@127.0.0.1:" + std::to_string(compose.mysql_port()) + "/";
  const std::string postgres =
      "postgres://postgres:devenv-root@127.0.0.1:" + std::to_string(compose.postgres_port()) + "/";
  for (const std::string database : {"unkey", "partition_001", "partition_004", "hydra"}) {
    const CommandResult diff = native.devenv("diff " + database + " " + mysql + database);
    INFO(diff.output);
    CHECK(diff.exit_code == 0);
  }
  for (const std::string database : {"platform", "analytics"}) {
    const CommandResult diff = native.devenv("diff " + database + " " + postgres + database);
    INFO(diff.output);
    CHECK(diff.exit_code == 0);
  }
  // The same users and grants: unkey over TCP sees exactly its databases.
  const CommandResult unkey =
      run_command("mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P" + std::to_string(compose.mysql_port()) +
                  " -uunkey -punkey -N -e 'SHOW DATABASES'");
  CHECK(unkey.output ==
        "hydra\ninformation_schema\npartition_001\npartition_002\npartition_003\npartition_004\nunkey\n");
}

TEST_CASE("compose: a schema edit is reported on the stale volume, and reset applies it", "[docker]") {
  ComposeExample compose;
  require_up(compose);
  compose.dir().write("schemas/analytics.sql",
                      compose.dir().read("schemas/analytics.sql") + "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  REQUIRE(compose.devenv("build").exit_code == 0);
  CHECK_THAT(compose.devenv("status").output,
             Catch::Contains("schema changed since this volume was initialised — run `devenv reset`"));
  const CommandResult stale = compose.devenv("up");
  CHECK(stale.exit_code == 1);
  CHECK_THAT(stale.output, Catch::Contains("postgres: schema changed since this volume was initialised"));
  const CommandResult reset = compose.devenv("reset postgres");
  INFO(reset.output);
  CHECK(reset.exit_code == 0);
  CHECK(compose.devenv("verify").exit_code == 0);
  const CommandResult count =
      run_command("PGPASSWORD=devenv-root psql -h 127.0.0.1 -p " + std::to_string(compose.postgres_port()) +
                  " -U postgres -d analytics -tAc \"SELECT count(*) FROM pg_tables WHERE tablename = 'added'\"");
  CHECK(count.output == "1\n");
}

TEST_CASE("compose: a broken init file exits 3 with the container's error, and the next up starts afresh", "[docker]") {
  ComposeExample compose;
  const std::string good = compose.dir().read("schemas/hydra/02-scheduling.sql");
  compose.dir().write("schemas/hydra/02-scheduling.sql",
                      good + "\nCREATE TABLE broken (id int REFERENCES nowhere (id));\n");
  const CommandResult failed = compose.devenv("up mysql");
  INFO(failed.output);
  CHECK(failed.exit_code == 3);
  CHECK_THAT(failed.output, Catch::Contains("while running 03-hydra-schema.sql") &&
                                Catch::Contains("Foreign key constraint is incorrectly formed"));
  CHECK(run_command("docker volume inspect " + compose.project() + "_mysql-data").exit_code != 0);
  compose.dir().write("schemas/hydra/02-scheduling.sql", good);
  const CommandResult fixed = compose.devenv("up --verify");
  INFO(fixed.output);
  CHECK(fixed.exit_code == 0);
  CHECK_THAT(fixed.output, Catch::Contains("schemas match"));
}

TEST_CASE("compose: down --purge removes only devenv's own volumes", "[docker]") {
  ComposeExample compose;
  require_up(compose);
  const std::string outsider = compose.project() + "_not-devenvs";
  REQUIRE(run_command("docker volume create " + outsider).exit_code == 0);
  const CommandResult down = compose.devenv("down --purge");
  INFO(down.output);
  CHECK(down.exit_code == 0);
  CHECK_THAT(down.output, Catch::Contains("removed volume " + compose.project() + "_mysql-data") &&
                              Catch::Contains("removed volume " + compose.project() + "_postgres-data"));
  CHECK(run_command("docker volume inspect " + compose.project() + "_mysql-data").exit_code != 0);
  CHECK(run_command("docker volume inspect " + outsider).exit_code == 0);
  run_command("docker volume rm " + outsider);
}

TEST_CASE("compose: --runtime compose on every runtime command of a native config, and down -v removes the network",
          "[docker]") {
  ComposeExample compose(false);
  require_up(compose);
  const CommandResult status = compose.devenv("status");
  INFO(status.output);
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.output, Catch::Contains("running"));
  CHECK_THAT(compose.devenv("env").output, Catch::Contains("export DEVENV_MAIN_URL="));
  const CommandResult logs = compose.devenv("logs -n 3");
  CHECK(logs.exit_code == 0);
  CHECK_THAT(logs.output, Catch::Contains("mysql    | ") && Catch::Contains("postgres | "));
  CHECK(compose.devenv("verify").exit_code == 0);
  // The network compose makes for a project without network_mode = "host".
  const std::string network = compose.project() + "_default";
  REQUIRE(run_command("docker network create --label com.docker.compose.project=" + compose.project() +
                      " --label com.docker.compose.network=default " + network)
              .exit_code == 0);
  const CommandResult purged = compose.devenv("down -v");
  INFO(purged.output);
  CHECK(purged.exit_code == 0);
  CHECK_THAT(purged.output, Catch::Contains("removed network " + network));
  CHECK_THAT(purged.output, Catch::Contains("removed volume " + compose.project() + "_mysql-data"));
  CHECK(run_command("docker network ls --format '{{.Name}}' | grep -cx '" + network + "'").output == "0\n");
  const CommandResult after = compose.devenv("status");
  CHECK(after.exit_code == 3);
  CHECK_THAT(after.output, Catch::Contains("not initialised"));
}

TEST_CASE("compose: reset in place rebuilds only the edited databases, and a plain reset makes every one fresh",
          "[docker]") {
  ComposeExample compose;
  require_up(compose);
  compose.mysql(
      "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) VALUES ('ws_dev', 'o', 'n', '{}', "
      "'{}')");
  compose.mysql("CREATE TABLE hydra.dev_rows (id int)");
  compose.mysql("INSERT INTO hydra.dev_rows VALUES (1)");
  compose.mysql("CREATE DATABASE scratch");  // not the config's: left alone, and no --force needed
  for (const char* database : {"platform", "analytics"}) {
    compose.postgres("CREATE TABLE dev_rows (id int)", database);
    compose.postgres("INSERT INTO dev_rows VALUES (1)", database);
  }
  append(compose, "schemas/main.sql", "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  append(compose, "schemas/analytics.sql", "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  require_ok(compose, "build");

  const CommandResult edited = require_ok(compose, "reset");
  CHECK_THAT(edited.output, Catch::Contains("rebuilt unkey (schema changed); kept partition_001 … hydra (5) with "
                                            "their data"));
  CHECK_THAT(edited.output, Catch::Contains("rebuilt analytics (schema changed); kept platform with their data"));
  CHECK_THAT(edited.output, !Catch::Contains("removing its container and volume"));
  CHECK(compose.mysql("SELECT COUNT(*) FROM unkey.workspaces") == "0\n");
  CHECK(tables_named(compose, "unkey", "added") == "1\n");
  CHECK(compose.mysql("SELECT COUNT(*) FROM hydra.dev_rows") == "1\n");
  CHECK(pg_tables_named(compose, "analytics", "dev_rows") == "0\n");
  CHECK(pg_tables_named(compose, "analytics", "added") == "1\n");
  CHECK(compose.postgres("SELECT count(*) FROM dev_rows", "platform") == "1\n");
  CHECK_THAT(compose.devenv("status").output, !Catch::Contains("schema changed"));

  // Nothing edited: every database fresh. PostgreSQL copies those with a pristine
  // copy (analytics, made by the reset above) and makes the other from its file.
  const CommandResult plain = require_ok(compose, "reset");
  CHECK_THAT(plain.output, Catch::Contains("reset in place") && Catch::Contains("rebuilt unkey … hydra (6)"));
  CHECK_THAT(plain.output, Catch::Contains("rebuilt platform from the init files; analytics from pristine copies"));
  CHECK(tables_named(compose, "hydra", "dev_rows") == "0\n");
  CHECK(pg_tables_named(compose, "platform", "dev_rows") == "0\n");
  CHECK(compose.mysql("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'scratch'") == "1\n");
  compose.postgres("CREATE TABLE dev_rows (id int)", "platform");
  const CommandResult copies = require_ok(compose, "reset postgres");
  CHECK_THAT(copies.output, Catch::Contains("platform, analytics from pristine copies"));
  CHECK(pg_tables_named(compose, "platform", "dev_rows") == "0\n");
  compose.mysql("DROP DATABASE scratch");
  CHECK(require_ok(compose, "verify").exit_code == 0);

  // up --reset-on-change resets in place too.
  append(compose, "schemas/analytics.sql", "\nCREATE TABLE added_again (id int PRIMARY KEY);\n");
  compose.postgres("CREATE TABLE dev_rows (id int)", "platform");
  const CommandResult up = require_ok(compose, "up --reset-on-change postgres");
  CHECK_THAT(up.output, Catch::Contains("rebuilt analytics (schema changed); kept platform with their data"));
  CHECK(pg_tables_named(compose, "analytics", "added_again") == "1\n");
  CHECK(pg_tables_named(compose, "platform", "dev_rows") == "1\n");
}

TEST_CASE("compose: a new seed file or root password makes a new volume, saying why, and a seed runs in the container",
          "[docker]") {
  ComposeExample compose;
  require_ok(compose, "up mysql");
  compose.dir().write("initdb/mysql/50-seed.sql",
                      "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) "
                      "VALUES ('ws_seed', 'o', 'seeded', '{}', '{}');\n");
  const CommandResult seeded = require_ok(compose, "reset mysql");
  CHECK_THAT(seeded.output,
             Catch::Contains("making the container and volume again: 50-seed.sql is new since the init"));
  CHECK_THAT(seeded.output, Catch::Contains("removing its container and volume") && Catch::Contains("initialised"));
  CHECK(compose.mysql("SELECT id FROM unkey.workspaces") == "ws_seed\n");

  // Root's password in the config (any character: it reaches the container's client
  // through the environment).
  const std::string password = "n3w p'w\"d $x;`";
  std::string quoted = "'";
  for (char c : password) quoted += c == '\'' ? std::string("'\\''") : std::string(1, c);
  const std::string environment = "DEVENV_MYSQL_ROOT_PASSWORD=" + quoted + "'";
  const std::string dir = compose.dir().path().string();
  const CommandResult changed = devenv::test::run_devenv(dir, "reset --force mysql", environment);
  INFO(changed.output);
  REQUIRE(changed.exit_code == 0);
  CHECK_THAT(changed.output, Catch::Contains("making the container and volume again: root's credentials"));
  CHECK(compose.mysql("SELECT id FROM unkey.workspaces", password) == "ws_seed\n");

  compose.mysql(
      "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) VALUES ('ws_dev', 'o', "
      "'n', '{}', '{}')",
      password);
  const CommandResult again = devenv::test::run_devenv(dir, "reset mysql", environment);
  INFO(again.output);
  REQUIRE(again.exit_code == 0);
  CHECK_THAT(again.output,
             Catch::Contains("running 50-seed.sql in the container") && Catch::Contains("reset in place"));
  CHECK(compose.mysql("SELECT id FROM unkey.workspaces", password) == "ws_seed\n");
}

TEST_CASE("compose: a reset in place killed half way is finished by the next reset", "[docker]") {
  ComposeExample compose;
  // A seed that takes a while: the kill lands while it runs, after every database was dropped.
  compose.dir().write("initdb/mysql/50-seed.sql",
                      "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) "
                      "VALUES ('ws_seed', 'o', 'seeded', '{}', '{}');\nSELECT SLEEP(6);\n");
  require_ok(compose, "up mysql");
  compose.mysql("CREATE TABLE hydra.dev_rows (id int)");
  compose.mysql("CREATE DATABASE scratch");
  // kill -9 of devenv and the docker CLI it runs (their process group), once the seed runs.
  run_command("cd '" + compose.dir().path().string() + "' || exit 1; setsid '" + DEVENV_BINARY +
              "' reset mysql > reset.log 2>&1 & pid=$!; for i in $(seq 200); do grep -q 'running 50-seed.sql' "
              "reset.log && break; sleep 0.1; done; sleep 0.5; kill -9 -$pid; wait $pid");
  INFO(compose.dir().read("reset.log"));
  CHECK_THAT(compose.dir().read("reset.log"), Catch::Contains("running 50-seed.sql in the container"));
  CHECK_THAT(compose.devenv("status").output, Catch::Contains("a reset did not finish"));
  const CommandResult finished = require_ok(compose, "reset mysql");
  CHECK_THAT(finished.output, Catch::Contains("reset in place"));
  CHECK_THAT(finished.output, !Catch::Contains("removing its container and volume"));
  CHECK(compose.mysql("SELECT id FROM unkey.workspaces") == "ws_seed\n");
  CHECK(tables_named(compose, "hydra", "dev_rows") == "0\n");
  CHECK(compose.mysql("SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = 'scratch'") == "1\n");
  CHECK_THAT(compose.devenv("status").output, !Catch::Contains("a reset did not finish"));
}

TEST_CASE("compose: watch resets only the edited database in place, and a broken save changes nothing", "[docker]") {
  ComposeExample compose;
  require_up(compose);
  compose.mysql("CREATE TABLE hydra.dev_rows (id int)");
  compose.mysql("INSERT INTO hydra.dev_rows VALUES (1)");
  devenv::test::BackgroundWatch watch(compose.dir().path(), "");
  REQUIRE(watch.wait_for("Ctrl-C stops watching", std::chrono::seconds(60)));

  const std::string good = compose.dir().read("schemas/main.sql");
  compose.dir().write("schemas/main.sql", good + "\nCREATE TABLE added_by_watch (id int PRIMARY KEY);\n");
  REQUIRE(watch.wait_for("schemas/main.sql → mysql: reset in place", std::chrono::seconds(60)));
  CHECK(tables_named(compose, "unkey", "added_by_watch") == "1\n");
  CHECK(compose.mysql("SELECT COUNT(*) FROM hydra.dev_rows") == "1\n");
  CHECK_THAT(watch.output(), Catch::Contains("kept partition_001 … hydra (5) with their data"));

  compose.dir().write("schemas/main.sql", good + "\nCREATE TABLE broken (id int REFERENCES nowhere (id));\n");
  REQUIRE(watch.wait_for("schemas/main.sql — ", std::chrono::seconds(60)));
  CHECK(std::regex_search(watch.output(), std::regex("schemas/main.sql — .*schemas/main.sql:[0-9]+")));
  CHECK(tables_named(compose, "unkey", "added_by_watch") == "1\n");
  REQUIRE(watch.stop());
  INFO(watch.output());
  CHECK_THAT(watch.output(), Catch::Contains("stopped watching"));
  CHECK(compose.mysql("SELECT COUNT(*) FROM hydra.dev_rows") == "1\n");  // still serving
}

// Named snapshots through the image's own tools inside the containers (docs/snapshots.md).
TEST_CASE("compose: snapshot save, reset and restore through the containers' own dump tools", "[docker]") {
  ComposeExample compose;
  require_up(compose);
  const std::string mysql = "mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P" +
                            std::to_string(compose.mysql_port()) + " -uroot -pdevenv-root -N -e ";
  const std::string psql = "PGPASSWORD=devenv-root psql -h 127.0.0.1 -p " + std::to_string(compose.postgres_port()) +
                           " -U postgres -d platform -tAc ";
  const auto add_rows = [&](const std::string& tag) {
    run_command(mysql + "\"INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) VALUES ('" + tag +
                "', 'o', '" + tag + "', '{}', '{}')\"");
    run_command(psql + "\"INSERT INTO identity.users (email) VALUES ('" + tag + "@example.com')\"");
  };
  const auto rows = [&] {
    return run_command(mysql + "'SELECT name FROM unkey.workspaces ORDER BY name'").output +
           run_command(psql + "'SELECT email FROM identity.users ORDER BY email'").output;
  };
  add_rows("saved");
  const CommandResult save = compose.devenv("snapshot save day-1");
  INFO(save.output);
  REQUIRE(save.exit_code == 0);
  CHECK_THAT(save.output, Catch::Contains("saved snapshot day-1: 8 databases"));
  add_rows("after");
  REQUIRE(compose.devenv("reset").exit_code == 0);
  CHECK(rows().empty());
  const CommandResult restore = compose.devenv("snapshot restore day-1");
  INFO(restore.output);
  REQUIRE(restore.exit_code == 0);
  CHECK(rows() == "saved\nsaved@example.com\n");
  CHECK(compose.devenv("verify").exit_code == 0);
  CHECK_THAT(compose.devenv("snapshot list").output, Catch::Contains("day-1"));
}

TEST_CASE("compose: shell passes the password through the environment, never on a command line", "[docker]") {
  ComposeExample compose;
  require_up(compose);
  const std::string dir = compose.dir().path().string();
  // While the client sleeps, every process's command line is listed.
  const CommandResult listed = run_command("cd '" + dir +
                                           "' && (echo 'SELECT SLEEP(3);' | '" DEVENV_BINARY
                                           "' shell main --root > shell.out 2>&1 &) && sleep 1.5 && ps -eo args");
  INFO(listed.output);
  CHECK_THAT(listed.output, Catch::Contains("docker exec -i -e MYSQL_PWD"));
  // Only devenv's own command lines: the images' healthchecks (of the containers of
  // tests running beside this one) read MYSQL_PWD="$MARIADB_ROOT_PASSWORD", a reference.
  std::istringstream lines(listed.output);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("docker exec") != std::string::npos) CHECK_THAT(line, !Catch::Contains("MYSQL_PWD="));
  }
  CHECK_THAT(listed.output, !Catch::Contains("devenv-root"));
  std::this_thread::sleep_for(std::chrono::seconds(3));
  const CommandResult answered = run_command("cat '" + dir + "/shell.out'");
  CHECK_THAT(answered.output, Catch::Contains("SLEEP(3)"));  // the client's answer: it logged in
}

TEST_CASE("compose: a SQLite server beside the containers is local files, with no service or volume", "[docker]") {
  ComposeExample compose;
  compose.dir().write("schemas/lite.sql", "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL);\n");
  append(compose, "config.toml",
         "\n[servers.lite]\nengine = \"sqlite\"\n\n[[databases]]\nkey = \"notes\"\nserver = \"lite\"\n"
         "source = \"schemas/lite.sql\"\n");
  require_up(compose);
  const std::string compose_file = compose.dir().read("docker-compose.yml");
  CHECK_THAT(compose_file, Catch::Contains("  mysql:") && !Catch::Contains("  lite:") &&
                               !Catch::Contains("lite-data") && Catch::Contains("SQLite servers are local files"));
  CHECK(run_command("docker ps -a --filter label=com.docker.compose.project=" + compose.project() +
                    " --format '{{.Names}}' | grep -c lite")
            .output == "0\n");
  const std::filesystem::path notes = compose.dir().path() / ".devenv/lite/data/notes.db";
  CHECK(devenv::db::open_sqlite(notes.string(), false)->column("SELECT count(*) FROM notes") ==
        std::vector<std::string>{"0"});
  CHECK(tables_named(compose, "unkey", "keys") == "1\n");  // the containers' databases as ever
  const CommandResult down = require_ok(compose, "down --purge");
  CHECK_THAT(down.output, Catch::Contains("removed " + notes.string()));
  CHECK(!std::filesystem::exists(notes));
}
