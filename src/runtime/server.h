#pragma once

#include <sys/types.h>

#include <filesystem>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "config/config.h"
#include "db/endpoint.h"
#include "runtime/process.h"

namespace devenv::runtime {

enum class Health { NotInitialised, InitFailed, Stopped, Running, Crashed };
const char* health_name(Health health);

struct ServerStatus {
  Health health = Health::NotInitialised;
  std::string version;
  int port = 0;
  pid_t pid = 0;
  bool schema_changed = false;              // the data dir was made from other init files
  std::string failure;                      // why init failed
  std::vector<std::string> last_log_lines;  // when crashed or failed
};

inline constexpr const char* kInitialised = "initialised";
inline constexpr const char* kRestoredFromCache = "restored from cache";
inline constexpr const char* kResetInPlace = "reset in place";
inline constexpr const char* kUnchanged = "unchanged";  // a reset after a schema edit elsewhere

// What one `up` or `reset` did to a server.
struct UpResult {
  std::string action;  // "started", "already running", "initialised", "restored from cache", "reset in place"
  double seconds = 0;
  int port = 0;
  std::string version;
  bool schema_changed = false;
  // A reset in place: which databases it made again and which it kept
  // (describe_reset), for commands that report one line per server (watch).
  std::string detail;
};

using Progress = std::function<void(const std::string&)>;

class Server;

// What `reset` (and `up --reset-on-change`) asks of a server.
struct ResetRequest {
  // After a schema edit, only the databases whose schema changed are made again (in
  // place); the others keep their data. Else (or with --all-databases) every one is.
  bool only_changed = false;
  // Called before the whole data dir (or volume) is made again, which deletes the
  // databases the config does not declare too; throws to refuse.
  std::function<void(Server&)> before_replacing_data;
  // A shared server (runtime = "remote"): how many databases are made at once, each
  // on a connection of its own; 0 for the default (4).
  unsigned jobs = 0;
};

struct LogRequest {
  bool init = false;  // the log of the last init instead (native; compose's log holds both)
  unsigned lines = 100;
  bool follow = false;
  bool timestamps = false;
  bool prefixed = false;  // devenv prefixes each line with the server: the tool must not
};

struct LogCommand {
  ProcessOptions process;  // writes the log to its stdout
  // Its lines carry the server's own time stamps, which devenv moves to the front
  // for --timestamps (native); else the tool writes them itself (compose).
  bool stamps_from_lines = false;
};

// One server of the config, whichever runtime runs it (native processes or docker
// compose). Commands work through this and never ask which runtime it is.
class Server {
 public:
  virtual ~Server() = default;
  virtual const config::Server& server() const = 0;
  virtual ServerStatus status() const = 0;
  virtual UpResult up(bool reset_on_change, const ResetRequest& reset) = 0;
  virtual UpResult reset(const ResetRequest& request) = 0;
  // Whether a reset now would happen in place, inside the running server, leaving the
  // databases the config does not declare alone (else it replaces the data dir).
  virtual bool resets_in_place(const ResetRequest& request) const = 0;
  virtual void stop() = 0;
  virtual std::vector<std::string> purge() = 0;
  // A shared server's (runtime = "remote"): the prefix every database and user name
  // devenv made there starts with, this developer's; "" for the others.
  virtual std::string live_prefix() const { return ""; }
  // A shared server's: the databases its registry records under this developer's
  // prefix (only those are theirs; other names with the prefix may be another's).
  virtual std::vector<std::string> registered_databases() const { return {}; }
  // The host apps reach it on: a shared server's own, else 127.0.0.1.
  virtual std::string host() const { return "127.0.0.1"; }
  // Where status and summaries say it is (engine::Engine::address for local ones).
  virtual std::string address(int port) const { return server().engine.address(port); }
  // The port it runs on (or will), and root's way in over TCP.
  virtual int port() const = 0;
  virtual db::Endpoint tcp_endpoint() const = 0;
  // The engine's client on `database`, as `user` (nullptr: root).
  virtual ProcessOptions shell(const std::string& database, const config::User* user) const = 0;
  // The engine's dump tool writing `database` to its stdout, as root, the password in
  // its environment (engine::Engine::dump_command): a snapshot's dump.
  virtual ProcessOptions dump_database(const std::string& database) const = 0;
  // The engine's tool that loads such a dump from its stdin, as root
  // (engine::Engine::load_command: the MySQL family into `database`, PostgreSQL's
  // archive makes the database itself).
  virtual ProcessOptions load_database(const std::string& database) const = 0;
  // The command that shows the server's log (or its last init's).
  virtual LogCommand logs(const LogRequest& request) const = 0;

  // Engines whose databases are files (SQLite) are snapshotted as files instead of
  // through dump and load tools: a consistent copy of `database` written to `to`, and
  // `from` put in its place as a reset does (runtime/sqlite_server.h).
  virtual bool snapshots_copy_files() const { return false; }
  virtual void save_database_file(const std::string&, const std::filesystem::path&) const {
    throw std::logic_error("this server's databases are not files");
  }
  virtual void restore_database_file(const std::string&, const std::filesystem::path&) {
    throw std::logic_error("this server's databases are not files");
  }
};

}  // namespace devenv::runtime
