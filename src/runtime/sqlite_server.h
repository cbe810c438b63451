#pragma once

#include <map>
#include <string>
#include <vector>

#include "config/config.h"
#include "generator/init_plan.h"
#include "runtime/server.h"
#include "runtime/server_state.h"
#include "runtime/sqlite_layout.h"

namespace devenv::runtime {

// A SQLite "server": a folder of database files (sqlite_layout.h), one per database of
// the config, each made by running its init file (initdb/<server>/NN-<key>-schema.sql)
// through the SQLite library. No process: up makes missing files, reset puts fresh
// copies in place by rename, down has nothing to stop. The same on the native and
// compose runtimes: the files are on this machine either way.
class SqliteServer final : public Server {
 public:
  // `init`: the init files of the current config (nullptr when the command did not read
  // the schema files: nothing can be made then).
  SqliteServer(const config::Config& config, const config::Server& server, std::string fingerprint,
               const generator::ServerInit* init, Progress progress);

  const config::Server& server() const override { return server_; }
  const SqliteLayout& layout() const { return layout_; }

  ServerStatus status() const override;
  // Makes the files that are missing (from their pristine copy when the init file is
  // the same); keeps those that exist, saying when their init file changed since.
  UpResult up(bool reset_on_change, const ResetRequest& reset) override;
  // Puts a fresh copy of each database in place (only those whose init file changed,
  // when asked), atomically, naming the processes that still have the old file open.
  UpResult reset(const ResetRequest& request) override;
  bool resets_in_place(const ResetRequest&) const override { return true; }
  void stop() override {}
  std::vector<std::string> purge() override;

  int port() const override { return 0; }
  // No address: `socket` is the folder of the files (db::connect opens <socket>/<name>.db).
  db::Endpoint tcp_endpoint() const override;
  ProcessOptions shell(const std::string& database, const config::User* user) const override;
  ProcessOptions dump_database(const std::string& database) const override;
  ProcessOptions load_database(const std::string& database) const override;
  LogCommand logs(const LogRequest& request) const override;
  bool snapshots_copy_files() const override { return true; }
  // SQLite's online backup: a consistent copy while apps write (a -wal's content included).
  void save_database_file(const std::string& database, const std::filesystem::path& to) const override;
  // Copied in beside the database, then renamed over it, as a reset does.
  void restore_database_file(const std::string& database, const std::filesystem::path& from) override;

 private:
  struct Script {
    std::string content;
    std::string sha256;
  };

  const Script& script_of(const std::string& database) const;
  std::vector<std::string> database_names() const;
  void prepare_folders() const;
  void remove_partial_files() const;
  // A complete file for `database` at its partial path, from the pristine copy or the
  // init file (then kept as the pristine copy).
  void make_partial(const std::string& database);
  // Renames the partial file of `database` over it, saying who keeps the old file.
  void swap_in_partial(const std::string& database);
  void remove_stale_pristine_copies() const;
  void note_made(ServerState& state, const std::string& database) const;
  void record(ServerState& state) const;  // every database made: ready
  UpResult result(const std::string& action, double seconds, bool schema_changed, std::string detail = {}) const;

  const config::Config& config_;
  config::Server server_;
  SqliteLayout layout_;
  std::string fingerprint_;
  std::map<std::string, Script> scripts_;  // by database name; empty without init files
  Progress progress_;
};

}  // namespace devenv::runtime
