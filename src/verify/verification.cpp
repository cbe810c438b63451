#include "verify/verification.h"

#include <set>

#include "catalog/inspector.h"
#include "util/interrupt.h"
#include "verify/shadow_database.h"

namespace devenv::verify {

namespace {

std::vector<std::string> live_names(const config::DatabaseSelection& selection,
                                    const std::vector<const config::Database*>& databases) {
  std::vector<std::string> names;
  for (const config::Database* database : databases) {
    const std::vector<std::string>& selected = selection.at(database->key);
    names.insert(names.end(), selected.begin(), selected.end());
  }
  return names;
}

// One logical database: its expected model, from a shadow, against each of its live databases.
void compare_database(const config::Config& config, const LiveServer& live, const config::Database& database,
                      const std::vector<std::string>& names, catalog::Inspector& inspector,
                      const std::map<std::string, catalog::Database>& actual, const IgnoreRules& ignore,
                      std::vector<catalog::Difference>& out, catalog::ComparedModels* models) {
  const ShadowDatabase shadow(config, *live.server, database, live.connect, live.connect_as);
  catalog::Database expected = inspector.inspect({shadow.name()}).at(shadow.name());
  shadow.restore_event_statuses(expected);
  for (const std::string& name : names) {
    const auto found = actual.find(name);
    if (found == actual.end()) {
      out.push_back(catalog::missing_database(name));
      continue;
    }
    catalog::Database renamed = expected;
    catalog::rename_references(renamed, shadow.name(), name, live.server->engine.dialect());
    shadow.rename_other_databases(renamed);
    auto differences = catalog::compare(renamed, found->second, live.server->engine.dialect());
    ignore.remove_ignored(differences, &database);
    if (models) models->emplace(name, catalog::ComparedPair{renamed, found->second});
    out.insert(out.end(), differences.begin(), differences.end());
  }
}

void extra_databases(const config::Config& config, const LiveServer& live, catalog::Inspector& inspector,
                     std::vector<catalog::Difference>& out) {
  std::set<std::string> declared;
  for (const config::Database* database : config.databases_on(live.server->name)) {
    declared.insert(database->names.begin(), database->names.end());
  }
  for (const std::string& name : inspector.databases()) {
    if (!declared.count(name)) out.push_back(catalog::extra_database(name));
  }
}

// The data dir was made from other init files than the config generates now.
catalog::Difference stale_data_dir(const config::Server& server) {
  catalog::Difference changed{
      catalog::Kind::Fingerprint, catalog::Change::Changed, "server " + server.name, "", "", "", {}, {}};
  changed.expected = catalog::Element{"", "", "initialised from the current initdb/", {}};
  changed.actual =
      catalog::Element{"", "", "initialised from an older initdb/ (run `devenv reset " + server.name + "`)", {}};
  return changed;
}

}  // namespace

bool selects_server(const config::Config& config, const config::DatabaseSelection& selection,
                    const std::string& server) {
  for (const config::Database* database : config.databases_on(server)) {
    if (selection.count(database->key)) return true;
  }
  return false;
}

std::vector<catalog::Difference> verify_server(const config::Config& config, const LiveServer& live,
                                               const config::DatabaseSelection& selection, bool report_everything,
                                               const IgnoreRules& ignore, const Progress& progress,
                                               catalog::ComparedModels* models) {
  std::vector<catalog::Difference> out;
  ShadowDatabase::drop_leftovers(*live.server, *live.connect(""));
  const auto inspector = catalog::make_inspector(live.server->engine.dialect(), live.connect);
  std::vector<const config::Database*> databases;
  for (const config::Database* database : config.databases_on(live.server->name)) {
    if (selection.count(database->key)) databases.push_back(database);
  }
  if (databases.empty()) return out;
  const std::vector<std::string> names = live_names(selection, databases);
  progress("inspecting " + std::to_string(names.size()) + " databases");
  const std::map<std::string, catalog::Database> actual = inspector->inspect(names);
  for (const config::Database* database : databases) {
    util::throw_if_interrupted();
    progress("building the expected schema of " + database->key + " in a shadow database");
    compare_database(config, live, *database, selection.at(database->key), *inspector, actual, ignore, out, models);
  }
  if (report_everything) {  // a targeted verify stays on its target
    std::vector<catalog::Difference> server_wide;
    extra_databases(config, live, *inspector, server_wide);
    if (live.schema_changed) server_wide.push_back(stale_data_dir(*live.server));
    ignore.remove_ignored(server_wide, nullptr);
    out.insert(out.end(), server_wide.begin(), server_wide.end());
  }
  return out;
}

}  // namespace devenv::verify
