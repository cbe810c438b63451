#include <unistd.h>

#include <filesystem>
#include <iostream>
#include <ostream>

#include "cli/colour.h"
#include "cli/exit_code.h"
#include "cli/log_streams.h"
#include "cli/runtime_commands.h"
#include "cli/workspace.h"
#include "runtime/process.h"

namespace devenv::cli {

int run_logs(const std::filesystem::path& config, const LogsOptions& options, std::ostream& out, std::ostream& err) {
  std::vector<LogStream> streams;
  {
    ProgressPrinter progress(err);
    Workspace workspace(config, "logs", progress, options.runtime,
                        Workspace::Schemas::Skip);  // released before the logs are shown
    runtime::LogRequest request{options.init, options.lines, options.follow, options.timestamps, false};
    const std::vector<runtime::Server*> servers = workspace.servers(options.servers);
    request.prefixed = servers.size() > 1;
    for (runtime::Server* server : servers) streams.push_back({server->server().name, server->logs(request)});
  }
  // One server whose tool writes what was asked: the tool itself, as it would run.
  if (streams.size() == 1 && !(options.timestamps && streams.front().command.stamps_from_lines)) {
    runtime::exec_replace(streams.front().command.process);
  }
  const int code =
      stream_logs(streams, streams.size() > 1, options.timestamps, &out == &std::cout && colour_on(STDOUT_FILENO), out);
  return code == 0 ? kOk : kRuntime;
}

}  // namespace devenv::cli
