// `devenv watch` (issue 19): which files it watches, the debounce of a burst of saves
// through real inotify, and the edit → reset loop on real servers.

#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "cli/watch_paths.h"
#include "config/loader.h"
#include "support/background_watch.h"
#include "support/native_example.h"
#include "support/temp_dir.h"
#include "util/change_watcher.h"

using devenv::cli::WatchPaths;
using devenv::test::BackgroundWatch;
using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::require_ok;
using devenv::test::run_command;
using devenv::test::TempDir;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

// The example's config, loaded from a copy in `dir`.
devenv::config::Config example_config(const TempDir& dir) {
  devenv::test::copy_example(dir.path());
  return devenv::config::load_config(dir.path() / "config.toml");
}

std::string described(const WatchPaths& paths, const fs::path& path) { return paths.describe(path).value_or("-"); }

}  // namespace

TEST_CASE("watch paths: the config, .env, schema files and initdb folders, not what build writes", "[unit]") {
  TempDir dir;
  const devenv::config::Config config = example_config(dir);
  const fs::path root = dir.path();
  const WatchPaths paths(config, {"initdb/mysql/07-gone-schema.sql"});
  CHECK(paths.folders().count(root));
  CHECK(paths.folders().count(root / "schemas"));
  CHECK(paths.folders().count(root / "initdb" / "mysql"));
  CHECK(paths.folders().count(root / "initdb" / "postgres"));

  CHECK(described(paths, root / "config.toml") == "config.toml");
  CHECK(described(paths, root / ".env") == ".env");
  CHECK(described(paths, root / "schemas" / "main.sql") == "schemas/main.sql");
  // Editors' scratch files, build's own outputs and unrelated files do not count.
  CHECK(described(paths, root / "schemas" / ".main.sql.swp") == "-");
  CHECK(described(paths, root / "schemas" / "main.sql~") == "-");
  CHECK(described(paths, root / "schemas" / "4913") == "-");
  CHECK(described(paths, root / "schemas" / "notes.txt") == "-");
  CHECK(described(paths, root / "docker-compose.yml") == "-");
  CHECK(described(paths, root / "initdb" / "mysql" / "01-main-schema.sql") == "-");               // devenv's marker
  CHECK(described(paths, root / "initdb" / "mysql" / "07-gone-schema.sql") == "-");               // removed by build
  CHECK(described(paths, root / "initdb" / "mysql" / "01-main-schema.sql.devenv-tmp.1") == "-");  // staged by build
  // A seed of the user's: its server is reset.
  dir.write("initdb/mysql/50-seed.sql", "INSERT INTO unkey.t VALUES (1);\n");
  CHECK(described(paths, root / "initdb" / "mysql" / "50-seed.sql") == "initdb/mysql/50-seed.sql");
  CHECK(paths.init_folder_server(root / "initdb" / "mysql" / "50-seed.sql") == "mysql");
  CHECK(paths.init_folder_server(root / "initdb" / "mysql" / "01-main-schema.sql").empty());
  CHECK(paths.init_folder_server(root / "schemas" / "main.sql").empty());
}

TEST_CASE("watch paths: every folder of a migration tree, and only the config while it does not load", "[unit]") {
  const fs::path example = fs::path(DEVENV_SOURCE_DIR) / "examples" / "drizzle";
  const WatchPaths paths(devenv::config::load_config(example / "config.toml"), {});
  CHECK(paths.folders().count(example / "drizzle"));
  CHECK(paths.folders().count(example / "drizzle" / "meta"));  // the journal
  CHECK(described(paths, example / "drizzle" / "meta" / "_journal.json") == "drizzle/meta/_journal.json");
  CHECK(described(paths, example / "drizzle" / "0003_new.sql") == "drizzle/0003_new.sql");

  TempDir dir;
  const WatchPaths only = WatchPaths::config_only(dir.path() / "config.toml");
  CHECK(only.folders() == std::set<fs::path>{dir.path()});
  CHECK(described(only, dir.path() / "config.toml") == "config.toml");
  CHECK(described(only, dir.path() / "schema.sql") == "-");
}

