// Named snapshots of dev data on real servers (issue 19): save → change → reset →
// restore brings the saved rows back on MariaDB and PostgreSQL; only the databases
// saved are restored; a schema edit refuses a restore unless --force; odd passwords
// and reserved names; a save killed half way leaves no snapshot. The folder side is
// in test_snapshot_store.cpp.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <thread>

#include "db/session.h"
#include "support/native_example.h"

namespace fs = std::filesystem;
using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::require_ok;
using devenv::test::run_command;

namespace {

// `sql` through `devenv shell` as the user the config grants `database` (or `user`).
CommandResult as_user(const NativeExample& example, const std::string& database, const std::string& sql,
                      const std::string& user = "") {
  example.dir().write("query.sql", sql + "\n");
  return example.devenv("shell " + database + (user.empty() ? "" : " --user " + user) + " < query.sql");
}

void add_example_rows(const NativeExample& example, const std::string& tag) {
  example.mysql("INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) VALUES ('ws_" + tag +
                "', 'o', '" + tag + "', '{}', '{}')");
  example.mysql("INSERT INTO partition_002.gateways (id, workspace_id, hostname, config, created_at) VALUES ('gw_" +
                tag + "', 'ws', '" + tag + ".example.com', X'00FF0A27', 1)");
  example.mysql(
      "INSERT INTO hydra.cron_jobs (id, name, cron_spec, namespace, created_at, updated_at, next_run_at) "
      "VALUES ('cj_" +
      tag + "', '" + tag + "', '* * * * *', 'ns', 0, 0, 0)");
  example.postgres("INSERT INTO identity.users (email) VALUES ('" + tag + "@example.com')", "platform");
  example.postgres("INSERT INTO events (occurred_at, workspace_id, kind) VALUES ('2026-05-01', 'ws', '" + tag + "')",
                   "analytics");
}

// Which of the tagged rows each database holds, one line per database.
std::string example_rows(const NativeExample& example) {
  return "unkey: " + example.mysql("SELECT name FROM unkey.workspaces ORDER BY name") +
         "partition_002: " + example.mysql("SELECT HEX(config) FROM partition_002.gateways ORDER BY id") +
         example.mysql("SELECT hostname FROM partition_002.gateways ORDER BY id") +
         "hydra: " + example.mysql("SELECT name FROM hydra.cron_jobs ORDER BY name") +
         "platform: " + example.postgres("SELECT email FROM identity.users ORDER BY email", "platform") +
         "analytics: " + example.postgres("SELECT kind FROM events ORDER BY kind", "analytics");
}

}  // namespace

TEST_CASE("snapshots: save, reset, restore brings the saved rows back on MariaDB and PostgreSQL", "[native]") {
  NativeExample example;
  require_ok(example, "up");
  add_example_rows(example, "saved");
  const std::string saved_rows = example_rows(example);
  CHECK_THAT(saved_rows, Catch::Contains("00FF0A27") && Catch::Contains("saved@example.com"));

  const CommandResult save = require_ok(example, "snapshot save day-1");
  CHECK_THAT(save.output, Catch::Contains("saved snapshot day-1: 8 databases") &&
                              Catch::Contains("mysql      saved partition_004 (") &&
                              Catch::Contains("postgres   saved analytics ("));
  add_example_rows(example, "after");
  CHECK(example_rows(example) != saved_rows);
  require_ok(example, "reset");
  CHECK_THAT(example_rows(example), !Catch::Contains("saved") && !Catch::Contains("after"));

  const CommandResult restore = require_ok(example, "snapshot restore day-1");
  CHECK_THAT(restore.output, Catch::Contains("restored snapshot day-1: 8 databases") &&
                                 Catch::Contains("postgres   restored platform ("));
  CHECK(example_rows(example) == saved_rows);
  // The schema is the schema files' again, routines and all; the app users read it.
  CHECK(require_ok(example, "verify").exit_code == 0);
  const CommandResult platform = as_user(example, "platform", "SELECT email FROM identity.users;", "platform");
  CHECK(platform.exit_code == 0);
  CHECK_THAT(platform.output, Catch::Contains("saved@example.com"));
  const CommandResult reporting = as_user(example, "analytics", "SELECT kind FROM events;", "reporting");
  CHECK(reporting.exit_code == 0);
  CHECK_THAT(reporting.output, Catch::Contains("saved"));
  CHECK(as_user(example, "partition_002", "SELECT hostname FROM gateways;").exit_code == 0);
  // A reset after the restore still resets from the pristine copies it kept.
  require_ok(example, "reset");
  CHECK_THAT(example_rows(example), !Catch::Contains("saved"));

  const CommandResult list = require_ok(example, "snapshot list");
  CHECK_THAT(list.output, Catch::Contains("day-1") && Catch::Contains("unkey, partition_001"));
  CHECK_THAT(require_ok(example, "snapshot list --format json").output,
             Catch::Contains("\"name\": \"day-1\"") && Catch::Contains("\"database\": \"analytics\""));
}

