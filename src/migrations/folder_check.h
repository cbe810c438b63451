#pragma once

#include <filesystem>

namespace devenv::migrations {

// Throws MigrationError unless `folder` is an existing directory.
void check_folder(const std::filesystem::path& folder);

}  // namespace devenv::migrations
