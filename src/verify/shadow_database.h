#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model.h"
#include "config/config.h"
#include "db/session.h"
#include "generator/compiled_source.h"
#include "generator/script_writer.h"
#include "sqltext/qualified_text.h"
#include "verify/shadow_account.h"
#include "verify/shadow_folder.h"

namespace devenv::verify {

// A throwaway database on a running server holding what one logical database's
// schema sources make: the server parses and normalises them, exactly as it did
// the live database (Skeema's and Atlas's approach). Named _devenv_shadow_<key>_<pid>_<n>
// (run_suffix: unique per load, so two live at once never collide); dropped by the destructor, on success, failure or
// interrupt alike.
//
// A shadow load writes only into shadows (docs/safety.md): every declared database
// the sources name (MySQL `hydra`.t) gets a shadow of its own for the load, those the
// init scripts fill before this one loaded first; names are mapped to the shadows;
// and the statements run as a temporary account granted only the shadows.
class ShadowDatabase {
 public:
  using Connect = db::Connect;

  // Loads the sources; a statement the server rejects throws util::RuntimeError naming
  // its source file and line.
  ShadowDatabase(const config::Config& config, const config::Server& server, const config::Database& database,
                 Connect connect, db::ConnectAs connect_as);
  ~ShadowDatabase();
  ShadowDatabase(const ShadowDatabase&) = delete;
  ShadowDatabase& operator=(const ShadowDatabase&) = delete;

  const std::string& name() const { return shadows_.front().name; }
  // Sessions on the shadows (to read them back): the server's own, or for SQLite
  // the files in this load's private folder (shadow_folder.h).
  const Connect& connect() const { return connect_; }

  // The model refers to the other databases' shadows (a view on `hydra`.t): give
  // them back their live names (on a shared server, with the developer's prefix).
  void rename_other_databases(catalog::Database& model, const std::string& live_prefix = "") const;

  // Events are made disabled in a shadow, so that none runs there: gives the model's
  // events back the status their sources give them.
  void restore_event_statuses(catalog::Database& model) const;

  // Drops shadow databases and accounts a killed devenv left behind on this server
  // (SQLite: the shadow folders of processes that are gone).
  static void drop_leftovers(const config::Server& server, const Connect& connect);

 private:
  // One shadow of the load: the logical database its sources come from, when they
  // are loaded into it; `live` is the declared name it stands for ("" for the target).
  struct Shadow {
    const config::Database* database;
    std::string live;
    std::string name;
    bool load;
  };

  void plan(const config::Database& target);
  void add_referenced(const config::Database& from, std::vector<const config::Database*>& to_scan);
  const std::vector<generator::CompiledSource>& compiled(const config::Database& database);
  void create();
  void load(const Shadow& shadow);
  void run_as_admin(const std::string& shadow, const std::string& open_source, const std::string& sql);
  void drop();

  const config::Config& config_;
  const config::Server& server_;
  std::unique_ptr<generator::ScriptWriter> writer_;
  Connect connect_;
  db::ConnectAs connect_as_;
  std::string suffix_;
  std::vector<Shadow> shadows_;  // the target first
  sqltext::ShadowNames names_;   // target left empty: set per load
  std::map<const config::Database*, std::vector<generator::CompiledSource>> compiled_;
  std::optional<ShadowAccount> account_;
  std::optional<ShadowFolder> folder_;  // SQLite: no server, so no account; files in a folder of their own
  std::size_t created_ = 0;             // how many of shadows_ exist
  std::map<std::string, std::string> event_statuses_;  // the target's events: name → ENABLE, DISABLE, …
};

}  // namespace devenv::verify
