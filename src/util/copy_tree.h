#pragma once

#include <cstdint>
#include <filesystem>

namespace devenv::util {

// Copies the folder `from` to `to` (which must not exist) as `cp -a` would for a data
// dir: folders, regular files (cloned where the filesystem can, else copied in the
// kernel), symbolic links as links (never followed), owners and modes kept. On any
// failure it throws util::RuntimeError with one clear message (on a full disk: the
// filesystem, the bytes needed and free) and leaves the caller to delete `to`.
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to);

// The bytes of every regular file under `dir` (links not followed).
std::uintmax_t tree_size(const std::filesystem::path& dir);

}  // namespace devenv::util
