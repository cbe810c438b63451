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
std::vector<schema::Difference> verify_databases(const Workspace& workspace, const std::vector<std::string>& selected,
                                                 ProgressPrinter& progress);

}  // namespace devenv::cli
