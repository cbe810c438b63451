#include <algorithm>
#include <ostream>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "config/database_lookup.h"
#include "runtime/process.h"

namespace devenv::cli {

namespace {

const config::User* user_for(const config::Config& config, const config::Database& database, bool root,
                             const std::optional<std::string>& wanted) {
  if (root) return nullptr;
  for (const config::User& user : config.users) {
    const auto& keys = user.database_keys;
    const bool granted = std::find(keys.begin(), keys.end(), database.key) != keys.end();
    if (user.server == database.server && (wanted ? user.name == *wanted : granted)) return &user;
  }
  if (wanted) throw UsageError("no user '" + *wanted + "' on server " + database.server + " in the config");
  return nullptr;  // nobody is granted it: root
}

}  // namespace

int run_shell(const std::filesystem::path& config, const ShellOptions& options, std::ostream&, std::ostream& err) {
  runtime::ProcessOptions client;
  {
    ProgressPrinter progress(err);
    Workspace workspace(config, "shell", progress, options.runtime, Workspace::Schemas::Skip);
    const auto [database, name] = find_database(workspace.config(), options.database);
    runtime::Server& server = workspace.server(database->server);
    if (server.status().health != runtime::Health::Running) {
      err << "devenv: server " << database->server << " is not running; start it with `devenv up`\n";
      return kRuntime;
    }
    client = server.shell(name, user_for(workspace.config(), *database, options.root, options.user));
  }
  runtime::exec_replace(client);
}

}  // namespace devenv::cli
