#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/session.h"
#include "engine/engine.h"

namespace devenv::runtime {

// One thing devenv made on a shared server (docs/remote.md): a database or a user,
// under the prefix of the developer whose devenv made it; and one row per prefix,
// whose used_at says when that developer last ran devenv against the server.
struct RegistryEntry {
  std::string kind;             // "database", "user" or "prefix"
  std::string name;             // as on the server: alice_main; the prefix itself for "prefix"
  std::string prefix;           // alice_
  std::string fingerprint;      // database: what it was made from (RemoteScripts::fingerprint)
  std::string state;            // "initialising" until its init finished, then "ready"
  std::int64_t created_at = 0;  // the server's clock, seconds since 1970
  std::int64_t used_at = 0;
};

// Not `_devenv`, which a devenv-made server uses for its init fingerprint (and drops
// when it resets): the registry must outlive anything a local init does.
inline constexpr const char* kRegistrySchema = "_devenv_registry";
inline constexpr const char* kRegistryDatabase = "database";
inline constexpr const char* kRegistryUser = "user";
inline constexpr const char* kRegistryPrefix = "prefix";
inline constexpr const char* kInitialising = "initialising";
inline constexpr const char* kReady = "ready";

// The registry table `_devenv_registry`.`registry`: on the MySQL family in the
// database `_devenv_registry`, on PostgreSQL in the schema `_devenv_registry` of the
// admin's database (`postgres`). devenv drops or resets only what a row records under its own prefix;
// a database that has the prefix but no row is someone else's. Every call takes the
// session to run on, so that parallel workers each use their own.
class RemoteRegistry {
 public:
  explicit RemoteRegistry(engine::Engine engine) : engine_(engine) {}

  // Makes the table when it is missing (the first devenv on a server).
  void create(db::Session& admin) const;
  // One prefix's rows (never "": that throws), or every prefix's.
  std::vector<RegistryEntry> entries(db::Session& admin, const std::string& prefix) const;
  std::vector<RegistryEntry> all_entries(db::Session& admin) const;
  // Records `name` as being made (state initialising) by `prefix`; a row it had is
  // replaced, keeping created_at. A row of another prefix's is never changed: that
  // throws util::RuntimeError.
  void begin(db::Session& admin, const std::string& kind, const std::string& name, const std::string& prefix) const;
  // Both change only `prefix`'s row of `name`.
  void finish(db::Session& admin, const std::string& kind, const std::string& name, const std::string& prefix,
              const std::string& fingerprint) const;
  void forget(db::Session& admin, const std::string& kind, const std::string& name, const std::string& prefix) const;
  // The prefix's row: made, or its used_at set to now.
  void touch(db::Session& admin, const std::string& prefix) const;
  std::int64_t now(db::Session& admin) const;
  // Takes the server's lock of `prefix` for `admin`'s life (MySQL GET_LOCK, PostgreSQL
  // a session advisory lock: both go with the connection, so a kill -9 frees it):
  // false when another session holds it.
  bool try_lock(db::Session& admin, const std::string& prefix) const;

 private:
  std::string table() const;
  std::string row(const std::string& kind, const std::string& name, const std::string& prefix) const;
  std::vector<RegistryEntry> select(db::Session& admin, const std::string& where) const;
  std::string text(const std::string& value) const { return engine_.quote_string(value); }

  engine::Engine engine_;
};

}  // namespace devenv::runtime
