#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace devenv::test {

// A private copy of the example running on the native runtime: free ports
// (port = 0), data under /dev/shm, its own state dir. Purged when it goes away, so a
// failing test leaves no server behind.
class NativeExample {
 public:
  NativeExample();
  // A project of its own: these files (config.toml among them) instead of the example.
  explicit NativeExample(const std::map<std::string, std::string>& files);
  ~NativeExample();

  const TempDir& dir() const { return dir_; }
  // Where its data lives on tmpfs for servers run as devenv's user (server_layout.cpp).
  std::filesystem::path tmpfs_home() const;
  CommandResult devenv(const std::string& arguments) const;
  // Variables set for every devenv it runs from now on, as shell assignments
  // ("XDG_CACHE_HOME='/tmp/x'").
  void set_environment(const std::string& assignments) { environment_ = assignments; }
  const std::string& environment() const { return environment_; }
  // Its own empty init cache, in its folder: for tests that depend on what is cached.
  std::filesystem::path use_private_cache();

  // From `devenv status --format json`.
  int port(const std::string& server) const;
  int pid(const std::string& server) const;
  std::string status_of(const std::string& server) const;

  // SQL as root over TCP; the first column of every row, one per line.
  std::string mysql(const std::string& sql, const std::string& database = "",
                    const std::string& server = "mysql") const;
  std::string postgres(const std::string& sql, const std::string& database = "postgres",
                       const std::string& server = "postgres") const;

 private:
  std::string field(const std::string& server, const std::string& name) const;
  TempDir dir_;
  std::string environment_;
};

// `devenv arguments` in `example`, REQUIREd to exit 0 (its output shown when not).
CommandResult require_ok(const NativeExample& example, const std::string& arguments);

}  // namespace devenv::test
