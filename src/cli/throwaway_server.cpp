#include "cli/throwaway_server.h"

#include "runtime/owned_dir.h"

namespace devenv::cli {

namespace {

config::Config throwaway_config(const config::Config& config, const config::Server& server) {
  config::Config copy;
  copy.file = config.file;
  // initdb/<server> is looked up under dir: here it does not exist, so init runs nothing.
  copy.dir = config.project.state_dir / "throwaway";
  copy.project = config.project;
  copy.project.state_dir = copy.dir;
  copy.servers = {server};
  copy.servers.front().port = 0;
  return copy;
}

}  // namespace

ThrowawayServer::ThrowawayServer(const config::Config& config, const config::Server& server, ProgressPrinter& progress)
    : config_(throwaway_config(config, server)) {
  runtime::claim_state_dir(config_.project.state_dir, {server.name});
  const std::string label = server.name + " (throwaway)";
  server_ = std::make_unique<runtime::NativeServer>(
      config_, config_.servers.front(), "", nullptr,
      [&progress, label](const std::string& message) { progress.say(label, message); });
  server_->purge();  // what a killed devenv may have left
  server_->up(false, {});
}

ThrowawayServer::~ThrowawayServer() {
  try {
    server_->purge();
    runtime::remove_owned_dir_if_empty(config_.project.state_dir);
  } catch (const std::exception&) {
    // The next throwaway server purges it first.
  }
}

}  // namespace devenv::cli
