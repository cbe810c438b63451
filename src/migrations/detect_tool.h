#pragma once

#include <filesystem>
#include <vector>

#include "migrations/tool.h"

namespace devenv::migrations {

// The tool a set of folders (absolute) is written for, judged from their files. All folders
// must agree. Throws MigrationError for a folder that does not exist, one that matches no
// tool (saying what was looked for), or folders that match different tools.
Tool detect_tool(const std::vector<std::filesystem::path>& folders);

}  // namespace devenv::migrations
