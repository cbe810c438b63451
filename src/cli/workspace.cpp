#include "cli/workspace.h"

#include <algorithm>
#include <thread>

#include "cli/usage_error.h"
#include "config/did_you_mean.h"
#include "config/loader.h"
#include "generator/fingerprint.h"
#include "generator/output_files.h"
#include "runtime/compose_server.h"
#include "runtime/native_server.h"
#include "runtime/owned_dir.h"
#include "runtime/remote_server.h"
#include "runtime/sqlite_server.h"
#include "sqltext/source_error.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"
#include "verify/ignore_rules.h"

namespace devenv::cli {

namespace {

generator::BuildOutputs outputs_for(const config::Config& config, Workspace::Schemas schemas,
                                    ProgressPrinter& progress) {
  if (schemas == Workspace::Schemas::Skip) return {};
  if (schemas == Workspace::Schemas::Read) return generator::generate_outputs(config);
  try {
    return generator::generate_outputs(config);
  } catch (const sqltext::SourceError& e) {
    progress.say("devenv", std::string("a schema file has an error (") + e.what() +
                               "); schema changes since the last build are not shown");
    return {};
  }
}

}  // namespace

Workspace::Workspace(const std::filesystem::path& config_file, const std::string& command, ProgressPrinter& progress,
                     const std::optional<std::string>& runtime, Schemas schemas)
    : config_(config::load_config(config_file)),
      outputs_(outputs_for(config_, schemas, progress)),
      progress_(progress),
      runtime_(runtime.value_or(config_.project.runtime)) {
  verify::IgnoreRules{config_};  // a bad ignore pattern is a config error for every command, as any other is
  if (runtime_ != "native" && runtime_ != "compose" && runtime_ != "remote")
    throw UsageError("--runtime takes native, compose or remote");
  progress_.detail("devenv", "config " + config_file.string() + ", runtime " + runtime_ +
                                 (runtime ? " (--runtime)" : " (config)") + ", state dir " +
                                 config_.project.state_dir.string());
  std::vector<std::string> server_names;
  for (const config::Server& server : config_.servers) server_names.push_back(server.name);
  runtime::claim_state_dir(config_.project.state_dir, server_names);
  lock_ = std::make_unique<runtime::StateLock>(config_.project.state_dir, command,
                                               [&](const std::string& message) { progress_.say("devenv", message); });
  const auto runtime_of = [&](const config::Server& server) {
    if (runtime || server.runtime.empty()) return runtime_;  // --runtime overrides the server's own
    return server.runtime;
  };
  for (const config::Server& server : config_.servers) {
    if (server.engine.runs_a_server() && runtime_of(server) == "remote" && !server.remote) {
      throw UsageError("servers." + server.name + " has no url, so --runtime remote cannot run it: give it url = \"" +
                       std::string(server.engine.url_scheme()) + "://admin:${ADMIN_PW}@host:" +
                       std::to_string(server.engine.default_port()) + "\", or run it with another --runtime");
    }
  }
  std::shared_ptr<const runtime::ComposeTool> compose;
  const bool any_container = std::any_of(
      config_.servers.begin(), config_.servers.end(),
      [&](const config::Server& server) { return server.engine.runs_a_server() && runtime_of(server) == "compose"; });
  if (any_container) {  // SQLite and remote servers alone need no docker
    compose = std::make_shared<runtime::ComposeTool>(config_);
    progress_.say("devenv", "compose runtime: " + compose->description() + ", project " + compose->project());
  }
  for (const config::Server& server : config_.servers) {
    const std::string name = server.name;
    const std::string fingerprint =
        outputs_.servers.empty() ? generator::built_fingerprint(config_.dir, name) : outputs_.server(name).fingerprint;
    runtime::Progress say = [this, name](const std::string& message) { progress_.say(name, message); };
    const generator::ServerInit* init = outputs_.servers.empty() ? nullptr : &outputs_.server(name);
    if (!server.engine.runs_a_server()) {  // files on this machine, whichever the runtime
      servers_.push_back(std::make_unique<runtime::SqliteServer>(config_, server, fingerprint, init, say));
    } else if (runtime_of(server) == "remote") {
      servers_.push_back(std::make_unique<runtime::RemoteServer>(config_, server, say));
    } else if (runtime_of(server) == "compose") {
      servers_.push_back(std::make_unique<runtime::ComposeServer>(config_, server, fingerprint, init, compose, say));
    } else {
      servers_.push_back(std::make_unique<runtime::NativeServer>(config_, server, fingerprint, init, say));
    }
  }
}

std::vector<runtime::Server*> Workspace::servers(const std::vector<std::string>& names) const {
  std::vector<runtime::Server*> out;
  if (names.empty()) {
    for (const auto& server : servers_) out.push_back(server.get());
    return out;
  }
  for (const std::string& name : names) out.push_back(&server(name));
  return out;
}

runtime::Server& Workspace::server(const std::string& name) const {
  std::vector<std::string> known;
  for (const auto& server : servers_) {
    if (server->server().name == name) return *server;
    known.push_back(server->server().name);
  }
  const std::string guess = config::did_you_mean(name, known);
  throw UsageError("no server named '" + name + "'" + (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
}

bool Workspace::rebuild_if_stale() {
  const std::vector<generator::GeneratedFile> files = outputs_.files();
  if (generator::check_outputs(config_.dir, files).up_to_date()) return false;
  const generator::OutputStatus status = generator::write_outputs(config_.dir, files);
  progress_.say("devenv", "initdb/ was out of date: rebuilt " +
                              std::to_string(status.missing.size() + status.stale.size()) + " files");
  return true;
}

std::vector<std::optional<std::string>> Workspace::in_parallel(
    const std::vector<runtime::Server*>& servers, const std::function<void(runtime::Server&)>& work) const {
  std::vector<std::optional<std::string>> errors(servers.size());
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    threads.emplace_back([&, i] {
      try {
        work(*servers[i]);
      } catch (const util::RuntimeError& e) {
        errors[i] = std::string(e.what()) + (e.hint().empty() ? "" : "\n  hint: " + e.hint());
      } catch (const std::exception& e) {
        errors[i] = e.what();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  util::throw_if_interrupted();  // Ctrl-C: exit 130, not one error per server
  return errors;
}

}  // namespace devenv::cli
