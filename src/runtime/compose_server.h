#pragma once

#include <memory>
#include <string>

#include "runtime/compose_tool.h"
#include "runtime/server.h"

namespace devenv::runtime {

// One service of the generated docker-compose.yml. Its container runs the image's
// own init on an empty volume; ready means the fingerprint the last init file writes
// can be read over TCP (which the images' socket-only temporary server cannot
// answer). A failed init's container and volume are removed, so the next `up`
// initialises again instead of starting a half-made database.
class ComposeServer final : public Server {
 public:
  ComposeServer(const config::Config& config, const config::Server& server, std::string fingerprint,
                std::shared_ptr<const ComposeTool> tool, Progress progress);

  const config::Server& server() const override { return server_; }
  ServerStatus status() const override;
  UpResult up(bool reset_on_change, const ResetRequest& reset) override;
  // Always a new volume: the image's init runs inside the container.
  UpResult reset(const ResetRequest& request) override;
  bool resets_in_place(const ResetRequest&) const override { return false; }
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
  std::string container() const;                             // id of the service's container, "" if none
  std::string volume() const;                                // <project>_<server>-data
  std::string container_state(const std::string& id) const;  // "running", "exited 1", …
  std::string log_tail(int lines) const;
  std::optional<std::string> read_fingerprint() const;
  std::string server_version() const;
  UpResult wait_until_initialised(std::chrono::steady_clock::time_point started, bool fresh);
  [[noreturn]] void fail_init(const std::string& why);
  void remove_container_and_volume(std::vector<std::string>* removed);
  void remove_networks_when_unused(std::vector<std::string>& removed) const;
  int inner_port() const;  // the port the server listens on inside its network namespace

  const config::Config& config_;
  const config::Server& server_;
  std::string fingerprint_;
  std::shared_ptr<const ComposeTool> tool_;
  Progress progress_;
};

}  // namespace devenv::runtime
