#include <filesystem>
#include <ostream>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/workspace.h"
#include "runtime/process.h"

namespace devenv::cli {

int run_logs(const std::filesystem::path& config, const LogsOptions& options, std::ostream&, std::ostream& err) {
  runtime::ProcessOptions viewer;
  {
    ProgressPrinter progress(err);
    Workspace workspace(config, "logs", progress, options.runtime,
                        Workspace::Schemas::Skip);  // released before it runs
    viewer = workspace.server(options.server).logs(options.init, std::to_string(options.lines), options.follow);
  }
  runtime::exec_replace(viewer);
}

}  // namespace devenv::cli
