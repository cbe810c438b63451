// Interruptions and full disks leave nothing the next command cannot handle (issue:
// Safety II, part 1). Each case runs the real binary on a private copy of the example.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "support/native_example.h"
#include "util/sha256.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::run_command;
namespace fs = std::filesystem;

namespace {

// Processes whose command line names `text` (a data dir), as pgrep sees them. The
// first character in brackets keeps the pattern from matching the shell running pgrep.
int processes_naming(const std::string& text) {
  const CommandResult result =
      run_command("pgrep -f -c -- '[" + text.substr(0, 1) + "]" + text.substr(1) + "' || true");
  return std::atoi(result.output.c_str());
}

// Entries of a folder besides devenv's ownership marker.
bool holds_anything(const fs::path& dir) {
  if (!fs::exists(dir)) return false;
  for (const auto& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename() != ".devenv-owned") return true;
  }
  return false;
}

// Starts `devenv <arguments>` in the background; kills it with SIGKILL once `ready`
// (a shell condition) holds, or after 60 s.
CommandResult kill_when(const NativeExample& example, const std::string& arguments, const std::string& ready) {
  return run_command("cd '" + example.dir().path().string() + "' && (" + example.environment() +
                     " '" DEVENV_BINARY "' " + arguments + " >/dev/null 2>&1 & pid=$!; for i in $(seq 6000); do " +
                     ready + " && break; sleep 0.01; done; kill -9 $pid; wait $pid; true)");
}

}  // namespace

TEST_CASE("interruptions: kill -9 during init leaves an init server that the next command stops", "[reliability]") {
  NativeExample example;
  example.use_private_cache();  // else the data dir comes from the cache, without an init server
  const fs::path state_file = example.dir().path() / ".devenv" / "mysql" / "state";
  // Killed once the init server is recorded: it is then running the init scripts.
  kill_when(example, "up mysql", "grep -qs '^init_pid=[1-9]' '" + state_file.string() + "'");
  const std::string partial = (example.tmpfs_home() / "mysql" / "data.partial").string();
  REQUIRE(processes_naming(partial) == 1);  // orphaned, as before the fix it stayed

  const CommandResult status = example.devenv("status");
  INFO(status.output);
  CHECK_THAT(status.output, Catch::Contains("that an interrupted devenv left running"));
  CHECK(processes_naming(partial) == 0);

  const CommandResult up = example.devenv("up mysql");
  INFO(up.output);
  CHECK(up.exit_code == 0);
  CHECK_THAT(up.output, Catch::Contains("discarding a half-made data dir"));
  CHECK(example.devenv("down").exit_code == 0);
  CHECK(processes_naming((example.dir().path().filename()).string()) == 0);

  // Killed during init again, then purged: nothing is left, not even the half-made data dir.
  REQUIRE(example.devenv("down --purge").exit_code == 0);
  kill_when(example, "up mysql", "grep -qs '^init_pid=[1-9]' '" + state_file.string() + "'");
  const CommandResult purge = example.devenv("down --purge");
  INFO(purge.output);
  CHECK(purge.exit_code == 0);
  CHECK(processes_naming(partial) == 0);
  CHECK_FALSE(std::filesystem::exists(example.tmpfs_home()));
}

TEST_CASE("interruptions: an init server killed before it was recorded is found and stopped by the next init",
          "[reliability]") {
  NativeExample example;
  example.use_private_cache();  // so that init runs an init server
  const fs::path state_file = example.dir().path() / ".devenv" / "mysql" / "state";
  kill_when(example, "up mysql", "grep -qs '^init_pid=[1-9]' '" + state_file.string() + "'");
  const std::string partial = (example.tmpfs_home() / "mysql" / "data.partial").string();
  REQUIRE(processes_naming(partial) == 1);
  // A process that names the folder too, but is no engine's: left alone.
  const CommandResult decoy =
      run_command("sh -c 'sleep 60' decoy '--datadir=" + partial + "' >/dev/null 2>&1 & echo $!");
  const pid_t decoy_pid = std::atoi(decoy.output.c_str());
  REQUIRE(decoy_pid > 0);
  // As if devenv had been killed between starting it and writing its pid down.
  const std::string state = example.dir().read(".devenv/mysql/state");
  example.dir().write(".devenv/mysql/state", std::regex_replace(state, std::regex("init_pid=[0-9]+"), "init_pid=0"));
  const CommandResult up = example.devenv("up mysql");
  INFO(up.output);
  CHECK(up.exit_code == 0);  // not "Access denied" from the old init server on the socket
  CHECK_THAT(up.output, Catch::Contains("left running on " + partial + " by an interrupted devenv"));
  CHECK(kill(decoy_pid, 0) == 0);
  kill(decoy_pid, SIGKILL);
  CHECK(processes_naming(partial) == 0);
}

