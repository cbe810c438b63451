#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "db/session.h"
#include "generator/script_writer.h"
#include "runtime/server.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

// A reset in place is not possible after all (a database it must make again has
// neither a pristine copy nor a live original to take its settings from): thrown
// before anything was changed, so that the data dir is made again instead.
struct CannotResetInPlace : util::RuntimeError {
  using util::RuntimeError::RuntimeError;
};

// One engine's way of making databases again on a running server, as root, for a
// reset in place (runtime/reset_plan.h, docs/reset.md):
//   MariaDB/MySQL  drops a database; 00-init-databases.sql makes it again (its grants
//                  outlive a drop), then its schema file, each generated file in one
//                  session of devenv's own (a client process costs 25 ms a file);
//   PostgreSQL     keeps a pristine copy of each database in the same server
//                  (_devenv_tpl_<name>, no connections allowed) after the init, and
//                  makes the database again from it: DROP … WITH (FORCE), CREATE …
//                  TEMPLATE, then the owner, grants, settings and comment the copy
//                  keeps (a template carries none of them).
class DatabaseReset {
 public:
  virtual ~DatabaseReset() = default;
  virtual bool keeps_pristine_copies() const = 0;
  virtual bool reruns_init_databases() const = 0;
  // Those of `names` that have a pristine copy on the server.
  virtual std::set<std::string> pristine_copies(const std::vector<std::string>& names) = 0;
  // Reads what making `names` again from their files needs, before anything changes;
  // throws CannotResetInPlace when something is missing.
  virtual void prepare_rebuild(const std::vector<std::string>& names) = 0;
  // Drops `name` and makes it again from its pristine copy.
  virtual void restore_pristine(const std::string& name) = 0;
  // Drops `name` (and its pristine copy) and leaves what its schema file expects.
  virtual void clear(const std::string& name) = 0;
  // Runs a generated init file (the fingerprint file after forget_fingerprint).
  virtual void run_generated_file(const std::filesystem::path& file) = 0;
  virtual void forget_fingerprint() = 0;
  // After its files ran: keeps (or replaces) the pristine copy of `name`.
  virtual void keep_pristine(const std::string& name) = 0;
};

// How it reaches the server: `session` for devenv's own statements (root, on the
// native server's socket or over TCP to a container), and the engine's client for a
// file those sessions cannot run (another psql meta-command, COPY … FROM stdin) and
// for the user's own files: `run_with_client` runs one as the init ran it, and throws
// init_file_failure when it fails. `log` is where a failing file's output is.
struct ResetTarget {
  const config::Server* server = nullptr;
  db::Endpoint session;
  std::filesystem::path log;
  std::function<void(const std::filesystem::path&)> run_with_client;
  Progress progress;
};

// What both engines share: root's session, the script writer, generated files run
// through devenv's own sessions (else the engine's client), the fingerprint forgotten.
class SessionDatabaseReset : public DatabaseReset {
 public:
  void run_generated_file(const std::filesystem::path& file) override;
  void forget_fingerprint() override;

 protected:
  explicit SessionDatabaseReset(ResetTarget target);
  db::Session& admin();

  ResetTarget target_;
  std::unique_ptr<generator::ScriptWriter> writer_;

 private:
  std::unique_ptr<db::Session> admin_;
};

std::unique_ptr<DatabaseReset> make_mysql_database_reset(const ResetTarget& target);
std::unique_ptr<DatabaseReset> make_postgres_database_reset(const ResetTarget& target);
std::unique_ptr<DatabaseReset> make_database_reset(const ResetTarget& target);

// The name of the pristine copy of `database`: "_devenv_tpl_<name>", cut and hashed
// within the engine's longest name. The `_devenv` prefix keeps it out of every list of
// databases devenv shows (verify, unmanaged databases).
std::string pristine_copy_name(const std::string& database, const engine::Engine& engine);

}  // namespace devenv::runtime
