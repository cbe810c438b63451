#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace devenv::runtime {

// The files of one SQLite database: `<name>.db` and the side files SQLite keeps beside
// it while it is open or mid-write (-wal, -shm, -journal). They belong together: a
// database copied, replaced or deleted without them is a different database (a stale
// -wal beside a new file would be replayed into it).
std::vector<std::filesystem::path> side_files(const std::filesystem::path& database);

// Makes `target` (which must not exist) by running `script` in a new database file.
// Throws util::RuntimeError with SQLite's message when a statement fails; the partial
// file is then removed.
void make_database_file(const std::filesystem::path& target, const std::string& script);

// Copies a closed database file byte for byte to `target` (which must not exist),
// never through a symbolic link at either end.
void copy_database_file(const std::filesystem::path& from, const std::filesystem::path& target);

// Puts `made` (a complete database file in the same folder) in place of `database` by
// rename, which is atomic: a process that opens the path sees the old file or the new
// one, never half of either. The old file's side files go first. A process that has the
// old file open keeps it (and its side files) until it closes it.
void replace_database_file(const std::filesystem::path& made, const std::filesystem::path& database);

// Flushes a file to the disk (one written without syncing, before it is relied on).
void sync_database_file(const std::filesystem::path& file);

// rename(2), which replaces `to` atomically (a link at `to` itself, never its target).
void rename_into_place(const std::filesystem::path& from, const std::filesystem::path& to);

// Deletes a database file and its side files (links themselves, never their targets).
// Returns what it removed.
std::vector<std::string> remove_database_file(const std::filesystem::path& database);

// The processes that have `file` open, as "pid 123 (python3)", other than this one:
// found in /proc/<pid>/fd. Processes of other users are seen only by root.
std::vector<std::string> processes_holding(const std::filesystem::path& file);

}  // namespace devenv::runtime