// Every name quoted for its engine (a database called `select`, one called "user"),
// root's and the users' passwords with quotes, a dollar and spaces.
TEST_CASE("snapshots: only the saved databases come back, a schema edit needs --force, odd names and passwords",
          "[native]") {
  NativeExample example(
      {{"config.toml",
        "[servers.my]\nengine = \"mariadb\"\nport = 0\nroot_password = \"r'o \\\"o$$t pw\"\n"
        "[servers.pg]\nengine = \"postgres\"\nport = 0\nroot_password = \"r'o \\\"o$$t pw\"\n"
        "[[databases]]\nkey = \"sel\"\nname = \"select\"\nserver = \"my\"\nsource = \"t.sql\"\n"
        "[[databases]]\nkey = \"ord\"\nname = \"order_{n:02}\"\ncount = 2\nserver = \"my\"\nsource = \"t.sql\"\n"
        "[[databases]]\nkey = \"usr\"\nname = \"user\"\nserver = \"pg\"\nsource = \"t.sql\"\n"
        "[[databases]]\nkey = \"grp\"\nname = \"Group\"\nserver = \"pg\"\nsource = \"t.sql\"\n"
        "[[users]]\nname = \"table\"\npassword = \"a 'b' $$c\"\nserver = \"my\"\ndatabases = [\"sel\", \"ord\"]\n"
        "[[users]]\nname = \"user\"\npassword = \"a \\\"b\\\" $$c\"\nserver = \"pg\"\n"
        "databases = [\"usr\", \"grp\"]\n"},
       {"t.sql", "CREATE TABLE t (id int PRIMARY KEY);\nINSERT INTO t VALUES (1);\n"}});
  require_ok(example, "up");
  const std::string password = "r'o \"o$t pw";
  const auto sql = [&](const std::string& server, const std::string& database, const std::string& statement) {
    const auto dialect = server == "my" ? devenv::sqltext::Dialect::MySQL : devenv::sqltext::Dialect::Postgres;
    auto session = devenv::db::connect(
        dialect, {"", example.port(server), server == "my" ? "root" : "postgres", password, database});
    if (statement.rfind("SELECT", 0) != 0) {
      session->execute(statement);
      return std::string();
    }
    std::string out;
    for (const std::string& value : session->column(statement)) out += value + " ";
    return out;
  };
  const std::vector<std::pair<std::string, std::string>> databases = {
      {"my", "select"}, {"my", "order_01"}, {"my", "order_02"}, {"pg", "user"}, {"pg", "Group"}};
  const auto insert = [&](int id) {
    for (const auto& [server, database] : databases)
      sql(server, database, "INSERT INTO t VALUES (" + std::to_string(id) + ")");
  };
  const auto ids = [&](const std::string& server, const std::string& database) {
    return sql(server, database, "SELECT id FROM t ORDER BY id");
  };

  insert(2);
  require_ok(example, "snapshot save some select user");
  require_ok(example, "snapshot save all");
  insert(3);
  const CommandResult some = require_ok(example, "snapshot restore some");
  CHECK_THAT(some.output, Catch::Contains("restored snapshot some: 2 databases"));
  CHECK(ids("my", "select") == "1 2 ");
  CHECK(ids("pg", "user") == "1 2 ");
  CHECK(ids("my", "order_01") == "1 2 3 ");  // not in the snapshot: not touched
  CHECK(ids("pg", "Group") == "1 2 3 ");
  const CommandResult read = as_user(example, "user", "SELECT id FROM t;", "user");
  CHECK(read.exit_code == 0);
  CHECK_THAT(read.output, Catch::Contains("2"));
  CHECK(as_user(example, "select", "SELECT id FROM t;", "table").exit_code == 0);

  // A schema edit after the save: refused, nothing changed; --force restores as saved.
  example.dir().write("t.sql", "CREATE TABLE t (id int PRIMARY KEY, note text);\nINSERT INTO t VALUES (1, 'x');\n");
  const CommandResult refused = example.devenv("snapshot restore all");
  CHECK(refused.exit_code == 2);
  CHECK_THAT(refused.output, Catch::Contains("schema files changed") && Catch::Contains("ord (order_01, order_02)") &&
                                 Catch::Contains("--force"));
  CHECK(ids("my", "order_01") == "1 2 3 ");
  const CommandResult forced = require_ok(example, "snapshot restore all --force");
  CHECK_THAT(forced.output, Catch::Contains("`devenv reset"));
  CHECK(ids("my", "order_01") == "1 2 ");
  CHECK(ids("pg", "Group") == "1 2 ");

  // list and rm; names devenv refuses.
  require_ok(example, "snapshot rm some");
  const CommandResult list = require_ok(example, "snapshot list");
  CHECK_THAT(list.output, Catch::Contains("all") && !Catch::Contains("some"));
  CHECK(example.devenv("snapshot rm some").exit_code == 2);
  CHECK(example.devenv("completion snapshots").output == "all\n");  // what the shells offer for NAME
  CHECK(example.devenv("snapshot restore nothing-here").exit_code == 2);
  for (const char* bad : {"../up", "'.hidden'", "'a b'", "-x"}) {
    INFO(bad);
    CHECK(example.devenv(std::string("snapshot save ") + bad).exit_code == 2);
  }
  const CommandResult exists = example.devenv("snapshot save all");
  CHECK(exists.exit_code == 2);
  CHECK_THAT(exists.output, Catch::Contains("--force"));

  // A snapshot of a database the config no longer declares: a clear error, nothing restored.
  const std::string config = example.dir().read("config.toml");
  const std::string group = "[[databases]]\nkey = \"grp\"\nname = \"Group\"\nserver = \"pg\"\nsource = \"t.sql\"\n";
  std::string without_group = config;
  without_group.erase(without_group.find(group), group.size());
  without_group.replace(without_group.find("[\"usr\", \"grp\"]"), 14, "[\"usr\"]");
  example.dir().write("config.toml", without_group);
  const CommandResult gone = example.devenv("snapshot restore all --force");
  CHECK(gone.exit_code == 2);
  CHECK_THAT(gone.output, Catch::Contains("Group") && Catch::Contains("no longer declares"));
  example.dir().write("config.toml", config);

  // A schema file that does not parse: save and restore compare with initdb/ as last built.
  const std::string schema = example.dir().read("t.sql");
  example.dir().write("t.sql", schema + "INSERT INTO t VALUES ('never closed);\n");
  const CommandResult broken = require_ok(example, "snapshot save broken select");
  CHECK_THAT(broken.output, Catch::Contains("a schema file has an error"));
  CHECK_THAT(require_ok(example, "snapshot restore broken").output, !Catch::Contains("`devenv reset"));
  example.dir().write("t.sql", schema);

  // A dump that does not load: exit 3, the tool's own words, and what state it left.
  require_ok(example, "snapshot save corrupt user");
  example.dir().write(".devenv/data-snapshots/corrupt/01-user.dump", "not an archive");
  const CommandResult corrupt = example.devenv("snapshot restore corrupt");
  CHECK(corrupt.exit_code == 3);
  CHECK_THAT(corrupt.output, Catch::Contains("pg_restore into user failed") && Catch::Contains("half-restored"));

  require_ok(example, "down");
  const CommandResult stopped = example.devenv("snapshot save later");
  CHECK(stopped.exit_code == 3);
  CHECK_THAT(stopped.output, Catch::Contains("devenv up"));
}

