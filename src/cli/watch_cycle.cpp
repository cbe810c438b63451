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

// The databases a reset of these servers may make again: those whose generated schema
// file differs from initdb/ (an edit), and every one of a server whose data dir was made
// from other init files than initdb/ holds (`devenv build` ran by hand, a reset that
// failed or was refused in an earlier round).
std::vector<const config::Database*> databases_to_prove(const Workspace& workspace,
                                                        const std::vector<runtime::Server*>& servers,
                                                        const std::vector<const generator::GeneratedFile*>& edited,
                                                        const std::set<std::string>& stale_servers) {
  std::vector<const config::Database*> databases;
  const auto add = [&](const config::Database* database) {
    if (database && std::find(databases.begin(), databases.end(), database) == databases.end()) {
      databases.push_back(database);
    }
  };
  for (runtime::Server* server : servers) {
    const std::string& name = server->server().name;
    for (const generator::GeneratedFile* file : edited) {
      if (under_server(file->path, name)) add(database_of_file(workspace.config(), *file));
    }
    if (stale_servers.count(name)) {
      for (const config::Database* database : workspace.config().databases_on(name)) add(database);
    }
  }
  return databases;
}

// The server itself parses each schema in a shadow database first (as verify does): a
// schema it rejects never reaches the reset, which would drop the database and then
// fail half way. Throws util::RuntimeError naming the file and line.
void prove_schemas_load(const Workspace& workspace, const std::vector<const config::Database*>& databases) {
  for (const config::Database* database : databases) {
    runtime::Server& server = workspace.server(database->server);
    verify::ShadowDatabase shadow(workspace.config(), server.server(), *database, server_connect(server),
                                  server_connect_as(server));
  }
}

std::string describe_result(const runtime::UpResult& result) {
  if (result.action == runtime::kResetInPlace) {
    return "reset in place in " + seconds_text(result.seconds) + ": " + result.detail;
  }
  if (result.action == runtime::kUnchanged) return "nothing to reset: " + result.detail;
  if (result.action == runtime::kInitialised || result.action == runtime::kRestoredFromCache) {
    return "every database made again (" + result.action + ") in " + seconds_text(result.seconds);
  }
  return result.action + " in " + seconds_text(result.seconds);
}

// Each server's result or error as one line of the round.
void report(const std::vector<runtime::Server*>& servers, const std::vector<runtime::UpResult>& results,
            const std::vector<std::optional<std::string>>& errors, WatchCycleResult& result) {
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const std::string& name = servers[i]->server().name;
    result.reset_servers.insert(name);
    result.lines.push_back(name + ": " + (errors[i] ? "failed: " + *errors[i] : describe_result(results[i])));
  }
}

std::size_t index_of(const std::vector<runtime::Server*>& servers, const runtime::Server& server) {
  return static_cast<std::size_t>(std::find(servers.begin(), servers.end(), &server) - servers.begin());
}

// The first round starts the servers that are not running, as `devenv up` does (an
// empty data dir is initialised), without any reset: a reset of a stopped server could
// not be in place, and would replace its data dir.
void start_stopped_servers(const Workspace& workspace, WatchCycleResult& result) {
  std::vector<runtime::Server*> stopped;
  for (runtime::Server* server : workspace.servers()) {
    if (server->status().health != runtime::Health::Running) stopped.push_back(server);
  }
  if (stopped.empty()) return;
  std::vector<runtime::UpResult> results(stopped.size());
  const auto errors = workspace.in_parallel(
      stopped, [&](runtime::Server& server) { results[index_of(stopped, server)] = server.up(false, {}); });
  report(stopped, results, errors, result);
}

// The running servers whose init files changed: initdb/ is about to change for them, a
// seed of the user's changed, or their data dir was made from other init files. A
// server that is not running is left alone (its data dir is reset by `devenv up
// --reset-on-change` or `devenv reset` when the developer asks), and the line says so.
std::vector<runtime::Server*> servers_to_reset(const Workspace& workspace, const WatchCycleRequest& request,
                                               const generator::OutputStatus& status,
                                               std::set<std::string>& stale_servers, WatchCycleResult& result) {
  std::vector<runtime::Server*> servers;
  for (runtime::Server* server : workspace.servers()) {
    const std::string& name = server->server().name;
    const runtime::ServerStatus now = server->status();
    if (now.schema_changed) stale_servers.insert(name);
    if (!init_files_change(status, name) && !request.user_init_servers.count(name) && !now.schema_changed) continue;
    if (now.health != runtime::Health::Running) {
      result.lines.push_back(name + ": not running (" + runtime::health_name(now.health) +
                             "); `devenv up --reset-on-change " + name + "` applies the change");
      continue;
    }
    servers.push_back(server);
  }
  return servers;
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

void reset_servers(const Workspace& workspace, const std::vector<runtime::Server*>& servers, WatchCycleResult& result) {
  const runtime::ResetRequest reset = watch_reset_request(workspace);
  std::vector<runtime::UpResult> results(servers.size());
  const auto errors = workspace.in_parallel(
      servers, [&](runtime::Server& server) { results[index_of(servers, server)] = server.reset(reset); });
  report(servers, results, errors, result);
}

void run_cycle(const WatchCycleRequest& request, ProgressPrinter& progress, WatchCycleResult& result) {
  Workspace workspace(request.config, "watch", progress, request.runtime);
  const std::vector<generator::GeneratedFile> files = workspace.outputs().files();
  for (const generator::GeneratedFile& file : files) {
    if (file.role != generator::InitRole::None) result.generated.insert(file.path);
  }
  const generator::OutputStatus status = generator::check_outputs(workspace.config().dir, files);
  result.generated.insert(status.unexpected.begin(), status.unexpected.end());  // build removes them
  if (request.starting) start_stopped_servers(workspace, result);
  std::set<std::string> stale_servers;
  const std::vector<runtime::Server*> servers = servers_to_reset(workspace, request, status, stale_servers, result);
  try {
    prove_schemas_load(workspace,
                       databases_to_prove(workspace, servers, changed_schema_files(files, status), stale_servers));
  } catch (const util::RuntimeError& e) {
    result.broken = true;
    result.lines.push_back(std::string("error: ") + e.what());
    return;
  }
  if (!status.up_to_date()) generator::write_outputs(workspace.config().dir, files);
  if (!servers.empty()) {
    reset_servers(workspace, servers, result);
  } else if (result.lines.empty()) {
    result.lines.push_back(status.up_to_date() ? "no change to initdb/" : "initdb/ rebuilt; no server runs it");
  }
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
