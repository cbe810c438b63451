#pragma once

#include <filesystem>
#include <string>

namespace devenv::adopt {

// The two ways `devenv init` writes, neither through a symbolic link: it writes only
// files it makes, and config.toml only when asked to replace it.

// Writes `content` to `path` (a file under `root`, given relative to it) only if no file
// is there; missing folders are made. Throws util::UsageError when a link is in the
// way or the file exists, util::RuntimeError when it cannot be written.
void write_new_file(const std::filesystem::path& root, const std::string& path, const std::string& content);

// Writes config.toml whole or not at all: to a temporary name beside it, then linked
// into place (only if no file is there) or, with `replace`, renamed over the old one.
// Throws util::UsageError when it exists and `replace` is false or it is a link or a
// folder, util::RuntimeError when it cannot be written.
void write_config_file(const std::filesystem::path& path, const std::string& content, bool replace);

}  // namespace devenv::adopt
