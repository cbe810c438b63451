#pragma once

#include <string>
#include <vector>

#include "cli/progress.h"
#include "cli/workspace.h"
#include "schema/differ.h"

namespace devenv::cli {

// Compares the live databases with what their schema sources make, server by
// server: each logical database's sources are loaded once into a shadow database
// and inspected; every expanded partition is compared with that one expected model.
// `selected` holds keys (main, partition) or database names (partition_002); empty
// means all, and then databases the config does not declare are reported too. A data
// dir made from other init files is reported as a difference of kind "fingerprint".
struct ServerDifferences {
  const config::Server* server;
  std::vector<schema::Difference> differences;
};

std::vector<ServerDifferences> verify_databases(const Workspace& workspace, const std::vector<std::string>& selected,
                                                ProgressPrinter& progress);

// All of them, in order.
std::vector<schema::Difference> all_differences(const std::vector<ServerDifferences>& servers);

}  // namespace devenv::cli
