#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "migrations/tool.h"

namespace devenv::migrations {

// The tool a set of folders (absolute) is written for, judged from their files. All folders
// must agree. Throws MigrationError for a folder that does not exist, one that matches no
// tool (saying what was looked for), or folders that match different tools.
Tool detect_tool(const std::vector<std::filesystem::path>& folders);

// For a folder no config entry names (`devenv diff`, `dump --from`): its tool only when
// its files show one that a folder of schema files does not. sqlx's only sign, files
// named <integer>_<name>.sql, must then hold for every .sql file, so that schema files
// numbered by hand (01_tables.sql beside views.sql) stay schema files. nullopt otherwise.
std::optional<Tool> detect_tool_of_unnamed_folder(const std::filesystem::path& folder);

}  // namespace devenv::migrations
