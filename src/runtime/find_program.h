#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace devenv::runtime {

// The first executable named `name` in `dirs`, then in PATH.
std::optional<std::filesystem::path> find_program(const std::string& name,
                                                  const std::vector<std::filesystem::path>& dirs);

// /usr/lib/postgresql/<version>/bin folders, newest first.
std::vector<std::filesystem::path> debian_postgres_bin_dirs();

}  // namespace devenv::runtime
