#include "config/schema_files.h"

#include <algorithm>

#include "config/config_error.h"

namespace devenv::config {

namespace fs = std::filesystem;

std::vector<fs::path> sql_files_in(const fs::path& folder) {
  std::vector<fs::path> files;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (entry.is_regular_file() && entry.path().extension() == ".sql") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::vector<fs::path> sql_files_at(const fs::path& path) {
  return fs::is_directory(path) ? sql_files_in(path) : std::vector<fs::path>{path};
}

std::vector<SchemaSource> schema_files(const fs::path& config_dir, const std::string& value, const std::string& schema,
                                       const SourceLocation& location) {
  const fs::path path = (config_dir / value).lexically_normal();
  const auto source_for = [&](const fs::path& file) {
    return SchemaSource{file, file.lexically_relative(config_dir).generic_string(), schema, std::nullopt};
  };
  std::error_code error;
  if (fs::is_directory(path, error)) {
    const std::vector<fs::path> files = sql_files_in(path);
    if (files.empty()) throw ConfigError(location.where, location.key, "folder " + value + " holds no .sql files");
    std::vector<SchemaSource> out;
    for (const fs::path& file : files) out.push_back(source_for(file));
    return out;
  }
  if (!fs::is_regular_file(path, error)) {
    throw ConfigError(location.where, location.key, "schema file " + value + " does not exist",
                      "paths are relative to the folder of " + location.config_name);
  }
  return {source_for(path)};
}

}  // namespace devenv::config
