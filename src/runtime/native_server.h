#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "runtime/native_engine.h"
#include "runtime/server_layout.h"
#include "runtime/server_state.h"

namespace devenv::runtime {

enum class Health { NotInitialised, InitFailed, Stopped, Running, Crashed };
const char* health_name(Health health);

struct ServerStatus {
  Health health = Health::NotInitialised;
  std::string version;
  int port = 0;
  pid_t pid = 0;
  bool schema_changed = false;  // the data dir was made from other init files
  std::string failure;          // why init failed
  std::vector<std::string> last_log_lines;  // when crashed or failed
};

// What one `up` or `reset` did to a server.
struct UpResult {
  std::string action;  // "started", "already running", "initialised", "restored snapshot"
  double seconds = 0;
  int port = 0;
  std::string version;
  bool schema_changed = false;
};

using Progress = std::function<void(const std::string&)>;

// One server of the config run natively: its data dir, process and state.
class NativeServer {
 public:
  // `fingerprint` is that of the init files the current config generates.
  NativeServer(const config::Config& config, const config::Server& server, std::string fingerprint, Progress progress);

  const config::Server& server() const { return server_; }
  const ServerLayout& layout() const { return layout_; }

  ServerStatus status() const;
  // Initialises when needed (never trusting a half-initialised data dir), starts,
  // and waits until a real query answers over TCP.
  UpResult up(bool reset_on_change);
  // Stops the server, throws the data away, and brings it back from the snapshot of
  // a fresh init when the init files are unchanged (else initialises).
  UpResult reset();
  void stop();
  // Stops, then removes everything devenv made for this server; returns what it removed.
  std::vector<std::string> purge();

  // The port it runs on (or will), and a way in for clients.
  int port() const;
  const NativeEngine& engine() const;

 private:
  bool running(const ServerState& state) const;
  void initialise(ServerState& state);
  bool restore_snapshot(ServerState& state, const std::string& key);
  void take_snapshot(const std::string& key);
  void start(ServerState& state);
  UpResult start_and_report(ServerState& state, UpResult result, std::chrono::steady_clock::time_point started);
  pid_t start_process(int port, bool socket_only);
  void wait_until_ready(pid_t pid, const db::Endpoint& endpoint, const std::string& what);
  void stop_pid(pid_t pid);
  void prepare_dirs();
  void remove_data_dir();
  int resolve_port(const ServerState& state) const;
  std::vector<std::string> log_tail(std::size_t lines) const;

  const config::Config& config_;
  const config::Server& server_;
  std::string fingerprint_;
  Progress progress_;
  ServerLayout layout_;
  mutable std::unique_ptr<NativeEngine> engine_;  // found on first use: status works without binaries
};

}  // namespace devenv::runtime
