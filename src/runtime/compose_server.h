#pragma once

#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "generator/init_plan.h"
#include "runtime/compose_tool.h"
#include "runtime/data_dir_keys.h"
#include "runtime/server.h"
#include "runtime/server_state.h"

namespace devenv::runtime {

// One service of the generated docker-compose.yml. Its container runs the image's
// own init on an empty volume; ready means the fingerprint the last init file writes
// can be read over TCP (which the images' socket-only temporary server cannot
// answer). A failed init's container and volume are removed, so the next `up`
// initialises again instead of starting a half-made database.
//
// A reset of a running container is in place when it can be, as on the native
// runtime (in_place_reset.h): devenv records the init files a volume was made from
// in <state>/<server>/compose-state (a ServerState) when it sees the image's init
// finish, and after each reset in place. Its sessions reach the server over TCP; a
// user's .sql file runs through the engine's client inside the container.
class ComposeServer final : public Server {
 public:
  // `init`: the init files the config generates (nullptr when the command did not read
  // the schema files: no reset in place).
  ComposeServer(const config::Config& config, const config::Server& server, std::string fingerprint,
                const generator::ServerInit* init, std::shared_ptr<const ComposeTool> tool, Progress progress);

  const config::Server& server() const override { return server_; }
  ServerStatus status() const override;
  UpResult up(bool reset_on_change, const ResetRequest& reset) override;
  // In place when it can be; else a new container and volume, and the image's init.
  UpResult reset(const ResetRequest& request) override;
  bool resets_in_place(const ResetRequest& request) const override;
  void stop() override;
  std::vector<std::string> purge() override;
  int port() const override;
  db::Endpoint tcp_endpoint() const override;
  ProcessOptions shell(const std::string& database, const config::User* user) const override;
  ProcessOptions dump_database(const std::string& database) const override;
  ProcessOptions load_database(const std::string& database) const override;
  LogCommand logs(const LogRequest& request) const override;

 private:
  // `command` run inside the service's container as root, the password passed by
  // name only (docker exec -e NAME reads it from our environment, never argv).
  ProcessOptions exec_as_root(const engine::ClientCommand& command, bool with_stdin) const;
  // The engine's client in container `id`, its password passed through the environment.
  ProcessOptions exec_client(const std::string& id, const engine::ClientCommand& command, const std::string& password,
                             bool with_stdin, bool terminal) const;
  std::string existing_container() const;                    // its id; throws when it has none
  std::string container() const;                             // id of the service's container, "" if none
  std::string volume() const;                                // <project>_<server>-data
  std::string container_state(const std::string& id) const;  // "running", "exited 1", …
  std::string log_tail(int lines) const;
  std::optional<std::string> read_fingerprint() const;
  std::string server_version() const;
  UpResult wait_until_initialised(std::chrono::steady_clock::time_point started, bool fresh);
  [[noreturn]] void fail_init(const std::string& why);
  void start_container_for_reset();
  void remove_container_and_volume(std::vector<std::string>* removed);
  void remove_networks_when_unused(std::vector<std::string>& removed) const;
  int inner_port() const;  // the port the server listens on inside its network namespace
  bool running(const std::string& id) const;
  pid_t container_pid(const std::string& id) const;  // its server's pid on this machine; 0 when it is not running
  std::filesystem::path state_file() const;          // <state>/<server>/compose-state
  std::filesystem::path reset_log() const;           // <state>/<server>/compose-reset.log: the clients' output
  ServerState load_record() const;
  void forget_record() const;
  void save_record(ServerState& state) const;
  // After the image's init: the record of the files it ran, when the volume's
  // fingerprint is the current one (else none: the files changed meanwhile).
  void record_fresh_volume(const UpResult& result, const DataDirKeys& keys);
  // Why the record cannot be trusted for the volume there now; "" when it can.
  std::string record_problem(const ServerState& state) const;
  const DataDirKeys& keys() const;  // of initdb/<server> now, read once per command
  std::optional<UpResult> reset_in_place(const ResetRequest& request, std::chrono::steady_clock::time_point started);
  std::string init_database() const;
  // A user's init file through the engine's client inside the container, fed on stdin.
  void run_in_container(const std::filesystem::path& file, const std::string& id) const;

  const config::Config& config_;
  const config::Server& server_;
  std::string fingerprint_;
  const generator::ServerInit* init_;
  std::shared_ptr<const ComposeTool> tool_;
  Progress progress_;
  mutable std::optional<DataDirKeys> keys_;
  mutable std::map<bool, bool> resets_in_place_;  // by ResetRequest::only_changed, until it acts
};

}  // namespace devenv::runtime
