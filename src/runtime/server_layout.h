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
//   <state>/snapshots/<server>/<key>  stopped copies of freshly initialised data dirs
struct ServerLayout {
  std::filesystem::path root;  // <state>/<server>
  std::filesystem::path data_dir;
  std::filesystem::path run_dir;
  std::filesystem::path tmp_dir;  // the server's own temporary files (MariaDB clears its tmpdir at start)
  std::filesystem::path socket;   // MySQL: the socket file; PostgreSQL: run_dir holds .s.PGSQL.<port>
  std::filesystem::path state_file;
  std::filesystem::path server_log;
  std::filesystem::path init_log;
  std::filesystem::path snapshots;  // <state>/snapshots/<server>

  static ServerLayout of(const config::Config& config, const config::Server& server);
};

}  // namespace devenv::runtime
