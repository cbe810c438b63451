#include "runtime/server_layout.h"

#include <sys/stat.h>

#include "runtime/native_engine.h"
#include "util/sha256.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

// Whether another user can reach `path`: every existing folder on the way must be
// searchable by others (a project under /root is not).
static bool reachable_by_others(const fs::path& path) {
  for (fs::path dir = path; !dir.empty(); dir = dir.parent_path()) {
    struct stat info {};
    if (stat(dir.c_str(), &info) == 0 && !(info.st_mode & S_IXOTH)) return false;
    if (dir == dir.parent_path()) break;
  }
  return true;
}

// Unix socket paths must stay under 108 bytes, and a server running as another user
// must reach its sockets: otherwise the run dir moves to /tmp, named after the state dir.
static fs::path run_dir_for(const fs::path& root, const std::string& state_key, const std::string& server,
                            bool other_user) {
  const fs::path preferred = root / "run";
  const bool fits = (preferred / "mysqld.sock").string().size() < 100;
  if (fits && (!other_user || reachable_by_others(root))) return preferred;
  return fs::path("/tmp") / ("devenv-" + state_key + "-" + server);
}

ServerLayout ServerLayout::of(const config::Config& config, const config::Server& server) {
  const fs::path state = config.project.state_dir;
  const std::string state_key = util::sha256_hex(state.string()).substr(0, 12);
  const bool other_user = runs_as_other_user(server);
  // A server run as another user gets a private folder of its own: a 0700 folder of
  // root's cannot hold postgres's data.
  const std::string home_name = "devenv-" + state_key + (other_user ? "-" + server.name : "");
  ServerLayout layout;
  layout.root = state / server.name;
  if (config.project.data_on_tmpfs) {
    layout.private_home = fs::path("/dev/shm") / home_name;
  } else if (other_user && !reachable_by_others(layout.root)) {
    layout.private_home = fs::path("/var/tmp") / home_name;  // survives reboots
  }
  layout.data_dir = (layout.private_home.empty() ? state : layout.private_home) / server.name / "data";
  layout.run_dir = run_dir_for(layout.root, state_key, server.name, other_user);
  layout.run_dir_is_private = layout.run_dir.parent_path() != layout.root;
  layout.tmp_dir = layout.run_dir / "tmp";
  layout.socket = layout.run_dir / server.engine.socket_file_name();
  layout.state_file = layout.root / "state";
  layout.server_log = layout.root / "server.log";
  layout.init_log = layout.root / "init.log";
  layout.snapshots = (config.project.data_on_tmpfs ? layout.private_home : state) / "snapshots" / server.name;
  return layout;
}

}  // namespace devenv::runtime
