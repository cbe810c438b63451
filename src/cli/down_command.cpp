#include <ostream>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/workspace.h"

namespace devenv::cli {

namespace {

// A shared server keeps running whatever devenv does; only this developer's things go.
std::string outcome(const runtime::Server& server, bool purge) {
  const std::string prefix = server.live_prefix();
  if (prefix.empty()) return purge ? "stopped and purged" : "stopped (data kept; `devenv down --purge` deletes it)";
  return purge ? "shared server left running; dropped what devenv made there with prefix " + prefix
               : "shared server left running, your databases kept (`devenv down --purge` drops them)";
}

}  // namespace

int run_down(const std::filesystem::path& config, const DownOptions& options, std::ostream&, std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "down", progress, options.runtime, Workspace::Schemas::Skip);
  const auto servers = workspace.servers(options.servers);
  std::vector<std::vector<std::string>> removed(servers.size());
  const auto errors = workspace.in_parallel(servers, [&](runtime::Server& server) {
    const auto index = static_cast<std::size_t>(std::find(servers.begin(), servers.end(), &server) - servers.begin());
    if (options.purge) {
      removed[index] = server.purge();
    } else {
      server.stop();
    }
  });
  int code = kOk;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const std::string& name = servers[i]->server().name;
    if (errors[i]) {
      err << "devenv: " << name << ": " << *errors[i] << "\n";
      code = kRuntime;
      continue;
    }
    for (const std::string& path : removed[i]) err << "removed " << path << "\n";
    err << name << ": " << outcome(*servers[i], options.purge) << "\n";
  }
  return code;
}

}  // namespace devenv::cli