TEST_CASE("editor scratch files are recognised", "[unit]") {
  using devenv::cli::is_editor_scratch_file;
  for (const char* name : {".main.sql.swp", ".main.sql.swx", "main.sql~", "4913", ".#main.sql", "#main.sql#"}) {
    INFO(name);
    CHECK(is_editor_scratch_file(name));
  }
  for (const char* name : {"main.sql", "0001_init.sql", "_journal.json", "50-seed.sql"}) {
    INFO(name);
    CHECK_FALSE(is_editor_scratch_file(name));
  }
}

TEST_CASE("change watcher: a burst of ten saves is one change, a rename over the file is seen", "[unit]") {
  TempDir dir;
  const fs::path file = dir.write("schemas/main.sql", "v0\n");
  dir.write("other/x.sql", "x\n");
  devenv::util::ChangeWatcher watcher({dir.path() / "schemas", dir.path() / "missing"});
  CHECK(watcher.folders() == std::set<fs::path>{dir.path() / "schemas"});  // a missing folder is left out
  const auto never = [] { return false; };

  std::thread editor([&] {
    for (int i = 1; i <= 10; ++i) {
      std::ofstream(file) << "v" << i << "\n";
      std::this_thread::sleep_for(20ms);
    }
    dir.write("other/x.sql", "changed\n");  // not watched
  });
  const std::set<fs::path> burst = watcher.wait(300ms, 5000ms, never);
  editor.join();
  CHECK(burst == std::set<fs::path>{file});
  // Nothing more comes of the burst.
  const auto stop_at = Clock::now() + 800ms;
  CHECK(watcher.wait(300ms, 5000ms, [&] { return Clock::now() > stop_at; }).empty());

  // As vim and VS Code save: a new file renamed over the old one.
  dir.write("schemas/main.sql.tmp", "v11\n");
  fs::rename(dir.path() / "schemas" / "main.sql.tmp", file);
  const std::set<fs::path> renamed = watcher.wait(200ms, 5000ms, never);
  CHECK(renamed.count(file));
  CHECK(watcher.take().empty());
}

namespace {

// Polls `query` until it answers `expected`; the time it took, or nullopt after 20 s.
template <typename Query>
std::optional<double> seconds_until(Query query, const std::string& expected) {
  const auto started = Clock::now();
  for (const auto until = started + 20s; Clock::now() < until; std::this_thread::sleep_for(20ms)) {
    if (query() == expected) return std::chrono::duration<double>(Clock::now() - started).count();
  }
  return std::nullopt;
}

std::string mysql_tables_named(const NativeExample& example, const std::string& database, const std::string& table) {
  return example.mysql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = '" + database +
                       "' AND table_name = '" + table + "'");
}

void insert_workspace(const NativeExample& example, const std::string& id) {
  example.mysql("INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) VALUES ('" + id +
                "', 'o', 'n', '{}', '{}')");
}

}  // namespace

