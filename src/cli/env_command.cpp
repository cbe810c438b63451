#include <ostream>

#include "cli/database_urls.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/workspace.h"
#include "util/shell_quote.h"

namespace devenv::cli {

int run_env(const std::filesystem::path& config, const EnvOptions& options, std::ostream& out, std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "env", progress, options.runtime, Workspace::Schemas::Skip);
  for (const config::Database& database : workspace.config().databases) {
    const int port = workspace.server(database.server).port();
    for (const DatabaseUrl& url : database_urls(workspace.config(), database, port)) {
      out << "export " << url.variable << "=" << util::shell_quote(url.url) << "\n";
    }
  }
  return kOk;
}

}  // namespace devenv::cli
