#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cli/progress.h"

namespace devenv::cli {

// One round of `devenv watch` after a burst of saves (or when it starts): build,
// prove the changed schemas load, write initdb/, reset the servers whose init files
// changed. Every step that can fail leaves the databases as they were serving.
struct WatchCycleRequest {
  std::filesystem::path config;
  std::optional<std::string> runtime;
  bool starting = false;                    // the first round: start servers that are not running
  std::set<std::string> user_init_servers;  // servers where a file of the user's in initdb/ changed
};

struct WatchCycleResult {
  bool broken = false;              // the config or a schema does not load: nothing was changed
  std::vector<std::string> lines;   // what happened, one line per server (or the error)
  std::set<std::string> generated;  // the init files this build generates (relative paths)
  std::set<std::string> reset_servers;
};

// Throws util::Interrupted on Ctrl-C; reports every other failure in `lines`.
WatchCycleResult run_watch_cycle(const WatchCycleRequest& request, ProgressPrinter& progress);

}  // namespace devenv::cli
