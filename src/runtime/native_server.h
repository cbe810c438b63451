#pragma once

#include <sys/types.h>

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "generator/init_plan.h"
#include "runtime/data_dir_cache.h"
#include "runtime/data_dir_keys.h"
#include "runtime/native_engine.h"
#include "runtime/reset_plan.h"
#include "runtime/server.h"
#include "runtime/server_layout.h"
#include "runtime/server_state.h"

namespace devenv::runtime {

// One server of the config run natively: its data dir, process and state.
class NativeServer final : public Server {
 public:
  // `fingerprint` is that of the init files the current config generates; `init` those
  // files (nullptr when the command did not read the schema files: no reset in place).
  NativeServer(const config::Config& config, const config::Server& server, std::string fingerprint,
               const generator::ServerInit* init, Progress progress);

  const config::Server& server() const override { return server_; }
  const ServerLayout& layout() const { return layout_; }

  ServerStatus status() const override;
  // Initialises when needed (never trusting a half-initialised data dir), starts,
  // and waits until a real query answers over TCP.
  UpResult up(bool reset_on_change, const ResetRequest& reset) override;
  // Brings the databases back fresh. In place when it can (runtime/reset_plan.h): the
  // running server's databases made again by SQL, only those whose schema changed
  // when some did. Else stops the server and makes the data dir again: from the init
  // cache when this machine initialised the same files before (else initialises).
  UpResult reset(const ResetRequest& request) override;
  bool resets_in_place(const ResetRequest& request) const override;
  void stop() override;
  // Stops, then removes everything devenv made for this server; returns what it removed.
  std::vector<std::string> purge() override;

  int port() const override;
  db::Endpoint tcp_endpoint() const override { return engine().tcp_endpoint(port()); }
  ProcessOptions shell(const std::string& database, const config::User* user) const override {
    return engine().shell(layout_, port(), database, user);
  }
  ProcessOptions dump_database(const std::string& database) const override;
  ProcessOptions load_database(const std::string& database) const override;
  LogCommand logs(const LogRequest& request) const override;
  const NativeEngine& engine() const;

 private:
  bool running(const ServerState& state) const;
  // Stops an init server an interrupted devenv left behind (recorded in the state).
  void stop_leftover_init(ServerState& state) const;
  std::filesystem::path partial_data_dir() const;
  void discard_partial_data_dir();
  void stop_unrecorded_processes(const std::vector<std::filesystem::path>& dirs) const;
  // A fresh data dir, from the init cache when it may; returns the UpResult action.
  std::string initialise(ServerState& state, bool may_use_cache);
  bool make_bare_data_dir(const ServerLayout& init_layout, const std::string& key, bool may_use_cache);
  bool run_init_server(ServerState& state, const ServerLayout& init_layout);
  bool restore_from_cache(const std::string& key, const std::filesystem::path& target, std::string* log = nullptr);
  void store_in_cache(const std::string& key, const std::filesystem::path& data_dir, const std::string& what,
                      const std::filesystem::path& log = {});
  void remove_from_cache(const std::string& key);
  void warn_cache_unusable(const CacheUnusable& error);
  bool try_cache(const std::string& failing, const std::function<void()>& work);
  void finish_init(ServerState& state, const DataDirKeys& keys);
  void record_init(ServerState& state, const DataDirKeys& keys);
  bool can_reset_in_place(const ServerState& state) const;
  // The keys of initdb/<server> for `version`, read once per command: a reset asks
  // for them two or three times, and init files may be large dumps.
  const DataDirKeys& init_keys(const std::string& version) const;
  std::optional<UpResult> reset_in_place(ServerState& state, const ResetRequest& request,
                                         std::chrono::steady_clock::time_point started);
  // initialise, then start; a server that exits while starting from a cached data dir
  // loses that cache entry and is initialised afresh.
  UpResult initialise_and_start(ServerState& state, std::chrono::steady_clock::time_point started);
  DataDirCache& cache();
  void start(ServerState& state);
  UpResult start_and_report(ServerState& state, UpResult result, std::chrono::steady_clock::time_point started);
  pid_t start_process(const ServerLayout& layout, int port, bool socket_only);
  void wait_until_ready(pid_t pid, const db::Endpoint& endpoint, const std::string& what);
  bool stop_pid(pid_t pid) const;  // false when it had to be killed
  bool answers(int port) const;    // a real query over TCP, as root
  void check_engine_version(const ServerState& state) const;
  void prepare_dirs();
  std::filesystem::path data_base() const;
  void remove_data_dir();
  int resolve_port(const ServerState& state) const;
  int port_to_start_on(const ServerState& state) const;
  std::vector<std::string> log_tail(std::size_t lines) const;

  const config::Config& config_;
  const config::Server& server_;
  std::string fingerprint_;
  const generator::ServerInit* init_;
  Progress progress_;
  ServerLayout layout_;
  mutable std::unique_ptr<NativeEngine> engine_;          // found on first use: status works without binaries
  mutable std::map<std::string, DataDirKeys> init_keys_;  // by engine version
  std::optional<DataDirCache> cache_;  // likewise: a bad DEVENV_CACHE_MAX_SIZE fails only up and reset
};

}  // namespace devenv::runtime
