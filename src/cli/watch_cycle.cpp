#include "cli/watch_cycle.h"

#include <algorithm>
#include <sstream>

#include "cli/server_connect.h"
#include "cli/unmanaged_databases.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "config/config_error.h"
#include "generator/output_files.h"
#include "sqltext/source_error.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"
#include "verify/shadow_database.h"

namespace devenv::cli {

namespace {

namespace fs = std::filesystem;

std::string seconds_text(double seconds) {
  std::ostringstream out;
  out.precision(seconds < 10 ? 2 : 3);
  out << seconds << " s";
  return out.str();
}

// The generated schema files that differ from initdb/ now, by server.
std::vector<const generator::GeneratedFile*> changed_schema_files(const std::vector<generator::GeneratedFile>& files,
                                                                  const generator::OutputStatus& status) {
  std::vector<const generator::GeneratedFile*> changed;
  for (const generator::GeneratedFile& file : files) {
    if (file.role != generator::InitRole::Schema) continue;
    const auto differs = [&](const std::vector<std::string>& paths) {
      return std::find(paths.begin(), paths.end(), file.path) != paths.end();
    };
    if (differs(status.missing) || differs(status.stale)) changed.push_back(&file);
  }
  return changed;
}

bool under_server(const std::string& path, const std::string& server) {
  return path.rfind("initdb/" + server + "/", 0) == 0;
}

// Whether build changes any init file of `server` (written, or an old one removed).
bool init_files_change(const generator::OutputStatus& status, const std::string& server) {
  for (const auto* paths : {&status.missing, &status.stale, &status.unexpected}) {
    for (const std::string& path : *paths) {
      if (under_server(path, server)) return true;
    }
  }
  return false;
}

const config::Database* database_of_file(const config::Config& config, const generator::GeneratedFile& file) {
  for (const config::Database& database : config.databases) {
    if (!file.databases.empty() && !database.names.empty() && database.names.front() == file.databases.front()) {
      return &database;
    }
  }
  return nullptr;
}

// The server itself parses each changed schema in a shadow database first (as verify
// does): a schema it rejects never reaches the reset, which would drop the database
// and then fail half way. Throws util::RuntimeError naming the file and line.
void prove_schemas_load(const Workspace& workspace, const std::vector<const generator::GeneratedFile*>& changed) {
  for (const generator::GeneratedFile* file : changed) {
    const config::Database* database = database_of_file(workspace.config(), *file);
    if (!database) continue;
    runtime::Server& server = workspace.server(database->server);
    if (server.status().health != runtime::Health::Running) continue;  // its init will report it
    verify::ShadowDatabase shadow(workspace.config(), server.server(), *database, server_connect(server),
                                  server_connect_as(server));
  }
}

std::string describe_result(const runtime::UpResult& result) {
  if (result.action == runtime::kResetInPlace)
    return "reset in place in " + seconds_text(result.seconds) + ": " + result.detail;
  if (result.action == runtime::kUnchanged) return "nothing to reset: " + result.detail;
  if (result.action == runtime::kInitialised || result.action == runtime::kRestoredFromCache) {
    return "every database made again (" + result.action + ") in " + seconds_text(result.seconds);
  }
  return result.action + " in " + seconds_text(result.seconds);
}

struct Targets {
  std::vector<runtime::Server*> servers;
  std::vector<bool> start;  // not running: `up` it instead
};

Targets servers_to_act_on(const Workspace& workspace, const WatchCycleRequest& request,
                          const generator::OutputStatus& status) {
  Targets targets;
  for (runtime::Server* server : workspace.servers()) {
    const std::string& name = server->server().name;
    const runtime::ServerStatus now = server->status();
    const bool running = now.health == runtime::Health::Running;
    const bool changed = init_files_change(status, name) || request.user_init_servers.count(name) ||
                         (request.starting && now.schema_changed);
    if (!changed && !(request.starting && !running)) continue;
    targets.servers.push_back(server);
    targets.start.push_back(!running);
  }
  return targets;
}

// Only the databases whose schema changed are made again; a reset that would replace
// a whole data dir holding databases the config does not declare is refused, as
// `devenv reset` refuses it without --force.
runtime::ResetRequest watch_reset_request(const Workspace& workspace) {
  runtime::ResetRequest reset;
  reset.only_changed = true;
  reset.before_replacing_data = [&workspace](runtime::Server& server) {
    refuse_to_reset_unmanaged(workspace, {&server}, false);
  };
  return reset;
}

void act_on_servers(const Workspace& workspace, const Targets& targets, WatchCycleResult& result) {
  const runtime::ResetRequest reset = watch_reset_request(workspace);
  std::vector<runtime::UpResult> results(targets.servers.size());
  const auto errors = workspace.in_parallel(targets.servers, [&](runtime::Server& server) {
    const auto i = static_cast<std::size_t>(std::find(targets.servers.begin(), targets.servers.end(), &server) -
                                            targets.servers.begin());
    results[i] = targets.start[i] ? server.up(true, reset) : server.reset(reset);
  });
  for (std::size_t i = 0; i < targets.servers.size(); ++i) {
    const std::string& name = targets.servers[i]->server().name;
    result.reset_servers.insert(name);
    result.lines.push_back(name + ": " + (errors[i] ? "failed: " + *errors[i] : describe_result(results[i])));
  }
}

void run_cycle(const WatchCycleRequest& request, ProgressPrinter& progress, WatchCycleResult& result) {
  Workspace workspace(request.config, "watch", progress, request.runtime);
  const std::vector<generator::GeneratedFile> files = workspace.outputs().files();
  for (const generator::GeneratedFile& file : files) {
    if (file.role != generator::InitRole::None) result.generated.insert(file.path);
  }
  const generator::OutputStatus status = generator::check_outputs(workspace.config().dir, files);
  const Targets targets = servers_to_act_on(workspace, request, status);
  try {
    prove_schemas_load(workspace, changed_schema_files(files, status));
  } catch (const util::RuntimeError& e) {
    result.broken = true;
    result.lines.push_back(std::string("error: ") + e.what());
    return;
  }
  if (!status.up_to_date()) generator::write_outputs(workspace.config().dir, files);
  if (targets.servers.empty()) {
    result.lines.push_back(status.up_to_date() ? "no change to initdb/" : "initdb/ rebuilt; no server runs it");
    return;
  }
  act_on_servers(workspace, targets, result);
}

}  // namespace

WatchCycleResult run_watch_cycle(const WatchCycleRequest& request, ProgressPrinter& progress) {
  WatchCycleResult result;
  try {
    run_cycle(request, progress, result);
  } catch (const util::Interrupted&) {
    throw;
  } catch (const config::ConfigError& e) {
    result.broken = true;
    result.lines.push_back(std::string("config error: ") + e.what());
  } catch (const sqltext::SourceError& e) {
    result.broken = true;
    result.lines.push_back(std::string("schema error: ") + e.what());
  } catch (const std::exception& e) {
    result.broken = true;
    result.lines.push_back(std::string("error: ") + e.what());
  }
  return result;
}

}  // namespace devenv::cli
