#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace devenv::migrations {

// Regular files directly inside `folder` (links followed, as the tools' directory reads
// do), sorted by name so that every later step is deterministic.
std::vector<std::filesystem::path> files_in(const std::filesystem::path& folder);
// Regular files in `folder` and all its subfolders (Flyway scans a location's subfolders).
std::vector<std::filesystem::path> files_under(const std::filesystem::path& folder);
// The folders directly inside `folder`, sorted by name.
std::vector<std::filesystem::path> folders_in(const std::filesystem::path& folder);

// `path` relative to `base`, with `/`, for messages; the path itself when it has no such form.
std::string display_of(const std::filesystem::path& path, const std::filesystem::path& base);
// The file's bytes; MigrationError naming it when it cannot be read.
std::string file_text(const std::filesystem::path& path, const std::filesystem::path& base);

}  // namespace devenv::migrations
