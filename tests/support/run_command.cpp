#include "support/run_command.h"

#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>

namespace devenv::test {

namespace {

// Every devenv the tests start shares one init cache in the build tree instead of the
// user's (~/.cache/devenv): warm across the runs of one build, like a user's, and never
// touching theirs. One folder per build of devenv, the others removed: entries an
// older build made must not hide a change to how init works. Tests of the cache
// itself give a project a private one.
const bool kTestCache = [] {
  namespace fs = std::filesystem;
  const fs::path base = DEVENV_TEST_CACHE_DIR;
  std::error_code error;
  const auto built = fs::last_write_time(DEVENV_BINARY, error).time_since_epoch().count();
  const std::string current = "build-" + std::to_string(built);
  for (auto it = fs::directory_iterator(base, error); !error && it != fs::directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    std::error_code ignored;
    if (name.rfind("build-", 0) == 0 && name != current) fs::remove_all(it->path(), ignored);
  }
  setenv("XDG_CACHE_HOME", (base / current).c_str(), 1);
  setenv("DEVENV_CACHE_MAX_SIZE", "1G", 1);
  return true;
}();

}  // namespace

CommandResult run_command(const std::string& command_line) {
  FILE* pipe = popen((command_line + " 2>&1").c_str(), "r");
  if (!pipe) throw std::runtime_error("popen failed: " + command_line);
  std::string output;
  std::array<char, 4096> buffer{};
  while (const std::size_t n = fread(buffer.data(), 1, buffer.size(), pipe)) output.append(buffer.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status), output};
}

CommandResult run_devenv(const std::string& dir, const std::string& arguments, const std::string& environment) {
  return run_command("cd '" + dir + "' && " + environment + " '" DEVENV_BINARY "' " + arguments);
}

}  // namespace devenv::test
