#include "runtime/server_layout.h"

#include "initdb/sha256.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

// Unix socket paths must stay under 108 bytes; a deep project folder moves the run
// dir to /tmp under a name derived from the state dir.
static fs::path run_dir_for(const fs::path& root, const std::string& state_key, const std::string& server) {
  const fs::path preferred = root / "run";
  if ((preferred / "mysqld.sock").string().size() < 100) return preferred;
  return fs::path("/tmp") / ("devenv-" + state_key + "-" + server);
}

ServerLayout ServerLayout::of(const config::Config& config, const config::Server& server) {
  const fs::path state = config.project.state_dir;
  const std::string state_key = initdb::sha256_hex(state.string()).substr(0, 12);
  ServerLayout layout;
  layout.root = state / server.name;
  layout.data_dir = config.project.data_on_tmpfs
                        ? fs::path("/dev/shm") / ("devenv-" + state_key) / server.name / "data"
                        : layout.root / "data";
  layout.run_dir = run_dir_for(layout.root, state_key, server.name);
  layout.socket = layout.run_dir / (config::is_mysql_family(server.engine) ? "mysqld.sock" : "");
  layout.state_file = layout.root / "state";
  layout.server_log = layout.root / "server.log";
  layout.init_log = layout.root / "init.log";
  layout.snapshots = (config.project.data_on_tmpfs ? layout.data_dir.parent_path().parent_path() : state) /
                     "snapshots" / server.name;
  return layout;
}

}  // namespace devenv::runtime
