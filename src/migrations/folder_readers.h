#pragma once

// One reader per tool: the migrations of one folder as the tool finds them, appended to
// `set` (read_migrations then merges the folders and checks versions across them). Each
// reader skips what its tool skips and throws MigrationError (a name) or
// sqltext::SourceError (a place in a file) where its tool would refuse the folder.

#include <filesystem>

#include "migrations/migration.h"

namespace devenv::migrations {

using FolderReader = void (*)(const std::filesystem::path& folder, const std::filesystem::path& base,
                              MigrationSet& set);

void read_sqlx_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set);
void read_goose_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set);
void read_golang_migrate_folder(const std::filesystem::path& folder, const std::filesystem::path& base,
                                MigrationSet& set);
void read_drizzle_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set);
void read_dbmate_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set);
void read_flyway_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set);
void read_atlas_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set);

FolderReader folder_reader(Tool tool);

}  // namespace devenv::migrations
