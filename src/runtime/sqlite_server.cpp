#include "runtime/sqlite_server.h"

#include <sqlite3.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <regex>
#include <set>

#include "config/table_reader.h"
#include "db/session.h"
#include "generator/output_files.h"
#include "runtime/owned_dir.h"
#include "runtime/sqlite_files.h"
#include "util/file.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"
#include "util/sha256.h"

namespace devenv::runtime {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

bool is_plain_file(const fs::path& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// The init file of each database of `server`: the planned ones, or (for commands that
// did not read the schema files) those build last wrote, initdb/<server>/NN-<key>-schema.sql.
std::map<std::string, std::string> init_scripts(const config::Config& config, const config::Server& server,
                                                const generator::ServerInit* init) {
  std::map<std::string, std::string> out;
  if (init) {
    for (const generator::GeneratedFile& file : init->files) {
      for (const std::string& database : file.databases) out[database] = file.content;
    }
    return out;
  }
  const fs::path dir = config.dir / "initdb" / server.name;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    for (const config::Database* database : config.databases_on(server.name)) {
      if (!std::regex_match(name, std::regex("[0-9]+-" + database->key + "-schema\\.sql"))) continue;
      const std::string content = util::read_file(entry.path()).value_or("");
      for (const std::string& database_name : database->names) out[database_name] = content;
    }
  }
  return out;
}

}  // namespace

SqliteServer::SqliteServer(const config::Config& config, const config::Server& server, std::string fingerprint,
                           const generator::ServerInit* init, Progress progress)
    : config_(config),
      server_(server),
      layout_(SqliteLayout::of(config, server)),
      fingerprint_(std::move(fingerprint)),
      progress_(std::move(progress)) {
  for (auto& [database, content] : init_scripts(config, server, init)) {
    const std::string sha256 = util::sha256_hex(content);
    scripts_[database] = {std::move(content), sha256};
  }
}

std::vector<std::string> SqliteServer::database_names() const {
  std::vector<std::string> names;
  for (const config::Database* database : config_.databases_on(server_.name)) {
    names.insert(names.end(), database->names.begin(), database->names.end());
  }
  return names;
}

const SqliteServer::Script& SqliteServer::script_of(const std::string& database) const {
  const auto found = scripts_.find(database);
  if (found == scripts_.end()) {
    throw util::RuntimeError("no init file for database " + database + " of server " + server_.name,
                             "run `devenv build`");
  }
  return found->second;
}

void SqliteServer::prepare_folders() const {
  make_owned_dirs(config_.project.state_dir, layout_.data_dir);
  make_owned_dirs(config_.project.state_dir, layout_.pristine_dir);
}

// What a command killed half way through making a file left behind.
void SqliteServer::remove_partial_files() const {
  for (const fs::path& dir : {layout_.data_dir, layout_.pristine_dir}) {
    std::error_code error;
    for (const fs::directory_entry& entry : fs::directory_iterator(dir, error)) {
      const std::string name = entry.path().filename().string();
      if (name.starts_with(".") && name.ends_with(".partial")) remove_owned_entry(entry.path());
    }
  }
}

void SqliteServer::make_partial(const std::string& database) {
  const Script& script = script_of(database);
  const fs::path partial = layout_.partial_file(database);
  const fs::path pristine = layout_.pristine_file(database, script.sha256);
  remove_owned_entry(partial);
  if (is_plain_file(pristine)) {
    copy_database_file(pristine, partial);
    return;
  }
  progress_("making " + engine::Engine::database_file_name(database) + " from its init file");
  make_database_file(partial, script.content);
  // Kept for the next reset; made under a partial name so a kill leaves no half copy.
  const fs::path staged = layout_.pristine_dir / ("." + pristine.filename().string() + ".partial");
  remove_owned_entry(staged);
  copy_database_file(partial, staged);
  rename_into_place(staged, pristine);
}

// Pristine copies of init files that are no longer current go; only files named as
// devenv names them.
void SqliteServer::remove_stale_pristine_copies() const {
  std::set<std::string> current;
  for (const auto& [database, script] : scripts_) {
    current.insert(layout_.pristine_file(database, script.sha256).filename().string());
  }
  static const std::regex named(".+-[0-9a-f]{16}\\.db");
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(layout_.pristine_dir, error)) {
    const std::string name = entry.path().filename().string();
    if (std::regex_match(name, named) && !current.contains(name)) remove_owned_entry(entry.path());
  }
}