namespace {

// One database of 40 MB: its dump takes long enough to be caught half way.
const std::map<std::string, std::string> kBigProject = {
    {"config.toml",
     "[servers.my]\nengine = \"mariadb\"\nport = 0\nroot_password = \"devenv-root\"\n"
     "[[databases]]\nkey = \"big\"\nname = \"big\"\nserver = \"my\"\nsource = \"t.sql\"\n"},
    {"t.sql", "CREATE TABLE t (id int PRIMARY KEY, filler varchar(500));\n"}};

void fill_big_table(const NativeExample& example) {
  example.mysql("INSERT INTO big.t SELECT seq, REPEAT('x', 400) FROM seq_1_to_100000", "big", "my");
}

fs::path snapshot_store(const NativeExample& example) { return example.dir().path() / ".devenv" / "data-snapshots"; }

// `devenv snapshot save big` in the background; its pid.
pid_t start_save(const NativeExample& example) {
  const CommandResult started = run_command("cd '" + example.dir().path().string() +
                                            "' && ('" DEVENV_BINARY "' snapshot save big > save.log 2>&1 & echo $!)");
  return std::stoi(started.output);
}

// Until the save's dump has begun to arrive in its hidden folder.
bool wait_until_dumping(const fs::path& store) {
  for (int i = 0; i < 400; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(store, error)) {
      if (entry.path().filename().string().rfind(".saving-big-", 0) != 0) continue;
      for (const fs::directory_entry& file : fs::directory_iterator(entry.path(), error)) {
        if (file.path().extension() == ".sql" && fs::file_size(file.path(), error) > 0) return true;
      }
    }
  }
  return false;
}

