#include "cli/verification.h"

#include <algorithm>
#include <set>

#include "cli/server_connect.h"
#include "cli/usage_error.h"
#include "config/did_you_mean.h"
#include "db/session.h"
#include "runtime/interrupt.h"
#include "runtime/runtime_error.h"
#include "runtime/shadow_database.h"
#include "schema/inspector.h"

namespace devenv::cli {
namespace {

// The names of each logical database to verify, by key.
using Selection = std::map<std::string, std::vector<std::string>>;

Selection select(const config::Config& config, const std::vector<std::string>& wanted) {
  Selection selection;
  if (wanted.empty()) {
    for (const config::Database& database : config.databases) selection[database.key] = database.names;
    return selection;
  }
  for (const std::string& name : wanted) {
    bool found = false;
    std::vector<std::string> known;
    for (const config::Database& database : config.databases) {
      known.push_back(database.key);
      if (database.key == name) {
        selection[database.key] = database.names;
        found = true;
      } else if (std::find(database.names.begin(), database.names.end(), name) != database.names.end()) {
        selection[database.key].push_back(name);
        found = true;
      }
      known.insert(known.end(), database.names.begin(), database.names.end());
    }
    if (!found) {
      const std::string guess = config::did_you_mean(name, known);
      throw UsageError("no database '" + name + "' in the config" + (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
    }
  }
  return selection;
}

class ServerVerification {
 public:
  ServerVerification(const Workspace& workspace, runtime::Server& server, ProgressPrinter& progress)
      : workspace_(workspace), server_(server), progress_(progress), connect_(server_connect(server)) {}

  void run(const Selection& selection, bool report_extra, std::vector<schema::Difference>& out) {
    const std::string& name = server_.server().name;
    runtime::ShadowDatabase::drop_leftovers(server_.server(), *connect_(""));
    auto inspector = schema::make_inspector(dialect_of(server_.server()), connect_);
    std::vector<std::string> live_names;
    std::vector<const config::Database*> databases;
    for (const config::Database* database : workspace_.config().databases_on(name)) {
      const auto it = selection.find(database->key);
      if (it == selection.end()) continue;
      databases.push_back(database);
      live_names.insert(live_names.end(), it->second.begin(), it->second.end());
    }
    if (databases.empty()) return;
    progress_.say(name, "inspecting " + std::to_string(live_names.size()) + " databases");
    const std::map<std::string, schema::Database> live = inspector->inspect(live_names);
    for (const config::Database* database : databases) {
      runtime::throw_if_interrupted();
      progress_.say(name, "building the expected schema of " + database->key + " in a shadow database");
      runtime::ShadowDatabase shadow(workspace_.config(), server_.server(), *database, connect_);
      const schema::Database expected = inspector->inspect({shadow.name()}).at(shadow.name());
      for (const std::string& live_name : selection.at(database->key)) {
        const auto actual = live.find(live_name);
        if (actual == live.end()) {
          out.push_back(schema::missing_database(live_name));
          continue;
        }
        schema::Database renamed = expected;
        schema::rename_references(renamed, shadow.name(), live_name);
        const auto differences = schema::compare(renamed, actual->second, dialect_of(server_.server()));
        out.insert(out.end(), differences.begin(), differences.end());
      }
    }
    if (report_extra) {  // only when verifying everything: a targeted verify stays on its target
      extra_databases(*inspector, out);
      fingerprint(out);
    }
  }

 private:
  void extra_databases(schema::Inspector& inspector, std::vector<schema::Difference>& out) {
    std::set<std::string> declared;
    for (const config::Database* database : workspace_.config().databases_on(server_.server().name)) {
      declared.insert(database->names.begin(), database->names.end());
    }
    for (const std::string& name : inspector.databases()) {
      if (!declared.count(name)) out.push_back(schema::extra_database(name));
    }
  }

  void fingerprint(std::vector<schema::Difference>& out) {
    if (!server_.status().schema_changed) return;
    out.push_back({"server " + server_.server().name, "data dir", "fingerprint", "", schema::Change::Changed,
                   "initialised from the current initdb/", "initialised from an older initdb/ (run `devenv reset " +
                                                               server_.server().name + "`)"});
  }

  const Workspace& workspace_;
  runtime::Server& server_;
  ProgressPrinter& progress_;
  schema::Connect connect_;
};

}  // namespace

std::vector<ServerDifferences> verify_databases(const Workspace& workspace, const std::vector<std::string>& selected,
                                                ProgressPrinter& progress) {
  runtime::catch_interrupts();
  const Selection selection = select(workspace.config(), selected);
  std::vector<ServerDifferences> out;
  for (runtime::Server* server : workspace.servers()) {
    bool wanted = false;
    for (const config::Database* database : workspace.config().databases_on(server->server().name)) {
      wanted |= selection.count(database->key) > 0;
    }
    if (!wanted) continue;
    out.push_back({&server->server(), {}});
    ServerVerification(workspace, *server, progress).run(selection, selected.empty(), out.back().differences);
  }
  return out;
}

std::vector<schema::Difference> all_differences(const std::vector<ServerDifferences>& servers) {
  std::vector<schema::Difference> out;
  for (const ServerDifferences& server : servers) out.insert(out.end(), server.differences.begin(), server.differences.end());
  return out;
}

}  // namespace devenv::cli
