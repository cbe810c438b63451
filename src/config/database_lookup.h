#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"

namespace devenv::config {

// A key (main) or a database name (partition_002) → its logical database and the
// database name (a key means its first). Unknown: util::UsageError with a did-you-mean.
std::pair<const Database*, std::string> find_database(const Config& config, const std::string& wanted);

// The logical database one of whose sources is `file` (the same file, however the
// path is spelled); nullptr when none is.
const Database* database_with_source(const Config& config, const std::filesystem::path& file);

// The logical database `path` builds: one of its migration folders, one of its schema
// files, or a folder holding one of them; nullptr when none.
const Database* database_of_path(const Config& config, const std::filesystem::path& path);

// The database names meant by `wanted` (keys or names), by key: a key means all
// its names, a name just itself. Empty `wanted` means every database.
using DatabaseSelection = std::map<std::string, std::vector<std::string>>;
DatabaseSelection select_databases(const Config& config, const std::vector<std::string>& wanted);

}  // namespace devenv::config