// Gone, or a zombie nobody reaped yet (it is not our child).
bool ended(pid_t pid) {
  const std::string stat = devenv::test::read_file("/proc/" + std::to_string(pid) + "/stat");
  const std::size_t close = stat.rfind(')');
  return stat.empty() || close == std::string::npos || stat.substr(close + 2, 1) == "Z";
}

// The store's hidden work folders (.saving-…, .replaced-…, .removing-…).
std::vector<std::string> hidden_folders(const fs::path& store) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(store)) {
    const std::string name = entry.path().filename().string();
    if (name[0] == '.' && name != ".devenv-owned") names.push_back(name);
  }
  return names;
}

// The big table's project up and filled, and a save of it under way (its dump running).
struct SaveUnderWay {
  fs::path store;
  pid_t pid;
};

SaveUnderWay start_save_of_big_table(const NativeExample& example) {
  require_ok(example, "up");
  fill_big_table(example);
  const fs::path store = snapshot_store(example);
  const pid_t pid = start_save(example);
  REQUIRE(wait_until_dumping(store));
  return {store, pid};
}

}  // namespace

TEST_CASE("snapshots: a save killed half way leaves no snapshot, and the next command cleans up", "[reliability]") {
  NativeExample example(kBigProject);
  const auto [store, pid] = start_save_of_big_table(example);
  kill(pid, SIGKILL);
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  // Its dump tool died with it (PR_SET_PDEATHSIG).
  CHECK(run_command("pgrep -f '[m]ariadb-dump.*-P " + std::to_string(example.port("my")) + "'").output.empty());
  CHECK(hidden_folders(store).size() == 1);

  const CommandResult list = require_ok(example, "snapshot list");
  CHECK_THAT(list.output, Catch::Contains("deleted .saving-big-") && Catch::Contains("no snapshots"));
  CHECK_FALSE(fs::exists(store / "big"));
  CHECK(hidden_folders(store).empty());
  // And a save now is whole.
  const CommandResult save = require_ok(example, "snapshot save big");
  CHECK_THAT(save.output, Catch::Contains("saved snapshot big: 1 database"));
}

TEST_CASE("snapshots: a save stopped by SIGTERM half way deletes what it made", "[reliability]") {
  NativeExample example(kBigProject);
  const auto [store, pid] = start_save_of_big_table(example);
  kill(pid, SIGTERM);
  for (int i = 0; i < 600 && !ended(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(ended(pid));
  CHECK_THAT(example.dir().read("save.log"), Catch::Contains("interrupted"));
  CHECK_FALSE(fs::exists(store / "big"));
  CHECK(hidden_folders(store).empty());  // without waiting for the next command
  CHECK_THAT(require_ok(example, "snapshot list").output, Catch::Contains("no snapshots"));
}