// Saved as soon as each file is in place: an up or reset stopped between two files
// still knows what the first was made from.
void SqliteServer::note_made(ServerState& state, const std::string& database) const {
  std::map<std::string, std::string> files(state.init_files.begin(), state.init_files.end());
  files[database] = script_of(database).sha256;
  state.init_files.assign(files.begin(), files.end());
  state.save(layout_.state_file);
}

void SqliteServer::record(ServerState& state) const {
  state.phase = "ready";
  state.fingerprint = fingerprint_;
  state.version = sqlite3_libversion();
  state.data_dir = layout_.data_dir.string();
  state.resetting_databases.clear();
  state.save(layout_.state_file);
}

UpResult SqliteServer::result(const std::string& action, double seconds, bool schema_changed,
                              std::string detail) const {
  return {action, seconds, 0, sqlite3_libversion(), schema_changed, std::move(detail)};
}

ServerStatus SqliteServer::status() const {
  ServerStatus status;
  const ServerState state = ServerState::load(layout_.state_file);
  status.version = sqlite3_libversion();
  if (state.phase.empty()) return status;
  const std::map<std::string, std::string> made(state.init_files.begin(), state.init_files.end());
  std::vector<std::string> missing;
  for (const std::string& database : database_names()) {
    if (!is_plain_file(layout_.database_file(database))) missing.push_back(database);
    const auto script = scripts_.find(database);
    const auto recorded = made.find(database);
    if (script != scripts_.end() && (recorded == made.end() || recorded->second != script->second.sha256)) {
      status.schema_changed = true;
    }
  }
  status.health = missing.empty() && state.phase == "ready" ? Health::Running : Health::Crashed;
  if (!missing.empty())
    status.last_log_lines.push_back("missing: " + config::join_words(missing) + " (`devenv up` makes them)");
  if (state.phase == "resetting") status.last_log_lines.push_back("a reset did not finish (`devenv reset` does)");
  return status;
}

UpResult SqliteServer::up(bool reset_on_change, const ResetRequest& reset_request) {
  const auto started = Clock::now();
  prepare_folders();
  remove_partial_files();
  ServerState state = ServerState::load(layout_.state_file);
  if (state.phase == "resetting") {
    progress_("the last reset did not finish; finishing it");
    ResetRequest finish = reset_request;
    finish.only_changed = true;
    return reset(finish);
  }
  std::vector<std::string> missing;
  for (const std::string& database : database_names()) {
    if (!is_plain_file(layout_.database_file(database))) missing.push_back(database);
  }
  const bool schema_changed = status().schema_changed;
  if (missing.empty()) {
    if (schema_changed && reset_on_change) {
      progress_("schema changed since these files were made; resetting (--reset-on-change)");
      return reset(reset_request);
    }
    return result("ready", seconds_since(started), schema_changed);
  }
  for (const std::string& database : missing) {
    util::throw_if_interrupted();
    make_partial(database);
    replace_database_file(layout_.partial_file(database), layout_.database_file(database));
    note_made(state, database);
  }
  record(state);
  remove_stale_pristine_copies();
  return result(kInitialised, seconds_since(started), status().schema_changed, "made " + config::join_words(missing));
}

UpResult SqliteServer::reset(const ResetRequest& request) {
  const auto started = Clock::now();
  prepare_folders();
  remove_partial_files();
  ServerState state = ServerState::load(layout_.state_file);
  const std::map<std::string, std::string> made(state.init_files.begin(), state.init_files.end());
  const std::set<std::string> unfinished(state.resetting_databases.begin(), state.resetting_databases.end());
  std::vector<std::string> targets, kept;
  for (const std::string& database : database_names()) {
    const auto recorded = made.find(database);
    const bool changed = recorded == made.end() || recorded->second != script_of(database).sha256 ||
                         !is_plain_file(layout_.database_file(database)) || unfinished.contains(database);
    (changed || !request.only_changed ? targets : kept).push_back(database);
  }
  if (targets.empty()) {
    return result(kUnchanged, seconds_since(started), false, "every init file is as the files were made from");
  }
  state.phase = "resetting";
  state.resetting_databases = targets;
  state.save(layout_.state_file);
  for (const std::string& database : targets) {
    util::throw_if_interrupted();
    make_partial(database);
    swap_in_partial(database);
    note_made(state, database);
  }
  record(state);
  remove_stale_pristine_copies();
  std::string detail = "made " + config::join_words(targets) + " again";
  if (!kept.empty()) detail += "; kept " + config::join_words(kept) + " with their data";
  return result(kResetInPlace, seconds_since(started), false, detail);
}

