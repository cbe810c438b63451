#pragma once

#include <string>
#include <vector>

#include "catalog/differ.h"
#include "catalog/fix_sql.h"
#include "cli/progress.h"
#include "cli/workspace.h"

namespace devenv::cli {

// The differences of one server's databases.
struct ServerDifferences {
  const config::Server* server;
  std::vector<catalog::Difference> differences;
  catalog::ComparedModels models;  // by live database: what fix-up SQL plans from
  // Databases on the server the config does not declare, when they are not drift.
  std::vector<std::string> unmanaged;
  // SQLite: each live database's file that exists, for the fix-up SQL's .open.
  catalog::DatabaseFiles files;
};

// Runs verify::verify_server on every running server of the workspace that holds a
// selected database. `selected` holds keys (main, partition) or database names
// (partition_002); empty means all, and then databases the config does not declare
// and stale data dirs are reported too. `ignore` holds --ignore patterns, on top of
// the config's; migration tools' history tables are left out unless `include_history`.
// Databases the config does not declare are a developer's scratch copies or loaded
// dumps: listed in `unmanaged`, and drift only when `strict` (CI).
std::vector<ServerDifferences> verify_databases(const Workspace& workspace, const std::vector<std::string>& selected,
                                                ProgressPrinter& progress, const std::vector<std::string>& ignore = {},
                                                bool include_history = false, bool strict = false);

// All of them, in order.
std::vector<catalog::Difference> all_differences(const std::vector<ServerDifferences>& servers);

}  // namespace devenv::cli
