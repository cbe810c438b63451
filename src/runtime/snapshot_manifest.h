#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace devenv::runtime {

// One database kept in a snapshot: where it came from, the file its dump is in, and
// what its schema source was when it was saved (a restore onto another schema is
// refused unless forced: docs/snapshots.md).
struct SnapshotDatabase {
  std::string key;                 // the config's logical database (main, partition)
  std::string server;              // [servers.<name>]
  std::string engine;              // mariadb, mysql, postgres: a dump loads only into its own engine
  std::string database;            // the database name (partition_002)
  std::string schema_fingerprint;  // sha256 of the key's generated schema init file
  std::string file;                // the dump, relative to the snapshot's folder
  std::uintmax_t bytes = 0;        // the dump's size
  // MySQL family: SHOW CREATE DATABASE at save time (its charset and collation), used
  // when the database is missing at restore; PostgreSQL's archive carries its own.
  std::string creation;
};

// manifest.json of a snapshot: written last, so a folder without it is not a snapshot.
struct SnapshotManifest {
  std::string name;
  std::int64_t created = 0;  // seconds since the epoch (UTC)
  std::vector<SnapshotDatabase> databases;

  std::string to_json() const;
  // Throws util::RuntimeError naming `where` for text that is not a manifest.
  static SnapshotManifest from_json(const std::string& text, const std::string& where);
};

}  // namespace devenv::runtime