void SqliteServer::swap_in_partial(const std::string& database) {
  const fs::path file = layout_.database_file(database);
  const std::vector<std::string> holders = processes_holding(file);
  replace_database_file(layout_.partial_file(database), file);
  if (!holders.empty()) {
    progress_(file.filename().string() + " was open in " + config::join_words(holders) +
              ": replaced atomically; open connections keep the old file until they reopen it, so restart "
              "it (a connection to a replaced file can delete the new file's -wal when it closes)");
  }
}

void SqliteServer::save_database_file(const std::string& database, const fs::path& to) const {
  const fs::path file = layout_.database_file(database);
  if (!is_plain_file(file)) {
    throw util::RuntimeError(file.string() + " does not exist", "`devenv up` makes the config's databases");
  }
  db::backup_sqlite(file.string(), to.string());
  sync_database_file(to);
}

void SqliteServer::restore_database_file(const std::string& database, const fs::path& from) {
  prepare_folders();
  remove_partial_files();
  copy_database_file(from, layout_.partial_file(database));
  swap_in_partial(database);
}

std::vector<std::string> SqliteServer::purge() {
  std::vector<std::string> removed;
  if (!is_owned_dir(layout_.root)) return removed;
  const ServerState state = ServerState::load(layout_.state_file);
  std::set<std::string> databases;
  for (const std::string& database : database_names()) databases.insert(database);
  for (const auto& [database, sha256] : state.init_files) databases.insert(database);
  if (is_owned_dir(layout_.data_dir)) {
    remove_partial_files();
    for (const std::string& database : databases) {
      for (std::string& path : remove_database_file(layout_.database_file(database))) removed.push_back(path);
    }
  }
  if (remove_owned_dir(layout_.pristine_dir)) removed.push_back(layout_.pristine_dir.string());
  if (unlink(layout_.state_file.c_str()) == 0) removed.push_back(layout_.state_file.string());
  remove_owned_dir_if_empty(layout_.data_dir);
  if (fs::exists(fs::symlink_status(layout_.data_dir))) {
    progress_("kept " + layout_.data_dir.string() + ": it holds files devenv did not make");
  }
  remove_owned_dir_if_empty(layout_.root);
  return removed;
}

db::Endpoint SqliteServer::tcp_endpoint() const {
  db::Endpoint endpoint;
  endpoint.socket = layout_.data_dir.string();
  endpoint.host.clear();
  return endpoint;
}

ProcessOptions SqliteServer::shell(const std::string& database, const config::User*) const {
  const fs::path file = layout_.database_file(database);
  // sqlite3 would make an empty file at a path that has none.
  if (!is_plain_file(file)) throw util::RuntimeError(file.string() + " does not exist", "run `devenv up`");
  return ProcessOptions({engine::Engine(engine::Engine::Kind::SQLite).client_program(), file.string()});
}

ProcessOptions SqliteServer::dump_database(const std::string& database) const {
  return ProcessOptions({"sqlite3", "-readonly", "-bail", layout_.database_file(database).string(), ".dump"});
}

ProcessOptions SqliteServer::load_database(const std::string& database) const {
  return ProcessOptions({"sqlite3", "-bail", layout_.database_file(database).string()});
}

LogCommand SqliteServer::logs(const LogRequest&) const {
  return {ProcessOptions({"echo", server_.name + " is SQLite: no server, so no log (its databases are files in " +
                                      layout_.data_dir.string() + ")"}),
          false};
}

}  // namespace devenv::runtime
