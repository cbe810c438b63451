// verify of a SQLite server without a server: the example's three databases made as
// files from their schema files, then verify_server against those sources (shadows
// in a private temp folder) must find nothing, never write to a live file, and leave
// no shadow behind; a shadow folder a killed devenv left is removed by the next verify.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

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
  // As verify connects: read-only, MissingDatabase for a file that does not exist.
  live.connect = [&files](const std::string& name) {
    db::Endpoint endpoint;
    endpoint.socket = files.folder().string();
    endpoint.database = name;
    return db::connect(sqltext::Dialect::SQLite, endpoint);
  };
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

TEST_CASE("SQLite verify of a file that is not a database is an error naming it, not a missing database",
          "[unit][sqlite][verify]") {
  const config::Config config = example_config();
  test::SqliteFiles files;
  for (const char* name : {"keygen", "sign"}) {
    files.load(name,
               test::read_file(fs::path(DEVENV_SOURCE_DIR) / "examples/sqlite/schemas" / (std::string(name) + ".sql")));
  }
  {
    std::ofstream garbage(files.path("watch"), std::ios::binary);
    garbage << std::string(4096, '\x5a');
  }
  try {
    verify_files(config, files);
    FAIL("verify took a file that is not a database for one");
  } catch (const db::DbError& error) {
    CHECK_THAT(error.what(), Catch::Contains("watch"));
    CHECK_THAT(error.what(), !Catch::Contains("missing"));
  }
  // A folder where the file should be is an error too.
  fs::remove(files.path("watch"));
  fs::create_directory(files.path("watch"));
  CHECK_THROWS_AS(verify_files(config, files), db::DbError);
}

namespace {

std::string copy_of_example(const test::TempDir& project) {
  const std::string dir = project.path().string();
  REQUIRE(
      test::run_command("cp -r '" + std::string(DEVENV_SOURCE_DIR) + "/examples/sqlite/.' '" + dir + "'").exit_code ==
      0);
  REQUIRE(test::run_devenv(dir, "up").exit_code == 0);
  return dir;
}

}  // namespace

// SQLite opens a file lazily: the first query finds it is no database, and its
// message does not say which file.
TEST_CASE("SQLite verify exits 3 naming a live file that is not a database", "[unit][sqlite][verify]") {
  test::TempDir project;
  const std::string dir = copy_of_example(project);
  project.write(".devenv/lite/data/watch.db", std::string(4096, 'Z'));
  const test::CommandResult result = test::run_devenv(dir, "verify 2>&1");
  INFO(result.output);
  CHECK(result.exit_code == 3);
  CHECK_THAT(result.output,
             Catch::Contains("devenv: ") && Catch::Contains("watch.db") && !Catch::Contains("missing database"));
  test::run_devenv(dir, "down --purge");
}

// One script for every database of the server: each block opens its own file.
TEST_CASE("SQLite fix SQL of several databases applies with the sqlite3 shell alone", "[unit][sqlite][fix]") {
  test::TempDir project;
  const std::string dir = copy_of_example(project);
  const fs::path data = fs::canonical(project.path() / ".devenv/lite/data");
  db::open_sqlite((data / "keygen.db").string(), false)->execute("DROP INDEX keys_live");
  db::open_sqlite((data / "sign.db").string(), false)
      ->execute("DROP VIEW pending_signatures; ALTER TABLE documents ADD COLUMN extra TEXT");
  // (popen adds 2>&1 at the end: the progress lines on stderr must not reach the file)
  test::run_devenv(dir, "verify --format sql 2>/dev/null | cat > fix.sql");
  const std::string fix = test::read_file(project.path() / "fix.sql");
  INFO(fix);
  CHECK_THAT(fix, Catch::Contains(".open file:" + (data / "keygen.db").string() + "?mode=rw"));
  // Run from elsewhere: the script names the files, the folder it runs in does not matter.
  const test::CommandResult applied =
      test::run_command("cd / && sqlite3 -bail < '" + (project.path() / "fix.sql").string() + "' 2>&1");
  INFO(applied.output);
  CHECK(applied.exit_code == 0);
  const test::CommandResult after = test::run_devenv(dir, "verify");
  INFO(after.output);
  CHECK(after.exit_code == 1);  // the extra column is kept out without --allow-destructive
  CHECK_THAT(after.output,
             Catch::Contains("extra") && !Catch::Contains("keys_live") && !Catch::Contains("pending_signatures"));
  test::run_devenv(dir, "verify --format sql --allow-destructive 2>/dev/null | cat > fix.sql");
  CHECK(test::run_command("cd / && sqlite3 -bail < '" + (project.path() / "fix.sql").string() + "'").exit_code == 0);
  CHECK(test::run_devenv(dir, "verify").exit_code == 0);
  CHECK_FALSE(fs::exists("/keygen.db"));
  test::run_devenv(dir, "down --purge");
}
