#pragma once

#include <vector>

#include "cli/workspace.h"

namespace devenv::cli {

// A reset restores a whole data dir (or volume), so it also deletes databases a
// developer made on devenv's server (a scratch copy, a dump loaded to compare
// against). Unless `force`, stops with a UsageError (exit 2) listing them, before
// anything is touched. Servers that are not running hold nothing to lose here.
void refuse_to_reset_unmanaged(const Workspace& workspace, const std::vector<runtime::Server*>& servers, bool force);

}  // namespace devenv::cli
