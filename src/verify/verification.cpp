#include "verify/verification.h"

#include <atomic>
#include <filesystem>
#include <future>
#include <set>

#include "catalog/inspector.h"
#include "util/interrupt.h"
#include "verify/shadow_database.h"

namespace devenv::verify {

namespace {

// What one logical database's schema sources make, read from its shadow; the
// shadow's other databases already have their live names back.
struct Expected {
  catalog::Database model;
  std::string shadow;  // the name the model still uses for the database itself
};

// The expected models of a server's logical databases, each built in a shadow
// database on a thread of its own while the live databases are read. A shadow is
// dropped as soon as it has been read.
class ExpectedModels {
 public:
  ExpectedModels(const config::Config& config, const LiveServer& live,
                 const std::vector<const config::Database*>& databases, const Progress& progress)
      : promises_(databases.size()) {
    for (std::size_t i = 0; i < databases.size(); ++i) {
      models_.emplace(databases[i], promises_[i].get_future().share());
    }
    building_ = std::async(std::launch::async, [this, &config, &live, databases, &progress] {
      std::size_t i = 0;
      try {
        for (; i < databases.size() && !stop_; ++i) {
          util::throw_if_interrupted();
          progress("building the expected schema of " + databases[i]->key + " in a shadow database");
          promises_[i].set_value(build(config, live, *databases[i]));
        }
      } catch (...) {  // this one's error is every later one's too: none of them is built
        for (; i < databases.size(); ++i) promises_[i].set_exception(std::current_exception());
      }
    });
  }

  ~ExpectedModels() {
    stop_ = true;
    if (building_.valid()) building_.wait();
  }

  ExpectedModels(const ExpectedModels&) = delete;
  ExpectedModels& operator=(const ExpectedModels&) = delete;

  // Waits for it; throws what building it threw.
  const Expected& of(const config::Database& database) const { return models_.at(&database).get(); }

 private:
  static Expected build(const config::Config& config, const LiveServer& live, const config::Database& database) {
    const ShadowDatabase shadow(config, *live.server, database, live.connect, live.connect_as);
    Expected expected{catalog::make_inspector(live.server->engine.dialect(), shadow.connect())
                          ->inspect({shadow.name()})
                          .at(shadow.name()),
                      shadow.name()};
    shadow.restore_event_statuses(expected.model);
    shadow.rename_other_databases(expected.model, live.prefix);
    return expected;
  }

  std::vector<std::promise<Expected>> promises_;
  std::map<const config::Database*, std::shared_future<Expected>> models_;
  std::atomic<bool> stop_{false};
  std::future<void> building_;  // the last member: waited for before the others go
};

// The <name>.db files of a SQLite server's folder (not its hidden partial files, not
// links): each a database.
std::vector<std::string> database_files(const std::string& folder) {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator(folder, error)) {
    const std::string file = entry.path().filename().string();
    if (file.starts_with(".") || !entry.is_regular_file(error) || entry.is_symlink(error)) continue;
    if (file.size() > 3 && file.ends_with(".db")) names.push_back(file.substr(0, file.size() - 3));
  }
  return names;
}

void extra_databases(const config::Config& config, const LiveServer& live, catalog::Inspector& inspector,
                     std::vector<catalog::Difference>& out) {
  std::set<std::string> declared;
  for (const config::Database* database : config.databases_on(live.server->name)) {
    declared.insert(database->names.begin(), database->names.end());
  }
  if (!live.prefix.empty()) {  // a shared server holds everyone's: only this developer's registered ones count
    const std::vector<std::string> present = inspector.databases();
    for (const std::string& name : live.registered) {
      const bool exists = std::find(present.begin(), present.end(), name) != present.end();
      if (exists && !declared.count(name.substr(live.prefix.size()))) out.push_back(catalog::extra_database(name));
    }
    return;
  }
  for (const std::string& name :
       live.files_folder.empty() ? inspector.databases() : database_files(live.files_folder)) {
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

// Every live database is compared as soon as it is read and then let go (unless it
// differs and `models` wants it for the fix-up SQL): partitions of one template are
// compared with one expected model, and no more than a few live models are held at
// once, however many there are. The report keeps the config's order.
std::vector<catalog::Difference> verify_server(const config::Config& config, const LiveServer& live,
                                               const config::DatabaseSelection& selection, bool report_everything,
                                               const IgnoreRules& ignore, const Progress& progress,
                                               catalog::ComparedModels* models) {
  std::vector<catalog::Difference> out;
  ShadowDatabase::drop_leftovers(*live.server, live.connect);
  const auto inspector = catalog::make_inspector(live.server->engine.dialect(), live.connect);
  std::vector<const config::Database*> databases;
  for (const config::Database* database : config.databases_on(live.server->name)) {
    if (selection.count(database->key)) databases.push_back(database);
  }
  if (databases.empty()) return out;
  std::map<std::string, const config::Database*> owners;  // live name → its logical database
  std::vector<std::string> names;
  for (const config::Database* database : databases) {
    for (const std::string& name : selection.at(database->key)) {
      owners.emplace(live.prefix + name, database);
      names.push_back(live.prefix + name);
    }
  }
  const ExpectedModels expected(config, live, databases, progress);
  progress("inspecting " + std::to_string(names.size()) + " databases");
  const sqltext::Dialect dialect = live.server->engine.dialect();
  std::map<std::string, std::vector<catalog::Difference>> found;  // by live database
  const auto compare = [&](catalog::Database&& actual) {
    const std::string name = actual.name;
    const config::Database& database = *owners.at(name);
    const Expected& schema = expected.of(database);
    catalog::Database renamed = schema.model;
    catalog::rename_references(renamed, schema.shadow, name, dialect);
    auto differences = catalog::compare(renamed, actual, dialect);
    ignore.remove_ignored(differences, &database);
    if (models && !differences.empty()) {
      models->emplace(name, catalog::ComparedPair{std::move(renamed), std::move(actual)});
    }
    found.emplace(name, std::move(differences));
  };
  inspector->inspect_each(names, [&](catalog::Database&& actual) {
    util::throw_if_interrupted();
    compare(std::move(actual));
  });
  for (const config::Database* database : databases) {
    expected.of(*database);  // a schema file the server rejects fails the verify, whatever else
    for (const std::string& name : selection.at(database->key)) {
      const auto compared = found.find(live.prefix + name);
      if (compared == found.end()) {
        out.push_back(catalog::missing_database(live.prefix + name));
      } else {
        out.insert(out.end(), compared->second.begin(), compared->second.end());
      }
    }
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
