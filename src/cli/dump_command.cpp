#include <fstream>
#include <ostream>
#include <sstream>

#include "cli/database_lookup.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/server_connect.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "schema/dump.h"

namespace devenv::cli {

int run_dump(const std::filesystem::path& config, const DumpOptions& options, std::ostream& out, std::ostream& err) {
  const std::optional<std::string>& check = options.check;
  ProgressPrinter progress(err);
  Workspace workspace(config, "dump", progress, options.runtime);
  const auto [database, name] = find_database(workspace.config(), options.database);
  runtime::Server& server = workspace.server(database->server);
  const auto inspector = schema::make_inspector(dialect_of(server.server()), server_connect(server));
  const auto inspected = inspector->inspect({name});
  if (!inspected.count(name)) {
    err << "devenv: database " << name << " does not exist on server " << server.server().name << "\n";
    return kRuntime;
  }
  const std::string sql = schema::dump(inspected.at(name), dialect_of(server.server()));
  if (!check) {
    out << sql;
    return kOk;
  }
  std::ifstream in(*check, std::ios::binary);
  if (!in) throw UsageError("cannot read " + *check);
  std::ostringstream expected;
  expected << in.rdbuf();
  if (expected.str() == sql) {
    err << "devenv dump --check: " << name << " matches " << *check << "\n";
    return kOk;
  }
  err << "devenv dump --check: " << name << " differs from " << *check
      << " (run `devenv dump " << options.database << " > " << *check
      << "` to refresh it, or `devenv verify` for details)\n";
  return kDrift;
}

}  // namespace devenv::cli
