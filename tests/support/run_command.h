#pragma once

#include <string>

namespace devenv::test {

struct CommandResult {
  int exit_code;
  std::string output;  // stdout and stderr together
};

// Runs a shell command line and captures what it prints.
CommandResult run_command(const std::string& command_line);

// Runs the devenv binary under test in `dir` with `arguments`.
// `environment`: shell assignments put before it ("XDG_CACHE_HOME='/tmp/c'").
CommandResult run_devenv(const std::string& dir, const std::string& arguments, const std::string& environment = "");

}  // namespace devenv::test
