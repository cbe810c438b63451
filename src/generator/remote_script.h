#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "config/config.h"
#include "generator/compiled_source.h"
#include "generator/script_writer.h"

namespace devenv::generator {

// A shared server's init (runtime = "remote", docs/remote.md): what initdb/<server>
// does, with every database and user name this developer's own, `prefix` + name. The
// scripts are made from the config's sources as the init files are, so `build`'s
// output never depends on who runs it; the names are mapped as a verify's shadow load
// maps them (a source naming `hydra`.t reaches the developer's `alice_hydra`).
class RemoteScripts {
 public:
  RemoteScripts(const config::Config& config, const config::Server& server, std::string prefix);

  const std::string& prefix() const { return prefix_; }
  std::string live_name(const std::string& name) const { return prefix_ + name; }
  // The config as the shared server holds it for this prefix: the server's database
  // names, user names and owners prefixed (keys unchanged).
  const config::Config& prefixed_config() const { return prefixed_; }
  const ScriptWriter& writer() const { return *writer_; }

  // Run by the admin in no database: makes database `name` (as the config names it)
  // and grants it to its users, who must exist.
  std::vector<std::string> create_database(const config::Database& database, const std::string& name) const;
  // Run after create_database, as runtime::run_with_sessions runs an init file (its
  // `USE` or psql `\connect` first): the sources, polyfills, the migration tool's
  // history, and (PostgreSQL) the handing over to the owner.
  std::string database_script(const config::Database& database, const std::string& name);
  // Whether its sources name another database of the config (a view on `hydra`.t):
  // then it is made after the databases before it, as the init files run in order.
  bool names_other_databases(const config::Database& database);
  // sha256 of both: the registry's record of what database `name` was made from.
  std::string fingerprint(const config::Database& database, const std::string& name);
  // The same of a create_database and database_script already rendered.
  static std::string fingerprint_of(const std::vector<std::string>& create, const std::string& script);

 private:
  const std::vector<CompiledSource>& compiled(const config::Database& database);
  const config::Database& prefixed(const config::Database& database) const;

  const config::Config& config_;
  const config::Server& server_;
  std::string prefix_;
  config::Config prefixed_;
  std::unique_ptr<ScriptWriter> writer_;
  std::map<const config::Database*, std::vector<CompiledSource>> compiled_;
};

}  // namespace devenv::generator
