#include <fstream>
#include <ostream>
#include <sstream>

#include "catalog/dialect_writer.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/server_connect.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "config/database_lookup.h"
#include "util/file.h"

namespace devenv::cli {

int run_dump(const std::filesystem::path& config, const DumpOptions& options, std::ostream& out, std::ostream& err) {
  const std::optional<std::string>& check = options.check;
  ProgressPrinter progress(err);
  Workspace workspace(config, "dump", progress, options.runtime, Workspace::Schemas::Skip);
  const auto [database, name] = find_database(workspace.config(), options.database);
  runtime::Server& server = workspace.server(database->server);
  const auto inspector = catalog::make_inspector(server.server().engine.dialect(), server_connect(server));
  const auto inspected = inspector->inspect({name});
  if (!inspected.count(name)) {
    err << "devenv: database " << name << " does not exist on server " << server.server().name << "\n";
    return kRuntime;
  }
  const std::string sql = catalog::writer_for(server.server().engine.dialect()).dump(inspected.at(name));
  if (!check) {
    out << sql;
    return kOk;
  }
  const std::optional<std::string> expected = util::read_file(*check);
  if (!expected) throw UsageError("cannot read " + *check);
  if (*expected == sql) {
    err << "devenv dump --check: " << name << " matches " << *check << "\n";
    return kOk;
  }
  err << "devenv dump --check: " << name << " differs from " << *check << " (run `devenv dump " << options.database
      << " > " << *check << "` to refresh it, or `devenv verify` for details)\n";
  return kDrift;
}

}  // namespace devenv::cli
