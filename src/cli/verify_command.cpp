#include <unistd.h>

#include <iostream>
#include <ostream>

#include "catalog/fix_sql.h"
#include "catalog/render.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/verification.h"
#include "cli/workspace.h"

namespace devenv::cli {

int run_verify(const std::filesystem::path& config, const VerifyOptions& options, std::ostream& out,
               std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "verify", progress, options.runtime);
  const std::vector<ServerDifferences> servers =
      verify_databases(workspace, options.databases, progress, options.ignore, options.include_history);
  const std::vector<catalog::Difference> differences = all_differences(servers);
  if (options.format == "sql") {
    for (const ServerDifferences& server : servers) {
      if (server.differences.empty()) continue;
      out << "-- server " << server.server->name << " (" << server.server->engine.name() << ")\n";
      catalog::render_fix_sql(out, server.differences, server.models, server.server->engine.dialect(),
                              options.allow_destructive);
    }
  } else if (options.format == "json") {
    catalog::render_json(out, differences);
  } else if (differences.empty()) {
    out << "schemas match\n";
  } else {
    catalog::render_text(out, differences, &out == &std::cout && isatty(STDOUT_FILENO));
    out << differences.size() << " difference" << (differences.size() == 1 ? "" : "s") << "\n";
  }
  return differences.empty() ? kOk : kDrift;
}

}  // namespace devenv::cli
