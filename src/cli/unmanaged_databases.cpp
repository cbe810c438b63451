#include "cli/unmanaged_databases.h"

#include <algorithm>
#include <future>

#include "catalog/inspector.h"
#include "db/session.h"
#include "util/usage_error.h"

namespace devenv::cli {

namespace {

// The databases on a running server that the config does not declare.
std::vector<std::string> unmanaged_on(const config::Config& config, runtime::Server& server) {
  const config::Server& settings = server.server();
  std::vector<std::string> declared;
  for (const config::Database* database : config.databases_on(settings.name)) {
    declared.insert(declared.end(), database->names.begin(), database->names.end());
  }
  std::vector<std::string> unmanaged;
  // Not server_connect: a server halfway through a reset in place is not "running".
  const auto inspector =
      catalog::make_inspector(settings.engine.dialect(), db::connector(settings.engine, server.tcp_endpoint()));
  for (const std::string& name : inspector->databases()) {
    if (std::find(declared.begin(), declared.end(), name) == declared.end()) unmanaged.push_back(name);
  }
  return unmanaged;
}

}  // namespace

// Each server asked on its own thread: with compose, a status costs docker calls and
// logins, and a reset should not wait for them one after the other.
void refuse_to_reset_unmanaged(const Workspace& workspace, const std::vector<runtime::Server*>& servers, bool force) {
  if (force) return;
  std::vector<std::future<std::string>> lists;
  for (runtime::Server* server : servers) {
    lists.push_back(std::async(std::launch::async, [&workspace, server] {
      // A server halfway through a reset in place runs too (its status says so).
      const runtime::ServerStatus status = server->status();
      std::string found;
      if (status.health != runtime::Health::Running && status.pid == 0) return found;
      try {
        for (const std::string& name : unmanaged_on(workspace.config(), *server)) {
          found += "\n  " + server->server().name + ": " + name;
        }
      } catch (const db::DbError& e) {  // e.g. root's password changed in the config since init
        throw util::UsageError("cannot list the databases on server " + server->server().name +
                               " before resetting it (" + e.what() + ")\nrerun with --force to reset it anyway");
      }
      return found;
    }));
  }
  std::string found;
  for (auto& list : lists) found += list.get();  // the first error, in server order
  if (found.empty()) return;
  throw util::UsageError("a reset would delete databases that the config does not declare:" + found +
                         "\nkeep them first (e.g. `mariadb-dump` / `pg_dump`), or rerun with --force to delete them");
}

}  // namespace devenv::cli
