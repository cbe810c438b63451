// devenv writes, deletes and follows only what it created (issue: Safety I, parts 2
// and 3). Each case runs the real binary on a private copy of the example.
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>

#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
namespace fs = std::filesystem;

namespace {

// A folder of the user's with files where devenv would keep its own.
void fill_user_folder(const devenv::test::TempDir& dir, const std::string& folder) {
  for (const char* file : {"notes.txt", "mysql/keep.txt", "postgres/keep.txt", "snapshots/mysql/keep.txt"}) {
    dir.write(folder + "/" + file, "the user's\n");
  }
}

void expect_user_folder_intact(const devenv::test::TempDir& dir, const std::string& folder) {
  for (const char* file : {"notes.txt", "mysql/keep.txt", "postgres/keep.txt", "snapshots/mysql/keep.txt"}) {
    INFO(folder << "/" << file);
    CHECK(dir.read(folder + "/" + file) == "the user's\n");
  }
}

void set_state_dir(const NativeExample& example, const std::string& state_dir) {
  const std::string config = example.dir().read("config.toml");
  example.dir().write("config.toml", std::regex_replace(config, std::regex("state_dir = \"[^\"]*\""),
                                                        "state_dir = \"" + state_dir + "\""));
}

}  // namespace

TEST_CASE("ownership: a folder of the user's as state_dir is refused by every command and left untouched",
          "[reliability]") {
  NativeExample example;
  fill_user_folder(example.dir(), "mine");
  set_state_dir(example, "mine");
  for (const char* command : {"up", "reset", "down --purge", "status"}) {
    const CommandResult result = example.devenv(command);
    INFO(command << ": " << result.output);
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.output, Catch::Contains("is a folder devenv did not create"));
  }
  expect_user_folder_intact(example.dir(), "mine");
  CHECK_FALSE(fs::exists(example.dir().path() / "mine" / "lock"));

  set_state_dir(example, ".");  // the project folder itself
  CHECK(example.devenv("up").exit_code == 2);
  CHECK(fs::exists(example.dir().path() / "config.toml"));
}

TEST_CASE("ownership: a state dir from before the markers is adopted", "[reliability]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  REQUIRE(example.devenv("down").exit_code == 0);
  const fs::path state = example.dir().path() / ".devenv";
  CHECK(fs::exists(state / ".devenv-owned"));
  for (const auto& entry : fs::recursive_directory_iterator(state)) {
    if (entry.path().filename() == ".devenv-owned") fs::remove(entry.path());
  }
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  CHECK(up.exit_code == 0);
  CHECK(fs::exists(state / ".devenv-owned"));
  CHECK(example.devenv("reset").exit_code == 0);
}

TEST_CASE("ownership: a server folder that is a symbolic link is refused and not followed", "[reliability]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  REQUIRE(example.devenv("down --purge").exit_code == 0);
  fill_user_folder(example.dir(), "elsewhere");
  fs::create_directories(example.dir().path() / ".devenv");
  fs::create_directory_symlink(example.dir().path() / "elsewhere", example.dir().path() / ".devenv" / "mysql");
  const CommandResult up = example.devenv("up mysql");
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("is a symbolic link"));
  example.devenv("reset mysql --force");
  example.devenv("down --purge");
  expect_user_folder_intact(example.dir(), "elsewhere");
}

TEST_CASE("ownership: a tmpfs folder another user prepared is refused", "[reliability]") {
  if (geteuid() != 0) {
    WARN("skipped: needs root to prepare a folder as another user");
    return;
  }
  NativeExample example;
  REQUIRE(example.devenv("up mysql").exit_code == 0);
  const fs::path home = example.tmpfs_home();
  CHECK(fs::is_directory(home));  // the rule the test relies on
  CHECK((fs::status(home).permissions() & (fs::perms::group_all | fs::perms::others_all)) == fs::perms::none);
  REQUIRE(example.devenv("down --purge").exit_code == 0);
  REQUIRE_FALSE(fs::exists(home));

  REQUIRE(devenv::test::run_command("runuser -u nobody -- mkdir -m 0777 '" + home.string() + "'").exit_code == 0);
  const CommandResult up = example.devenv("up mysql");
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("is not a private folder of devenv's"));
  CHECK(fs::is_empty(home));  // nothing written into it
  fs::remove(home);
}

TEST_CASE("ownership: reset stops before deleting databases the config does not declare", "[reliability]") {
  NativeExample example;
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  example.mysql("CREATE DATABASE scratch");
  example.postgres("CREATE DATABASE loaded_dump");
  // In place, a reset leaves them alone.
  CHECK(example.devenv("reset").exit_code == 0);
  CHECK(example.mysql("SHOW DATABASES LIKE 'scratch'") == "scratch\n");
  // A reset that must make the data dirs again (the users changed) would delete them.
  const std::string config = example.dir().read("config.toml");
  example.dir().write("config.toml",
                      std::regex_replace(config, std::regex("UNKEY_DB_PASSWORD:-unkey"), "UNKEY_DB_PASSWORD:-changed"));
  example.dir().write("initdb/postgres/50-seed.sh", "true\n");
  const CommandResult reset = example.devenv("reset");
  INFO(reset.output);
  CHECK(reset.exit_code == 2);
  CHECK_THAT(reset.output, Catch::Contains("mysql: scratch"));
  CHECK_THAT(reset.output, Catch::Contains("postgres: loaded_dump"));
  CHECK(example.mysql("SHOW DATABASES LIKE 'scratch'") == "scratch\n");
  CHECK(example.devenv("reset --force mysql").exit_code == 0);
  CHECK(example.mysql("SHOW DATABASES LIKE 'scratch'").empty());
  CHECK(example.postgres("SELECT datname FROM pg_database WHERE datname = 'loaded_dump'") == "loaded_dump\n");
}
