#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "runtime/process.h"

namespace devenv::runtime {

// devenv deletes only what it created. Every folder it creates holds a marker file;
// a folder without it is the user's, and devenv neither deletes in it nor (for the
// state dir) writes to it. No operation here follows a symbolic link: a link where
// devenv expects its own folder is an error.
inline constexpr const char* kOwnerMarker = ".devenv-owned";

// Whether `dir` is a real folder (not a link) holding the marker.
bool is_owned_dir(const std::filesystem::path& dir);

// Makes `dir` and any missing folders between `base` (exclusive; it must exist or
// be made by the caller) and it, marking each one it creates. An existing folder on
// the way must be devenv's: marked, inside a marked folder (made by a devenv from
// before the markers; it is then marked), or empty. Throws util::RuntimeError for a
// link on the way or a foreign non-empty folder.
void make_owned_dirs(const std::filesystem::path& base, const std::filesystem::path& dir);

// Deletes `entry` (a file or a whole folder) from an owned folder, never following a
// link: a link itself is removed, not its target. Does nothing when it is absent.
// Throws when `entry`'s parent is not devenv's.
void remove_owned_entry(const std::filesystem::path& entry);

// The same, renamed away first (to `<entry>.removing`, itself deleted first if an
// earlier run left it): a process killed while deleting leaves nothing half-deleted
// under the entry's own name, where it would be taken for whole.
void discard_owned_entry(const std::filesystem::path& entry);

// Deletes an owned folder with everything in it; a folder without the marker is
// left alone and reported false.
bool remove_owned_dir(const std::filesystem::path& dir);

// Deletes an owned folder that holds nothing but its marker.
void remove_owned_dir_if_empty(const std::filesystem::path& dir);

// The state dir: made (and marked) when missing; an existing one must be devenv's.
// One that has devenv's layout from a version before markers (a `lock` file, and
// otherwise only `snapshots/` and folders named after `servers`) is adopted. Any
// other non-empty folder is refused with util::UsageError naming it.
void claim_state_dir(const std::filesystem::path& state_dir, const std::vector<std::string>& servers);

// A folder in a place other users can write to (/dev/shm, /tmp, /var/tmp): made 0700
// for `owner` (nullopt: the current user) and marked; an existing one must be a real
// folder owned by that user with no group or other access, else util::RuntimeError,
// since another local user could have prepared it to redirect devenv's writes; its
// hint ends with `what_to_do`. An unmarked folder of that owner that nobody else can
// write to is taken over when `adopt_unmarked` (made by a devenv from before the
// markers), else only when it is empty.
void make_private_dir(const std::filesystem::path& dir, const std::optional<RunAs>& owner,
                      const std::string& what_to_do = "set project.data_on_tmpfs = false", bool adopt_unmarked = true);

}  // namespace devenv::runtime
