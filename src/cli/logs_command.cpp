#include <filesystem>
#include <ostream>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/workspace.h"
#include "runtime/process.h"

namespace devenv::cli {

int run_logs(const std::filesystem::path& config, Arguments& arguments, std::ostream&, std::ostream& err) {
  const bool init = arguments.flag("--init");
  const bool follow = arguments.flag("-f") || arguments.flag("--follow");
  const std::string lines = arguments.option("-n").value_or("100");
  if (lines.empty() || lines.find_first_not_of("0123456789") != std::string::npos) {
    throw UsageError("-n takes a number of lines");
  }
  const std::vector<std::string> names = arguments.positionals();
  if (names.size() != 1) throw UsageError("logs takes one server name");
  runtime::ProcessOptions viewer;
  {
    ProgressPrinter progress(err);
    Workspace workspace(config, "logs", progress, arguments.option("--runtime"));  // released before it runs
    viewer = workspace.server(names[0]).logs(init, lines, follow);
  }
  runtime::exec_replace(viewer);
}

}  // namespace devenv::cli
