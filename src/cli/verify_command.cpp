#include <unistd.h>

#include <iostream>
#include <ostream>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/verification.h"
#include "cli/workspace.h"
#include "schema/fix_sql.h"
#include "schema/render.h"

namespace devenv::cli {

int run_verify(const std::filesystem::path& config, Arguments& arguments, std::ostream& out, std::ostream& err) {
  const std::string format = arguments.option("--format").value_or("text");
  if (format != "text" && format != "json" && format != "sql") throw UsageError("--format takes text, json or sql");
  const bool allow_destructive = arguments.flag("--allow-destructive");
  const std::vector<std::string> databases = arguments.positionals();
  ProgressPrinter progress(err);
  Workspace workspace(config, "verify", progress, arguments.option("--runtime"));
  const std::vector<ServerDifferences> servers = verify_databases(workspace, databases, progress);
  const std::vector<schema::Difference> differences = all_differences(servers);
  if (format == "sql") {
    for (const ServerDifferences& server : servers) {
      if (server.differences.empty()) continue;
      out << "-- server " << server.server->name << " (" << server.server->engine.name() << ")\n";
      schema::render_fix_sql(out, server.differences, server.server->engine.dialect(), allow_destructive);
    }
  } else if (format == "json") {
    schema::render_json(out, differences);
  } else if (differences.empty()) {
    out << "schemas match\n";
  } else {
    schema::render_text(out, differences, &out == &std::cout && isatty(STDOUT_FILENO));
    out << differences.size() << " difference" << (differences.size() == 1 ? "" : "s") << "\n";
  }
  return differences.empty() ? kOk : kDrift;
}

}  // namespace devenv::cli
