#include "runtime/owned_dir.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>

#include "util/runtime_error.h"
#include "util/usage_error.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

namespace {

constexpr const char* kMarkerText =
    "This folder was created by devenv. devenv deletes only inside folders that hold this file.\n";

std::optional<struct stat> link_status(const fs::path& path) {
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0) return std::nullopt;
  return info;
}

[[noreturn]] void refuse_link(const fs::path& path) {
  throw util::RuntimeError(path.string() + " is a symbolic link where devenv expects its own folder",
                           "devenv never follows links it did not make; remove the link (its target is untouched)");
}

void write_marker(const fs::path& dir) { std::ofstream(dir / kOwnerMarker, std::ios::trunc) << kMarkerText; }

bool is_empty_dir(const fs::path& dir) { return fs::is_empty(dir); }

// Makes one folder and marks it; an existing one must be ours or empty.
void make_owned_dir(const fs::path& dir) {
  const auto info = link_status(dir);
  if (info && S_ISLNK(info->st_mode)) refuse_link(dir);
  if (info && !S_ISDIR(info->st_mode)) {
    throw util::RuntimeError(dir.string() + " is a file where devenv expects its own folder", "move it away");
  }
  if (!info) {
    if (mkdir(dir.c_str(), 0755) != 0 && errno != EEXIST) {
      throw util::RuntimeError("cannot create " + dir.string() + ": " + std::strerror(errno));
    }
    write_marker(dir);
    return;
  }
  if (is_owned_dir(dir)) return;
  // Inside one of devenv's folders, at a path of its layout: made by a devenv from
  // before the markers. Elsewhere only an empty folder is taken over.
  if (!is_owned_dir(dir.parent_path()) && !is_empty_dir(dir)) {
    throw util::RuntimeError(dir.string() + " exists and was not created by devenv",
                             "devenv does not write into folders it does not own; move it away");
  }
  write_marker(dir);
}

// A state dir made by a devenv from before the markers: its lock file, and besides
// only snapshots/ and one folder per server.
bool has_old_devenv_layout(const fs::path& state_dir, const std::vector<std::string>& servers) {
  if (!fs::exists(state_dir / "lock")) return false;
  for (const fs::directory_entry& entry : fs::directory_iterator(state_dir)) {
    const std::string name = entry.path().filename().string();
    const bool known =
        name == "lock" || name == "snapshots" || std::find(servers.begin(), servers.end(), name) != servers.end();
    if (!known || entry.is_symlink()) return false;
  }
  return true;
}

}  // namespace

bool is_owned_dir(const fs::path& dir) {
  const auto info = link_status(dir);
  if (!info || !S_ISDIR(info->st_mode)) return false;
  const auto marker = link_status(dir / kOwnerMarker);
  return marker && S_ISREG(marker->st_mode);
}

void make_owned_dirs(const fs::path& base, const fs::path& dir) {
  const fs::path relative = dir.lexically_relative(base);
  if (relative.empty() || *relative.begin() == "..") {
    throw util::RuntimeError("internal: " + dir.string() + " is not inside " + base.string());
  }
  fs::path current = base;
  for (const fs::path& part : relative) {
    current /= part;
    make_owned_dir(current);
  }
}

void remove_owned_entry(const fs::path& entry) {
  const auto info = link_status(entry);
  if (!info) return;
  if (!is_owned_dir(entry.parent_path())) {
    throw util::RuntimeError("refusing to delete " + entry.string() + ": its folder was not created by devenv");
  }
  std::error_code error;
  fs::remove_all(entry, error);  // does not follow links: a link is removed, not its target
  if (error) throw util::RuntimeError("cannot delete " + entry.string() + ": " + error.message());
}

void discard_owned_entry(const fs::path& entry) {
  const fs::path doomed = entry.string() + ".removing";
  remove_owned_entry(doomed);
  if (!link_status(entry)) return;
  if (!is_owned_dir(entry.parent_path())) {
    throw util::RuntimeError("refusing to delete " + entry.string() + ": its folder was not created by devenv");
  }
  fs::rename(entry, doomed);
  remove_owned_entry(doomed);
}

bool remove_owned_dir(const fs::path& dir) {
  if (!is_owned_dir(dir)) return false;
  std::error_code error;
  fs::remove_all(dir, error);
  if (error) throw util::RuntimeError("cannot delete " + dir.string() + ": " + error.message());
  return true;
}

void remove_owned_dir_if_empty(const fs::path& dir) {
  if (!is_owned_dir(dir)) return;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) {
    if (entry.path().filename() != kOwnerMarker) return;
  }
  remove_owned_dir(dir);
}

void claim_state_dir(const fs::path& state_dir, const std::vector<std::string>& servers) {
  const auto info = link_status(state_dir);
  if (info && S_ISLNK(info->st_mode)) refuse_link(state_dir);
  if (!info) {
    fs::create_directories(state_dir.parent_path());
    make_owned_dir(state_dir);
    return;
  }
  if (is_owned_dir(state_dir)) return;
  if (S_ISDIR(info->st_mode) && is_empty_dir(state_dir)) return write_marker(state_dir);
  if (S_ISDIR(info->st_mode) && has_old_devenv_layout(state_dir, servers)) return write_marker(state_dir);
  throw util::UsageError("project.state_dir " + state_dir.string() +
                         " is a folder devenv did not create, and devenv deletes what it keeps there; "
                         "set project.state_dir to a new folder (default .devenv)");
}

void make_private_dir(const fs::path& dir, const std::optional<RunAs>& owner, const std::string& what_to_do,
                      bool adopt_unmarked) {
  const uid_t uid = owner ? owner->uid : geteuid();
  if (mkdir(dir.c_str(), 0700) == 0) {
    if (owner && chown(dir.c_str(), owner->uid, owner->gid) != 0) {
      throw util::RuntimeError("cannot give " + dir.string() + " to user " + owner->name);
    }
    write_marker(dir);
    return;
  }
  if (errno != EEXIST) throw util::RuntimeError("cannot create " + dir.string() + ": " + std::strerror(errno));
  const auto info = link_status(dir);
  // Made by a devenv from before markers: the same owner, and nobody else could write
  // in it. Adopt it: private from now on.
  if (info && S_ISDIR(info->st_mode) && info->st_uid == uid && (info->st_mode & 022) == 0 && !is_owned_dir(dir) &&
      (adopt_unmarked || is_empty_dir(dir))) {
    chmod(dir.c_str(), 0700);
    write_marker(dir);
    return;
  }
  if (!info || S_ISLNK(info->st_mode) || !S_ISDIR(info->st_mode) || info->st_uid != uid || (info->st_mode & 077) != 0 ||
      !is_owned_dir(dir)) {
    throw util::RuntimeError(
        dir.string() +
            " exists but is not a private folder of devenv's (it must be a folder "
            "owned by uid " +
            std::to_string(uid) + " with mode 0700 and devenv's marker)",
        "another local user may have made it to redirect devenv's writes; remove it as root, or " + what_to_do);
  }
}

}  // namespace devenv::runtime
