#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/snapshot_manifest.h"

namespace devenv::runtime {

// A snapshot name: letters, digits, '.', '_' and '-', not starting with '.' or '-' (the
// store's own folders start with '.'; a '-' would read as an option), at most 64
// characters. Throws util::UsageError saying so.
void check_snapshot_name(const std::string& name);

struct SnapshotSummary {
  SnapshotManifest manifest;
  std::uintmax_t bytes = 0;  // every file of its folder
};

// The named snapshots of a project's dev data: <state dir>/data-snapshots/<name>/, a
// folder of devenv's (owned_dir.h) with one dump per database and manifest.json.
// (Not <state dir>/snapshots/: devenv versions before the init cache kept per-server
// copies there, which `down --purge` deletes.)
//
// Nothing half-made ever carries a snapshot's name: a save fills a hidden folder
// (.saving-<name>-<random>) and renames it into place when complete; a replace renames
// the old one away (.replaced-…) before and deletes it after; rm renames it away
// (.removing-…) before deleting. clean_leftovers() undoes what a killed devenv left.
// The caller holds the state-dir lock, so no other devenv is half-way meanwhile.
class SnapshotStore {
 public:
  explicit SnapshotStore(const std::filesystem::path& state_dir);

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path folder(const std::string& name) const { return root_ / name; }
  // A complete snapshot of devenv's by that name.
  bool exists(const std::string& name) const;

  // Deletes the hidden folders of an interrupted save or rm, and puts back a snapshot
  // whose replacement never arrived. Only folders devenv marked; returns a line for
  // each thing it did.
  std::vector<std::string> clean_leftovers();

  // A new empty, hidden folder to save `name` into.
  std::filesystem::path begin_save(const std::string& name);
  // Writes the manifest into `draft` and renames it to the manifest's name. An existing
  // snapshot of that name is an error (util::UsageError) unless `replace`.
  void commit(const std::filesystem::path& draft, const SnapshotManifest& manifest, bool replace);
  void discard(const std::filesystem::path& draft);

  // util::UsageError when there is none by that name; util::RuntimeError for a folder
  // by that name that devenv did not make, or a link.
  SnapshotManifest read(const std::string& name) const;
  std::vector<SnapshotSummary> list() const;  // by name
  void remove(const std::string& name);

 private:
  void check_root() const;
  void check_own_snapshot(const std::string& name) const;
  std::filesystem::path hidden(const std::string& kind, const std::string& name) const;

  std::filesystem::path state_dir_;
  std::filesystem::path root_;
};

}  // namespace devenv::runtime
