#pragma once

#include <memory>

#include "cli/progress.h"
#include "config/config.h"
#include "runtime/native_server.h"

namespace devenv::cli {

// An empty native server of one config server's engine and version, for a single
// command that needs a server of that engine when none runs (`dump --from`): its own
// state under <state_dir>/throwaway, a free port, no init files. Stopped and purged
// when it goes away; one a killed devenv left behind is purged before the next starts
// (the workspace's state lock keeps two commands from sharing it).
class ThrowawayServer {
 public:
  ThrowawayServer(const config::Config& config, const config::Server& server, ProgressPrinter& progress);
  ~ThrowawayServer();
  ThrowawayServer(const ThrowawayServer&) = delete;
  ThrowawayServer& operator=(const ThrowawayServer&) = delete;

  runtime::Server& server() { return *server_; }

 private:
  config::Config config_;  // a copy: this server alone, on port 0, rooted in throwaway/
  std::unique_ptr<runtime::NativeServer> server_;
};

}  // namespace devenv::cli
