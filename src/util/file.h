#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace devenv::util {

// A whole file's bytes; nullopt when it cannot be opened.
std::optional<std::string> read_file(const std::filesystem::path& path);

// Whether `path` itself is a symbolic link (never followed; false when it is missing).
bool is_link(const std::filesystem::path& path);

}  // namespace devenv::util
