#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.h"

namespace devenv::config {

// Where a `source` value sits in config.toml, for errors about it.
struct SourceLocation {
  std::string where;        // file:line:col
  std::string key;          // databases[0].source
  std::string config_name;  // config.toml as the user named it
};

// A folder's regular *.sql files, in name order: the order they are applied in.
std::vector<std::filesystem::path> sql_files_in(const std::filesystem::path& folder);

// What a path names as schema files: the file itself, or a folder's .sql files as
// sql_files_in reads them (`devenv diff` of a file or folder).
std::vector<std::filesystem::path> sql_files_at(const std::filesystem::path& path);

// The schema files a `source` value names, relative to the config's folder: the
// file itself, or a folder's *.sql files in name order (the order they are applied
// in). A missing file or a folder without .sql files is a ConfigError at `location`.
std::vector<SchemaSource> schema_files(const std::filesystem::path& config_dir, const std::string& value,
                                       const std::string& schema, const SourceLocation& location);

}  // namespace devenv::config
