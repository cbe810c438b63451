#pragma once

#include <filesystem>
#include <string>

#include "config/config.h"

namespace devenv::runtime {

// Where a SQLite server's files live, under the state dir (never on tmpfs: apps open
// these paths, which must outlive a reboot like any project file):
//   <state>/<server>/data/<name>.db         the databases apps open (+ -wal, -shm, -journal)
//   <state>/<server>/pristine/<name>-<h>.db each one as its init file made it, for reset;
//                                           <h>: the start of its init file's sha256
//   <state>/<server>/data/.<name>.db.partial one being made: renamed in when complete
//   <state>/<server>/state                  the fingerprint and each database's init file
struct SqliteLayout {
  std::filesystem::path root;
  std::filesystem::path data_dir;
  std::filesystem::path pristine_dir;
  std::filesystem::path state_file;

  static SqliteLayout of(const config::Config& config, const config::Server& server);
  std::filesystem::path database_file(const std::string& database) const;
  std::filesystem::path partial_file(const std::string& database) const;
  std::filesystem::path pristine_file(const std::string& database, const std::string& script_sha256) const;
};

}  // namespace devenv::runtime
