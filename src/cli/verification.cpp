#include "cli/verification.h"

#include <algorithm>
#include <filesystem>

#include "cli/server_connect.h"
#include "engine/engine.h"
#include "util/interrupt.h"
#include "verify/verification.h"

namespace devenv::cli {

namespace {

// Moves the extra databases out of the differences.
std::vector<std::string> take_unmanaged(std::vector<catalog::Difference>& differences) {
  std::vector<std::string> names;
  const auto unmanaged = [](const catalog::Difference& d) {
    return d.kind == catalog::Kind::Database && d.change == catalog::Change::Extra;
  };
  for (const catalog::Difference& d : differences) {
    if (unmanaged(d)) names.push_back(d.name);
  }
  differences.erase(std::remove_if(differences.begin(), differences.end(), unmanaged), differences.end());
  return names;
}

// A SQLite server's files, by database: only those that exist (the sqlite3 shell's
// .open of a path that is gone would make an empty file).
catalog::DatabaseFiles existing_files(runtime::Server& server, const std::vector<catalog::Difference>& differences) {
  catalog::DatabaseFiles files;
  if (server.server().engine.dialect() != sqltext::Dialect::SQLite) return files;
  const std::filesystem::path folder = std::filesystem::absolute(server.tcp_endpoint().socket);
  for (const catalog::Difference& d : differences) {
    const std::filesystem::path file = folder / engine::Engine::database_file_name(d.database);
    if (!d.database.empty() && std::filesystem::is_regular_file(file)) files[d.database] = file.string();
  }
  return files;
}

}  // namespace

std::vector<ServerDifferences> verify_databases(const Workspace& workspace, const std::vector<std::string>& selected,
                                                ProgressPrinter& progress, const std::vector<std::string>& ignore,
                                                bool include_history, bool strict) {
  const config::Config& config = workspace.config();
  const verify::IgnoreRules rules(config, ignore, include_history);
  util::catch_interrupts();
  const config::DatabaseSelection selection = config::select_databases(config, selected);
  std::vector<ServerDifferences> out;
  for (runtime::Server* server : workspace.servers()) {
    const config::Server& settings = server->server();
    if (!verify::selects_server(config, selection, settings.name)) continue;
    const verify::LiveServer live{&settings,
                                  server_connect(*server),
                                  server->status().schema_changed,
                                  server_connect_as(*server),
                                  settings.engine.runs_a_server() ? "" : server->tcp_endpoint().socket,
                                  server->live_prefix(),
                                  server->registered_databases()};
    const auto say = [&](const std::string& message) { progress.say(settings.name, message); };
    ServerDifferences found{&settings, {}, {}, {}, {}};
    found.differences = verify::verify_server(config, live, selection, selected.empty(), rules, say, &found.models);
    if (!strict) found.unmanaged = take_unmanaged(found.differences);
    found.files = existing_files(*server, found.differences);
    out.push_back(std::move(found));
  }
  return out;
}

std::vector<catalog::Difference> all_differences(const std::vector<ServerDifferences>& servers) {
  std::vector<catalog::Difference> out;
  for (const ServerDifferences& server : servers)
    out.insert(out.end(), server.differences.begin(), server.differences.end());
  return out;
}

}  // namespace devenv::cli
