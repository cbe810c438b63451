#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace devenv::util {

// Copies the folder `from` to `to` (which must not exist) as `cp -a` would for a data
// dir: folders, regular files (cloned where the filesystem can, else copied in the
// kernel), symbolic links as links (never followed), owners and modes kept. On any
// failure it throws util::RuntimeError with one clear message (on a full disk: the
// filesystem, the bytes needed and free) and leaves the caller to delete `to`.
// `items`, when given, receives what was copied (the root itself left out), so that a
// caller checking the tree need not walk it again.
struct TreeItem {
  char type;            // 'f' regular file, 'd' folder, 'l' symbolic link
  std::uintmax_t size;  // files only
  std::string path;     // relative to `from`
};
void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to,
               std::vector<TreeItem>* items = nullptr);

// One regular file copied the same way to `to` (which must not exist); `from` must be a
// regular file, never a link. Throws util::RuntimeError as copy_tree does.
void copy_regular_file(const std::filesystem::path& from, const std::filesystem::path& to);

// The bytes of every regular file under `dir` (links not followed).
std::uintmax_t tree_size(const std::filesystem::path& dir);

}  // namespace devenv::util
