#include <algorithm>
#include <functional>
#include <ostream>

#include "catalog/render.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/server_summary.h"
#include "cli/unmanaged_databases.h"
#include "cli/verification.h"
#include "cli/workspace.h"
#include "generator/output_files.h"
#include "runtime/cache_settings.h"
#include "util/interrupt.h"

namespace devenv::cli {

namespace {

using Action = std::function<runtime::UpResult(runtime::Server&, const runtime::ResetRequest&)>;

// A reset in place leaves databases the config does not declare alone; one that makes
// the data dir again deletes them: it is refused (exit 2, before anything is touched)
// for the servers that will, and checked again for one that turns out to.
// After a schema edit on any of the servers, a reset in place makes only the edited
// databases again (up --reset-on-change resets only edited servers anyway).
runtime::ResetRequest reset_request(const Workspace& workspace, const std::vector<runtime::Server*>& servers,
                                    const ResetOptions& options, bool resets, const std::string& command) {
  runtime::ResetRequest request;
  request.jobs = options.jobs;
  if (!resets) return request;
  if (!options.all_databases) {
    request.only_changed = command == "up";
    for (runtime::Server* server : servers) {
      if (!request.only_changed && server->resets_in_place(request) && server->status().schema_changed) {
        request.only_changed = true;
      }
    }
  }
  if (options.force) return request;
  std::vector<runtime::Server*> replaced;
  for (runtime::Server* server : servers) {
    if (!server->resets_in_place(request)) replaced.push_back(server);
  }
  refuse_to_reset_unmanaged(workspace, replaced, false);
  request.before_replacing_data = [&workspace, replaced](runtime::Server& server) {
    if (std::find(replaced.begin(), replaced.end(), &server) == replaced.end()) {
      refuse_to_reset_unmanaged(workspace, {&server}, false);
    }
  };
  return request;
}

// up and reset end by proving the databases match their schema files.
int verify_after(const Workspace& workspace, ProgressPrinter& progress, std::ostream& out) {
  const std::vector<catalog::Difference> differences = all_differences(verify_databases(workspace, {}, progress));
  if (differences.empty()) {
    out << "\nschemas match\n";
    return kOk;
  }
  out << "\nthe databases differ from the schema files:\n";
  catalog::render_text(out, differences, false);
  out << catalog::sign_legend(catalog::FixDirection::ActualToExpected) << "\n";
  return kDrift;
}

// up and reset: rebuild stale init files, act on each server in parallel, then the summary.
// `resets`: the action may throw data away (reset, up --reset-on-change).
// Whether every server was just initialised from init files devenv generated from the
// schema files: their databases then match them by construction, and verifying would
// only repeat the init in shadow databases. A file of the user's in initdb/ (a seed,
// a script) may make anything, so it keeps the verify.
bool made_from_schema_files(const Workspace& workspace, const std::vector<runtime::Server*>& servers,
                            const std::vector<runtime::UpResult>& results) {
  if (results.empty()) return false;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const std::string& action = results[i].action;
    if (action != runtime::kInitialised && action != runtime::kRestoredFromCache) return false;
    const std::filesystem::path init_dir = workspace.config().dir / "initdb" / servers[i]->server().name;
    if (!generator::holds_only_generated_files(init_dir)) return false;
  }
  return true;
}

int bring_up(const std::filesystem::path& config, const ResetOptions& options, const std::string& command, bool resets,
             bool verify, std::ostream& out, std::ostream& err, const Action& action) {
  const std::vector<std::string>& names = options.servers;
  runtime::cache_settings_from_environment();  // a bad DEVENV_CACHE_MAX_SIZE: exit 2 before any work
  ProgressPrinter progress(err);
  Workspace workspace(config, command, progress, options.runtime);
  util::catch_interrupts();  // Ctrl-C stops an init server and undoes its data dir before exiting
  workspace.rebuild_if_stale();
  const auto servers = workspace.servers(names);
  const runtime::ResetRequest request = reset_request(workspace, servers, options, resets, command);
  std::vector<runtime::UpResult> results(servers.size());
  const auto errors = workspace.in_parallel(servers, [&](runtime::Server& server) {
    const auto index = static_cast<std::size_t>(std::find(servers.begin(), servers.end(), &server) - servers.begin());
    results[index] = action(server, request);
  });
  print_summary(out, workspace.config(), servers, results, errors);
  warn_schema_changed(err, servers, results, workspace.runtime() == "compose" ? "volume" : "data dir");
  int code = kOk;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    if (errors[i]) {
      err << "devenv: " << servers[i]->server().name << ": " << *errors[i] << "\n";
      code = kRuntime;
    }
  }
  // `up` proves what runs matches the schema files, unless it has just made every
  // data dir from them. `reset` always has, and it must stay fast.
  if (code != kOk || !names.empty() || command != "up") return code;
  if (!verify && made_from_schema_files(workspace, servers, results)) {
    out << "\nfresh from the init files (`devenv verify` or `up --verify` proves it)\n";
    return kOk;
  }
  return verify_after(workspace, progress, out);
}

}  // namespace

int run_up(const std::filesystem::path& config, const UpOptions& options, std::ostream& out, std::ostream& err) {
  return bring_up(config, options, "up", options.reset_on_change, options.verify, out, err,
                  [&](runtime::Server& server, const runtime::ResetRequest& request) {
                    return server.up(options.reset_on_change, request);
                  });
}

int run_reset(const std::filesystem::path& config, const ResetOptions& options, std::ostream& out, std::ostream& err) {
  return bring_up(config, options, "reset", true, false, out, err,
                  [](runtime::Server& server, const runtime::ResetRequest& request) { return server.reset(request); });
}

}  // namespace devenv::cli
