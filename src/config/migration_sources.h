#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "config/config.h"

namespace devenv::config {

// The migration files of `settings`' folders as sources, in the order the tool applies
// them, each carrying its tool (generator/compiled_source.cpp takes its Up part).
// Fills in settings.tool when it was detected. An unknown `migration_tool` is a
// ConfigError at `key`; the folders' own errors (migrations/read_migrations.h) name files.
std::vector<SchemaSource> migration_sources(MigrationSettings& settings, const std::filesystem::path& config_dir,
                                            const std::string& schema, const std::string& key);

}  // namespace devenv::config