TEST_CASE("interruptions: reset killed at any point, then up and verify succeed", "[reliability]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  for (const char* delay : {"0.02", "0.08", "0.15", "0.3", "0.5", "0.8"}) {
    INFO("reset killed after " << delay << " s");
    run_command("cd '" + example.dir().path().string() +
                "' && ('" DEVENV_BINARY "' reset >/dev/null 2>&1 & pid=$!; sleep " + delay +
                "; kill -9 $pid; wait $pid; true)");
    const CommandResult up = example.devenv("up --verify");
    INFO(up.output);
    CHECK(up.exit_code == 0);
    CHECK_THAT(up.output, Catch::Contains("schemas match"));
  }
}

TEST_CASE("interruptions: a full disk under the init cache is one clear line, leaves no partial entry, and up goes on",
          "[reliability]") {
  if (geteuid() != 0) {
    WARN("skipped: needs root to mount a small tmpfs");
    return;
  }
  NativeExample example;
  const fs::path cache_home = example.dir().path() / "cache";
  fs::create_directories(cache_home);
  // Room for MariaDB's bare data dir (about 25 MiB), not for the one after init as well.
  REQUIRE(run_command("mount -t tmpfs -o size=40m devenv-test-full '" + cache_home.string() + "'").exit_code == 0);
  example.set_environment("XDG_CACHE_HOME='" + cache_home.string() + "'");
  const CommandResult up = example.devenv("up mysql");
  example.devenv("down mysql");  // a stopped server's reset makes the data dir again: from the cache if it can
  const CommandResult reset = example.devenv("reset mysql");
  const bool partial_left = holds_anything(cache_home / "devenv" / "incoming");
  const bool init_cached =
      run_command("ls '" + (cache_home / "devenv" / "entries").string() + "' | grep -q -- -init-").exit_code == 0;
  example.devenv("down --purge");
  run_command("umount '" + cache_home.string() + "'");

  INFO(up.output);
  CHECK(up.exit_code == 0);  // the server runs; only the cache entry is missing
  const std::regex full(
      "not kept in the cache .*: no space left on the filesystem of .*: it needs [0-9]+ MiB, [0-9]+ MiB are free");
  CHECK(std::regex_search(up.output, full));
  CHECK(std::count(up.output.begin(), up.output.end(), '\n') < 40);  // not a line per file
  CHECK_FALSE(partial_left);
  CHECK_FALSE(init_cached);
  INFO(reset.output);
  CHECK(reset.exit_code == 0);  // without the entry, reset re-runs init
  CHECK_THAT(reset.output, Catch::Contains("initialised in"));
}

namespace {

// Where `dump --from` keeps its throwaway server's data on tmpfs (server_layout.cpp:
// named after its state dir, <state_dir>/throwaway).
std::string throwaway_home(const NativeExample& example) {
  const std::string state = (example.dir().path() / ".devenv" / "throwaway").lexically_normal().string();
  return "devenv-" + devenv::util::sha256_hex(state).substr(0, 12);
}

}  // namespace

TEST_CASE("interruptions: dump --from killed while its throwaway server runs, then the next one stops and removes it",
          "[reliability]") {
  NativeExample example;
  const fs::path state_file = example.dir().path() / ".devenv" / "throwaway" / "postgres" / "state";
  // Killed once the throwaway server is recorded as running.
  kill_when(example, "dump --from schemas/analytics.sql", "grep -qs '^pid=[1-9]' '" + state_file.string() + "'");
  REQUIRE(processes_naming(throwaway_home(example)) > 0);  // orphaned by the kill

  const CommandResult again = example.devenv("dump --from schemas/analytics.sql");
  INFO(again.output);
  CHECK(again.exit_code == 0);
  CHECK_THAT(again.output, Catch::Contains("CREATE TABLE public.events"));
  CHECK(processes_naming(throwaway_home(example)) == 0);
  CHECK_FALSE(fs::exists(example.dir().path() / ".devenv" / "throwaway"));
}

TEST_CASE("interruptions: a throwaway folder that is a symbolic link or a folder of the user's is refused",
          "[reliability]") {
  NativeExample example;
  REQUIRE(example.devenv("status").exit_code == 3);  // not initialised; the state dir, as devenv makes it
  example.dir().write("elsewhere/notes.txt", "the user's\n");
  const fs::path throwaway = example.dir().path() / ".devenv" / "throwaway";
  SECTION("a symbolic link") { fs::create_directory_symlink(example.dir().path() / "elsewhere", throwaway); }
  SECTION("a folder devenv did not make") { example.dir().write(".devenv/throwaway/notes.txt", "the user's\n"); }
  const CommandResult dump = example.devenv("dump --from schemas/analytics.sql");
  INFO(dump.output);
  CHECK(dump.exit_code != 0);
  CHECK(dump.output.find("CREATE TABLE") == std::string::npos);
  CHECK(example.dir().read("elsewhere/notes.txt") == "the user's\n");
  CHECK(std::distance(fs::directory_iterator(example.dir().path() / "elsewhere"), fs::directory_iterator()) == 1);
  CHECK(processes_naming(throwaway_home(example)) == 0);
}
