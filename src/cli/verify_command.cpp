#include <unistd.h>

#include <iostream>
#include <ostream>

#include "catalog/fix_sql.h"
#include "catalog/render.h"
#include "cli/colour.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/verification.h"
#include "cli/workspace.h"

namespace devenv::cli {

namespace {

// A note, not drift: a developer's scratch copy or loaded dump is theirs.
void print_unmanaged(std::ostream& out, const std::vector<catalog::UnmanagedDatabase>& unmanaged) {
  if (unmanaged.empty()) return;
  out << "note: " << unmanaged.size() << (unmanaged.size() == 1 ? " database" : " databases")
      << " the config does not declare (not drift; verify --strict counts them):";
  for (const catalog::UnmanagedDatabase& database : unmanaged)
    out << " " << database.server << "/" << database.database;
  out << "\n";
}

}  // namespace

int run_verify(const std::filesystem::path& config, const VerifyOptions& options, std::ostream& out,
               std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "verify", progress, options.runtime);
  const std::vector<ServerDifferences> servers =
      verify_databases(workspace, options.databases, progress, options.ignore, options.include_history, options.strict);
  const std::vector<catalog::Difference> differences = all_differences(servers);
  std::vector<catalog::UnmanagedDatabase> unmanaged;
  for (const ServerDifferences& server : servers) {
    for (const std::string& name : server.unmanaged) unmanaged.push_back({server.server->name, name});
  }
  if (options.format == "sql") {
    for (const ServerDifferences& server : servers) {
      if (server.differences.empty()) continue;
      out << "-- server " << server.server->name << " (" << server.server->engine.name() << ")\n";
      catalog::render_fix_sql(out, server.differences, server.models, server.server->engine.dialect(),
                              options.allow_destructive, &server.files);
    }
  } else if (options.format == "json") {
    catalog::render_json(out, differences, unmanaged);
  } else if (differences.empty()) {
    out << "schemas match\n";
  } else {
    catalog::render_text(out, differences, &out == &std::cout && colour_on(STDOUT_FILENO));
    out << differences.size() << " difference" << (differences.size() == 1 ? "" : "s") << "; "
        << catalog::sign_legend(catalog::FixDirection::ActualToExpected) << "\n";
  }
  if (options.format == "text") print_unmanaged(out, unmanaged);
  return differences.empty() ? kOk : kDrift;
}

}  // namespace devenv::cli
