#pragma once

#include <cstdint>
#include <ctime>
#include <filesystem>
#include <string>
#include <vector>

#include "runtime/cache_settings.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

// A content-addressed cache of stopped servers' data dirs, as ccache is for object
// files: the key names everything that shaped the files (engine version, options,
// root credentials, the init scripts' bytes), so an entry is reused only where a new
// init would have made the same files. One per user and machine (cache_settings.h),
// shared by every project and clone:
//   <dir>/                   0700, devenv's marker; never entered through a link
//   <dir>/lock               flock: shared while an entry is read or added, exclusive
//                            while entries are evicted or cleared
//   <dir>/entries/<key>/     complete entries only: data/ (the data dir), manifest
//                            (every file and its size), used (its mtime: last use),
//                            init.log (the output of the init that made it)
//   <dir>/incoming/          entries being written (named after their writer), renamed
//                            into entries/ when complete, so half an entry is never seen
//   <dir>/trash/             entries on their way out
//   <dir>/counters           hits, misses, stores, evictions since the last clear
// Entries are evicted least recently used first when the cache outgrows its limit.
class DataDirCache {
 public:
  enum class Lookup { Hit, Missing, Damaged };

  struct Entry {
    std::string key;
    std::string description;
    std::uintmax_t bytes = 0;
    std::time_t last_used = 0;
    std::int64_t last_used_ns = 0;  // for the LRU order: several uses fall in one second
  };

  struct Report {
    std::filesystem::path dir;
    std::uintmax_t max_bytes = 0;
    std::vector<Entry> entries;  // most recently used first
    std::uintmax_t bytes = 0;
    std::uintmax_t hits = 0, misses = 0, stores = 0, evictions = 0;
    int unfinished = 0;  // being written now, or left by a killed devenv
  };

  explicit DataDirCache(CacheSettings settings);

  bool enabled() const { return settings_.enabled(); }
  const CacheSettings& settings() const { return settings_; }

  // Copies entry `key`'s data dir to `target` (which must not exist), and puts the
  // log stored with it in `log` when given. An entry whose files differ from its
  // manifest (truncated, deleted, replaced) is removed and reported Damaged; nothing
  // is copied then. Failing to write `target` throws util::RuntimeError, with
  // `target` removed.
  Lookup restore(const std::string& key, const std::filesystem::path& target, std::string* log = nullptr);

  // Adds a copy of `data_dir`, a stopped server's, as `key`, with the log of what made
  // it (`log`, if it exists: the init scripts' output, for `devenv logs --init`); an
  // entry another devenv added meanwhile is kept instead. Then evicts over the limit.
  // Throws util::RuntimeError (a full disk) with nothing half-made left under entries/.
  void store(const std::string& key, const std::filesystem::path& data_dir, const std::string& description,
             const std::filesystem::path& log = {});

  // Removes one entry (a server would not start from it).
  void remove(const std::string& key);

  Report report() const;
  // Empties the cache (entries still being written by a live devenv excepted) and
  // zeroes the counters. Returns the bytes freed.
  std::uintmax_t clear();

 private:
  std::filesystem::path root() const;  // made when missing; checked to be devenv's and private
  void evict_over_limit(const std::filesystem::path& root);
  void count(const char* counter) const;

  CacheSettings settings_;
};

// The cache folder cannot be used: a link, another user's, not private. Callers go
// on without the cache (and say why) rather than fail.
struct CacheUnusable : util::RuntimeError {
  using util::RuntimeError::RuntimeError;
};

// Whether key is one DataDirCache takes: letters, digits, '.', '-', '_'.
bool is_cache_key(const std::string& key);

}  // namespace devenv::runtime