TEST_CASE("watch: a saved schema resets only its databases, a broken one changes nothing, a burst is one round",
          "[native]") {
  NativeExample example;
  require_ok(example, "up");
  const std::string main_sql = example.dir().read("schemas/main.sql");
  insert_workspace(example, "ws_dev");
  example.mysql("CREATE TABLE hydra.dev_rows (id int)");
  example.mysql("INSERT INTO hydra.dev_rows VALUES (1)");
  example.postgres("CREATE TABLE dev_rows (id int)", "platform");
  example.postgres("INSERT INTO dev_rows VALUES (1)", "platform");

  // A quiet time well above the 30 ms between the burst's saves, even on a loaded machine.
  BackgroundWatch watch(example.dir().path(), example.environment(), "--debounce 600");
  REQUIRE(watch.wait_for("Ctrl-C stops watching"));
  CHECK_THAT(watch.output(), Catch::Contains("start → no change to initdb/"));

  SECTION("edits of both engines, a broken edit, a burst, a broken config") {
    // MariaDB: the edited key's databases are made again; hydra keeps its rows.
    example.dir().write("schemas/main.sql", main_sql + "\nCREATE TABLE added_by_watch (id int PRIMARY KEY);\n");
    const auto applied = seconds_until([&] { return mysql_tables_named(example, "unkey", "added_by_watch"); }, "1\n");
    REQUIRE(applied);
    WARN("edit → table in " << *applied << " s");
    REQUIRE(watch.wait_for("schemas/main.sql → mysql: reset in place"));
    CHECK_THAT(watch.output(), Catch::Contains("rebuilt unkey (schema changed); kept"));
    CHECK(example.mysql("SELECT COUNT(*) FROM unkey.workspaces WHERE id = 'ws_dev'") == "0\n");
    CHECK(example.mysql("SELECT id FROM hydra.dev_rows") == "1\n");
    CHECK(example.postgres("SELECT id FROM dev_rows", "platform") == "1\n");

    // PostgreSQL: likewise, platform keeps its rows.
    example.dir().write("schemas/analytics.sql", example.dir().read("schemas/analytics.sql") +
                                                     "\nCREATE TABLE added_by_watch (id int PRIMARY KEY);\n");
    REQUIRE(seconds_until(
        [&] {
          return example.postgres("SELECT count(*) FROM pg_tables WHERE tablename = 'added_by_watch'", "analytics");
        },
        "1\n"));
    REQUIRE(watch.wait_for("schemas/analytics.sql → postgres: reset in place"));
    CHECK(example.postgres("SELECT id FROM dev_rows", "platform") == "1\n");
    CHECK(example.mysql("SELECT id FROM hydra.dev_rows") == "1\n");

    // A schema the server rejects: the error with its place, and nothing changes.
    insert_workspace(example, "ws_after");
    const std::string good = example.dir().read("schemas/main.sql");
    example.dir().write("schemas/main.sql", good + "\nCREATE TABLE broken (id int REFERENCES nowhere (id));\n");
    REQUIRE(watch.wait_for("schemas/main.sql — "));
    CHECK(std::regex_search(watch.output(), std::regex("schemas/main.sql — .*schemas/main.sql:[0-9]+")));
    CHECK_THAT(watch.output(), Catch::Contains("the databases keep serving the last schema that loaded"));
    CHECK(example.mysql("SELECT COUNT(*) FROM unkey.workspaces WHERE id = 'ws_after'") == "1\n");
    CHECK(mysql_tables_named(example, "unkey", "added_by_watch") == "1\n");
    CHECK_THAT(example.dir().read("initdb/mysql/01-main-schema.sql"), !Catch::Contains("broken"));
    CHECK(example.status_of("mysql") == "running");

    // Ten saves in a burst, as an editor's autosave: one round, the last version.
    const std::size_t rounds = watch.count("→ mysql:");
    for (int i = 0; i < 10; ++i) {
      example.dir().write("schemas/main.sql", good + "\nCREATE TABLE burst_" + std::to_string(i) + " (id int);\n");
      std::this_thread::sleep_for(30ms);
    }
    REQUIRE(seconds_until([&] { return mysql_tables_named(example, "unkey", "burst_9"); }, "1\n"));
    std::this_thread::sleep_for(1500ms);  // a second round would have come by now
    CHECK(watch.count("→ mysql:") == rounds + 1);
    CHECK(mysql_tables_named(example, "unkey", "burst_8") == "0\n");

    // A config that does not load: its place; fixed, the next round is clean.
    const std::string config = example.dir().read("config.toml");
    example.dir().write("config.toml", config + "\n[servers.mysql\n");
    REQUIRE(watch.wait_for("config.toml — config error: "));
    CHECK(std::regex_search(watch.output(), std::regex("config error: [^\n]*config.toml:[0-9]+:[0-9]+")));
    example.dir().write("config.toml", config);
    REQUIRE(watch.wait_for("config.toml → no change to initdb/"));
  }

  // Ctrl-C ends the watch, not the servers.
  REQUIRE(watch.stop());
  UNSCOPED_INFO(watch.output());
  CHECK_THAT(watch.output(), Catch::Contains("stopped watching; the servers keep running"));
  CHECK(example.status_of("mysql") == "running");
  CHECK(example.status_of("postgres") == "running");
}
