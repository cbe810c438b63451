// verify of a SQLite server without a server: the example's three databases made as
// files from their schema files, then verify_server against those sources (shadows
// in a private temp folder) must find nothing, never write to a live file, and leave
// no shadow behind; a shadow folder a killed devenv left is removed by the next verify.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "config/database_lookup.h"
#include "config/loader.h"
#include "db/dsn.h"
#include "support/run_command.h"
#include "support/sqlite_files.h"
#include "verify/verification.h"

using namespace devenv;
namespace fs = std::filesystem;

namespace {

config::Config example_config() {
  return config::load_config(fs::path(DEVENV_SOURCE_DIR) / "examples/sqlite/config.toml",
                             [](const std::string&) { return std::optional<std::string>(); });
}

std::vector<catalog::Difference> verify_files(const config::Config& config, const test::SqliteFiles& files) {
  verify::LiveServer live;
  live.server = config.find_server("lite");
  live.connect = [&files](const std::string& name) { return db::open_sqlite(files.path(name), false); };
  const verify::IgnoreRules ignore(config);
  return verify::verify_server(config, live, config::select_databases(config, {}), false, ignore,
                               [](const std::string&) {});
}

fs::path shadow_parent() { return fs::temp_directory_path() / ("devenv-sqlite-shadows-" + std::to_string(getuid())); }

// A pid no process has any more.
pid_t gone_pid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  return child;
}

}  // namespace

TEST_CASE("SQLite verify of the example against its schema files finds nothing", "[unit][sqlite][verify]") {
  const config::Config config = example_config();
  test::SqliteFiles files;
  for (const char* name : {"keygen", "sign", "watch"}) {
    files.load(name,
               test::read_file(fs::path(DEVENV_SOURCE_DIR) / "examples/sqlite/schemas" / (std::string(name) + ".sql")));
  }
  const auto before = fs::last_write_time(files.path("keygen"));
  const auto size = fs::file_size(files.path("keygen"));
  CHECK(test::described(verify_files(config, files)).empty());
  CHECK(fs::last_write_time(files.path("keygen")) == before);
  CHECK(fs::file_size(files.path("keygen")) == size);
  for (const auto& entry : fs::directory_iterator(shadow_parent())) {
    CHECK_FALSE(entry.path().filename().string().starts_with("shadow_" + std::to_string(getpid()) + "_"));
  }
  // The shadows never went into the live folder.
  std::vector<std::string> live_files;
  for (const auto& entry : fs::directory_iterator(files.folder())) live_files.push_back(entry.path().filename());
  std::sort(live_files.begin(), live_files.end());
  CHECK(live_files == std::vector<std::string>{"keygen.db", "sign.db", "watch.db"});
}

TEST_CASE("SQLite verify reports drift of a live file, and a missing file as a missing database",
          "[unit][sqlite][verify]") {
  const config::Config config = example_config();
  test::SqliteFiles files;
  files.load("keygen", test::read_file(fs::path(DEVENV_SOURCE_DIR) / "examples/sqlite/schemas/keygen.sql"));
  files.connector()("keygen")->execute("DROP INDEX keys_live; ALTER TABLE verifications ADD COLUMN extra TEXT");
  files.load("sign", test::read_file(fs::path(DEVENV_SOURCE_DIR) / "examples/sqlite/schemas/sign.sql"));
  const auto found = test::described(verify_files(config, files));
  CHECK(found == std::vector<std::string>{"missing index keys.keys_live", "extra column verifications.extra",
                                          "missing database watch"});
}

TEST_CASE("SQLite verify removes the shadow folders of killed runs, not of running ones", "[unit][sqlite][verify]") {
  const config::Config config = example_config();
  test::SqliteFiles files;
  verify_files(config, files);  // makes the parent folder
  const fs::path dead = shadow_parent() / ("shadow_" + std::to_string(gone_pid()) + "_1");
  const fs::path running = shadow_parent() / ("shadow_" + std::to_string(getppid()) + "_1");
  fs::create_directories(dead);
  fs::create_directories(running);
  verify_files(config, files);
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(running));
  fs::remove_all(running);
}

TEST_CASE("SQLite diff takes sqlite URLs and database files, and a dump loads and verifies clean",
          "[unit][sqlite][diff][dump]") {
  test::TempDir project;
  const std::string dir = project.path().string();
  REQUIRE(
      test::run_command("cp -r '" + std::string(DEVENV_SOURCE_DIR) + "/examples/sqlite/.' '" + dir + "'").exit_code ==
      0);
  REQUIRE(test::run_devenv(dir, "up").exit_code == 0);
  const std::string live = fs::canonical(project.path() / ".devenv/lite/data/keygen.db").string();
  CHECK(test::run_devenv(dir, "verify").exit_code == 0);
  CHECK(test::run_devenv(dir, "diff keygen sqlite://" + live).exit_code == 0);

  fs::copy_file(live, project.path() / "changed.db");
  db::open_sqlite((project.path() / "changed.db").string(), false)->execute("DROP INDEX keys_live");
  const test::CommandResult changed = test::run_devenv(dir, "diff keygen ./changed.db");
  CHECK(changed.exit_code == 1);
  CHECK_THAT(changed.output, Catch::Contains("index keys_live"));
  // A file that is not a database is not taken for one.
  project.write("notes.db", "-- not a database\n");
  CHECK_FALSE(db::parse_dsn((project.path() / "notes.db").string()));

  const test::CommandResult dump = test::run_devenv(dir, "dump keygen 2>/dev/null");
  REQUIRE(dump.exit_code == 0);
  db::open_sqlite((project.path() / "dumped.db").string(), true)->execute(dump.output);
  const test::CommandResult again = test::run_devenv(dir, "diff keygen ./dumped.db");
  INFO(dump.output << again.output);
  CHECK(again.exit_code == 0);
  test::run_devenv(dir, "down --purge");
}
