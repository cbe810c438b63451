#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "runtime/native_engine.h"

namespace devenv::runtime {

// The names under which a server's data dirs are cached (data_dir_cache.h), each a
// hash of everything that shapes the files, so that equal keys mean equal files:
//   bare  the engine's program and version, its data-dir options, the files' owner:
//         what mariadb-install-db or initdb alone makes
//   init  the bare key, root's credentials, charset, collation and settings, and
//         the bytes of every init file: the data dir after init
// Readable prefixes tell entries apart in `devenv cache stats`:
// "mariadb-10.11.14-init-<16 hex>".
struct DataDirKeys {
  std::string bare;
  std::string init;
  // Whether a data dir after init may be cached: not when the init depends on more
  // than the files' bytes: a `.sh` file (the environment, other files, the time), or
  // SQL that includes or loads other files (psql \i, \copy; mysql source; LOAD DATA,
  // COPY … FROM 'file', pg_read_file…).
  bool init_cacheable = false;
  // Every init file's name and the sha256 of its bytes, as they were read for `init`
  // (server_state.h records them: a reset in place re-runs only what changed).
  std::vector<std::pair<std::string, std::string>> files;
  // The init key without the files: the engine, root's credentials, charset, collation
  // and settings. A reset in place keeps the running server, so these must not change.
  std::string setup;
};

DataDirKeys data_dir_keys(const config::Server& server, const NativeEngine& engine, const std::string& version,
                          const std::filesystem::path& init_dir);

// The keys of a compose volume, which the image's init makes inside its container (no
// bare data dir, no cache): `setup` is the image, root's credentials, charset,
// collation and settings; `files` as above; `bare` and `init` empty.
DataDirKeys volume_keys(const config::Server& server, const std::filesystem::path& init_dir);

}  // namespace devenv::runtime
