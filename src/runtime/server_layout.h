#pragma once

#include <filesystem>
#include <string>

#include "config/config.h"

namespace devenv::runtime {

// Where one server's files live under the state dir (default .devenv/ beside the
// config):
//   <state>/<server>/state            phase, fingerprint, port, pid (server_state.h)
//   <state>/<server>/data             the data dir (under /dev/shm with data_on_tmpfs)
//   <state>/<server>/run/             0700: socket, client option file
//   <state>/<server>/run/tmp/         the server's temporary files
//   <state>/<server>/server.log, init.log
//   <state>/snapshots/<server>/       left by devenv versions before the init cache
//                                     (data_dir_cache.h, one per user); purge removes it
// With data_on_tmpfs the data dir (and old snapshots) live in /dev/shm/devenv-<hash>[-<user>]/
// instead; a server run as another user (PostgreSQL under root) gets its own such
// folder, owned by that user. Folders outside the state dir, in places every user can
// write to, must be private to their owner (owned_dir.h).
struct ServerLayout {
  std::filesystem::path root;  // <state>/<server>
  std::filesystem::path data_dir;
  std::filesystem::path run_dir;
  std::filesystem::path tmp_dir;  // the server's own temporary files (MariaDB clears its tmpdir at start)
  std::filesystem::path socket;   // MySQL: the socket file; PostgreSQL: run_dir holds .s.PGSQL.<port>
  std::filesystem::path state_file;
  std::filesystem::path server_log;
  std::filesystem::path init_log;
  std::filesystem::path snapshots;  // <state>/snapshots/<server>: only ever removed
  // The folder outside the state dir that holds the data dir (and, on tmpfs, the
  // snapshots); empty when the data dir is inside the state dir.
  std::filesystem::path private_home;
  bool run_dir_is_private = false;  // the run dir is outside the state dir (/tmp)

  static ServerLayout of(const config::Config& config, const config::Server& server);
};

}  // namespace devenv::runtime
