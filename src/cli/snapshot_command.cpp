// `devenv snapshot save|restore|list|rm`: named copies of the dev data, made with the
// engine's own dump tools through runtime::Server (either runtime), kept in the
// state dir by runtime::SnapshotStore (docs/snapshots.md).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <ctime>
#include <filesystem>
#include <map>
#include <ostream>
#include <set>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/schema_fingerprint.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "config/database_lookup.h"
#include "db/session.h"
#include "runtime/cache_settings.h"
#include "runtime/database_replacement.h"
#include "runtime/snapshot_store.h"
#include "util/file.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"

namespace devenv::cli {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string seconds_text(double seconds) { return fmt::format("{:.2f} s", seconds); }

// A dump is often a few KiB: finer than the init cache's whole MiB.
std::string size_text(std::uintmax_t bytes) {
  if (bytes < 1024) return std::to_string(bytes) + " B";
  if (bytes < (std::uintmax_t(1) << 20)) return fmt::format("{:.1f} KiB", static_cast<double>(bytes) / 1024);
  if (bytes < (std::uintmax_t(1) << 30)) return fmt::format("{:.1f} MiB", static_cast<double>(bytes) / (1 << 20));
  return runtime::byte_size_text(bytes);
}

// Usage errors before anything is touched: which arguments each action takes.
void check_arguments(const SnapshotOptions& options) {
  const std::string& action = options.action;
  const bool named = action != "list";
  if (named && options.name.empty()) throw UsageError("`devenv snapshot " + action + "` needs a NAME");
  if (!named && !options.name.empty()) throw UsageError("`devenv snapshot list` takes no NAME");
  if (action != "save" && !options.databases.empty()) {
    throw UsageError("only `devenv snapshot save` takes DATABASE names; a restore brings back what the snapshot holds");
  }
  if (options.force && action != "save" && action != "restore") {
    throw UsageError("--force is for save (replace a snapshot) and restore (onto a changed schema)");
  }
  if (options.format != "text" && action != "list") throw UsageError("--format is for `devenv snapshot list`");
  if (named) runtime::check_snapshot_name(options.name);
}

// Checked for every server a save or restore involves, before anything is touched.
// A shared server's databases carry a prefix the dump and restore steps do not map:
// refused (a restore would clear the unprefixed name first).
void require_running(runtime::Server& server) {
  if (!server.live_prefix().empty()) {
    throw UsageError("server " + server.server().name +
                     " is a shared server (runtime = \"remote\"): snapshots copy local servers' data only; "
                     "`devenv reset " +
                     server.server().name + "` makes your databases there again");
  }
  if (server.status().health == runtime::Health::Running) return;
  throw util::RuntimeError("server " + server.server().name + " is not running; snapshots are made and restored by it",
                           "run `devenv up`");
}

std::unique_ptr<db::Session> root_session(const runtime::Server& server) {
  return db::connect(server.server().engine.dialect(), server.tcp_endpoint());
}

// NN-<database>.sql|.dump: the database's name when it is a plain file name.
std::string dump_file_name(std::size_t index, const std::string& database, const engine::Engine& engine) {
  bool plain = true;
  for (char c : database) plain &= std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  return fmt::format("{:02}{}{}", index, plain ? "-" + database : "", engine.snapshot_extension());
}

// ---- save ----

struct SaveTarget {
  const config::Database* database;
  std::string name;
};

// The selected databases in the config's order (key by key, partitions in order).
std::vector<SaveTarget> save_targets(const config::Config& config, const std::vector<std::string>& wanted) {
  const config::DatabaseSelection selection = config::select_databases(config, wanted);
  std::vector<SaveTarget> targets;
  for (const config::Database& database : config.databases) {
    const auto selected = selection.find(database.key);
    if (selected == selection.end()) continue;
    for (const std::string& name : database.names) {
      const auto& names = selected->second;
      if (std::find(names.begin(), names.end(), name) != names.end()) targets.push_back({&database, name});
    }
  }
  return targets;
}

// What the manifest says of one database, read before its dump.
runtime::SnapshotDatabase describe(const Workspace& workspace, const runtime::Server& server, const SaveTarget& target,
                                   std::size_t index) {
  const engine::Engine& engine = server.server().engine;
  runtime::SnapshotDatabase saved{target.database->key,
                                  server.server().name,
                                  engine.name(),
                                  target.name,
                                  schema_fingerprint(workspace.config(), workspace.outputs(), *target.database),
                                  dump_file_name(index, target.name, engine),
                                  0,
                                  ""};
  if (server.snapshots_copy_files()) return saved;  // SQLite: save_database_file says when it is missing
  const auto session = root_session(server);
  if (!runtime::database_exists(*session, engine, target.name)) {
    throw util::RuntimeError("database " + target.name + " does not exist on server " + server.server().name,
                             "`devenv reset` makes the config's databases again");
  }
  saved.creation = runtime::database_creation(*session, engine, target.name);
  return saved;
}

// The server's dump tool for `database`, into `file`. Its stderr goes to a file beside
// it, shown when the tool fails and deleted when it does not.
void write_dump(const runtime::Server& server, const std::string& database, const fs::path& file) {
  runtime::ProcessOptions dump = server.dump_database(database);
  dump.output_file = file.string();
  dump.error_file = file.string() + ".errors";
  dump.dies_with_devenv = true;
  const runtime::RunResult result = runtime::run(dump);
  util::throw_if_interrupted();
  if (result.exit_code != 0) {
    throw util::RuntimeError(server.server().name + ": " + server.server().engine.dump_program() + " of " + database +
                             " failed (exit " + std::to_string(result.exit_code) + "):\n" +
                             util::read_file(dump.error_file).value_or(""));
  }
  fs::remove(dump.error_file);
}

runtime::SnapshotDatabase dump_one(const Workspace& workspace, const SaveTarget& target, const fs::path& draft,
                                   std::size_t index, ProgressPrinter& progress) {
  const auto started = Clock::now();
  const runtime::Server& server = workspace.server(target.database->server);
  runtime::SnapshotDatabase saved = describe(workspace, server, target, index);
  if (server.snapshots_copy_files()) {
    server.save_database_file(target.name, draft / saved.file);
  } else {
    write_dump(server, target.name, draft / saved.file);
  }
  saved.bytes = fs::file_size(draft / saved.file);
  progress.say(server.server().name,
               "saved " + target.name + " (" + size_text(saved.bytes) + ") in " + seconds_text(seconds_since(started)));
  return saved;
}

int save(const Workspace& workspace, runtime::SnapshotStore& store, const SnapshotOptions& options,
         ProgressPrinter& progress, std::ostream& out) {
  const auto started = Clock::now();
  const std::vector<SaveTarget> targets = save_targets(workspace.config(), options.databases);
  std::set<std::string> servers;
  for (const SaveTarget& target : targets) servers.insert(target.database->server);
  for (const std::string& server : servers) require_running(workspace.server(server));
  if (store.exists(options.name) && !options.force) {
    throw UsageError("a snapshot named '" + options.name + "' exists; `--force` replaces it, or choose another name");
  }
  runtime::SnapshotManifest manifest{options.name, static_cast<std::int64_t>(std::time(nullptr)), {}};
  const fs::path draft = store.begin_save(options.name);
  try {
    for (const SaveTarget& target : targets) {
      manifest.databases.push_back(dump_one(workspace, target, draft, manifest.databases.size() + 1, progress));
    }
    store.commit(draft, manifest, options.force);
  } catch (...) {
    store.discard(draft);  // nothing half-made stays; a kill -9 leaves it to clean_leftovers
    throw;
  }
  std::uintmax_t bytes = 0;
  for (const runtime::SnapshotDatabase& database : manifest.databases) bytes += database.bytes;
  out << "saved snapshot " << options.name << ": " << manifest.databases.size()
      << (manifest.databases.size() == 1 ? " database, " : " databases, ") << size_text(bytes) << ", in "
      << seconds_text(seconds_since(started)) << "\n";
  return kOk;
}

// ---- restore ----

// The config's database a snapshot's database belongs to; a usage error when the
// config no longer has it on that server and engine.
const config::Database& config_database(const config::Config& config, const runtime::SnapshotDatabase& saved,
                                        const std::string& snapshot) {
  const config::Database* database = config.find_database(saved.key);
  const bool known =
      database && database->server == saved.server &&
      std::find(database->names.begin(), database->names.end(), saved.database) != database->names.end() &&
      std::string(config.find_server(saved.server)->engine.name()) == saved.engine;
  if (known) return *database;
  throw UsageError("snapshot " + snapshot + " holds database " + saved.database + " (key " + saved.key + ", " +
                   saved.engine + " server " + saved.server +
                   "), which config.toml no longer declares there; nothing was restored "
                   "(put it back in config.toml, or `devenv snapshot rm " +
                   snapshot + "`)");
}

// The databases whose schema source differs from what the snapshot was saved with.
struct SchemaChanges {
  std::map<std::string, std::vector<std::string>> by_key;  // key → its databases
  std::set<std::string> servers;                           // theirs

  // "\n  main (unkey)" per key.
  std::string lines() const {
    std::string text;
    for (const auto& [key, names] : by_key) {
      std::string list;
      for (const std::string& name : names) list += (list.empty() ? "" : ", ") + name;
      text += "\n  " + key + " (" + list + ")";
    }
    return text;
  }
};

SchemaChanges schema_changes(const Workspace& workspace, const runtime::SnapshotManifest& manifest) {
  SchemaChanges changes;
  for (const runtime::SnapshotDatabase& saved : manifest.databases) {
    const config::Database& database = config_database(workspace.config(), saved, manifest.name);
    if (schema_fingerprint(workspace.config(), workspace.outputs(), database) != saved.schema_fingerprint) {
      changes.by_key[saved.key].push_back(saved.database);
      changes.servers.insert(saved.server);
    }
  }
  return changes;
}

// Everything a restore needs, checked before any database is dropped.
void check_restorable(const Workspace& workspace, const runtime::SnapshotStore& store,
                      const runtime::SnapshotManifest& manifest, const SchemaChanges& changes, bool force) {
  std::set<std::string> servers;
  for (const runtime::SnapshotDatabase& saved : manifest.databases) {
    servers.insert(saved.server);
    if (!fs::is_regular_file(store.folder(manifest.name) / saved.file)) {
      throw util::RuntimeError("snapshot " + manifest.name + " lacks " + saved.file + "; nothing was restored");
    }
  }
  for (const std::string& server : servers) require_running(workspace.server(server));
  if (changes.by_key.empty() || force) return;
  throw UsageError("the schema files changed since snapshot " + manifest.name + " was saved, for:" + changes.lines() +
                   "\nnothing was restored; `--force` restores the snapshot as it was saved (its schema and data)");
}

// Drops the database and, for the MySQL family, makes it again empty with what init
// gave it (its charset and collation), else what it had when saved.
void make_room(const runtime::Server& server, const runtime::SnapshotDatabase& saved) {
  const engine::Engine& engine = server.server().engine;
  const auto session = root_session(server);
  const std::string creation = runtime::database_exists(*session, engine, saved.database)
                                   ? runtime::database_creation(*session, engine, saved.database)
                                   : saved.creation;
  runtime::clear_database(*session, engine, saved.database, creation);
}

void load_one(const Workspace& workspace, const runtime::SnapshotDatabase& saved, const fs::path& folder,
              ProgressPrinter& progress) {
  const auto started = Clock::now();
  runtime::Server& server = workspace.server(saved.server);
  if (server.snapshots_copy_files()) {  // SQLite: the file swapped in whole, never half-restored
    server.restore_database_file(saved.database, folder / saved.file);
    progress.say(server.server().name, "restored " + saved.database + " (" + size_text(saved.bytes) + ") in " +
                                           seconds_text(seconds_since(started)));
    return;
  }
  make_room(server, saved);
  runtime::ProcessOptions load = server.load_database(saved.database);
  load.stdin_file = (folder / saved.file).string();
  load.dies_with_devenv = true;
  const runtime::RunResult result = runtime::run(load);
  const std::string half_restored = saved.database + " is half-restored: run the restore again, or `devenv reset`";
  try {
    util::throw_if_interrupted();
  } catch (const util::Interrupted&) {
    progress.say(server.server().name, half_restored);
    throw;
  }
  if (result.exit_code != 0) {
    throw util::RuntimeError(server.server().name + ": " + server.server().engine.load_program() + " into " +
                                 saved.database + " failed (exit " + std::to_string(result.exit_code) + "):\n" +
                                 result.output,
                             half_restored + " once the cause is fixed");
  }
  progress.say(server.server().name, "restored " + saved.database + " (" + size_text(saved.bytes) + ") in " +
                                         seconds_text(seconds_since(started)));
}

int restore(const Workspace& workspace, const runtime::SnapshotStore& store, const SnapshotOptions& options,
            ProgressPrinter& progress, std::ostream& out) {
  const auto started = Clock::now();
  const runtime::SnapshotManifest manifest = store.read(options.name);
  const SchemaChanges changes = schema_changes(workspace, manifest);
  check_restorable(workspace, store, manifest, changes, options.force);
  for (const runtime::SnapshotDatabase& saved : manifest.databases) {
    load_one(workspace, saved, store.folder(options.name), progress);
  }
  out << "restored snapshot " << options.name << ": " << manifest.databases.size()
      << (manifest.databases.size() == 1 ? " database" : " databases") << " in " << seconds_text(seconds_since(started))
      << "\n";
  if (changes.by_key.empty()) return kOk;
  std::string reset;
  for (const std::string& server : changes.servers) reset += " " + server;
  out << "these now have the snapshot's schema, not the schema files':" << changes.lines() << "\n`devenv reset" << reset
      << "` brings the schema files' schema back (with the seed data, not the snapshot's)\n";
  return kOk;
}

// ---- list ----

// `when` (seconds since the epoch) in local time for people, in UTC for JSON.
std::string time_text(std::int64_t when, bool utc) {
  const std::time_t time = static_cast<std::time_t>(when);
  std::tm parts{};
  if (utc) {
    gmtime_r(&time, &parts);
  } else {
    localtime_r(&time, &parts);
  }
  char text[32];
  std::strftime(text, sizeof text, utc ? "%Y-%m-%dT%H:%M:%SZ" : "%Y-%m-%d %H:%M", &parts);
  return text;
}

std::string database_list(const runtime::SnapshotManifest& manifest) {
  std::string list;
  for (const runtime::SnapshotDatabase& saved : manifest.databases) list += (list.empty() ? "" : ", ") + saved.database;
  return list;
}

void print_json(const std::vector<runtime::SnapshotSummary>& snapshots, std::ostream& out) {
  Poco::JSON::Array list;
  for (const runtime::SnapshotSummary& snapshot : snapshots) {
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("name", snapshot.manifest.name);
    item.set("created", time_text(snapshot.manifest.created, true));
    item.set("bytes", static_cast<Poco::UInt64>(snapshot.bytes));
    Poco::JSON::Array databases;
    for (const runtime::SnapshotDatabase& saved : snapshot.manifest.databases) {
      Poco::JSON::Object database(Poco::JSON_PRESERVE_KEY_ORDER);
      database.set("key", saved.key);
      database.set("server", saved.server);
      database.set("database", saved.database);
      database.set("bytes", static_cast<Poco::UInt64>(saved.bytes));
      databases.add(database);
    }
    item.set("databases", databases);
    list.add(item);
  }
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  document.set("snapshots", list);
  document.stringify(out, 2);
  out << "\n";
}

int list(const runtime::SnapshotStore& store, const SnapshotOptions& options, std::ostream& out) {
  const std::vector<runtime::SnapshotSummary> snapshots = store.list();
  if (options.format == "json") {
    print_json(snapshots, out);
    return kOk;
  }
  if (snapshots.empty()) {
    out << "no snapshots (`devenv snapshot save NAME` makes one)\n";
    return kOk;
  }
  out << fmt::format("{:<24} {:<16} {:>10}  {}\n", "NAME", "CREATED", "SIZE", "DATABASES");
  for (const runtime::SnapshotSummary& snapshot : snapshots) {
    out << fmt::format("{:<24} {:<16} {:>10}  {}\n", snapshot.manifest.name,
                       time_text(snapshot.manifest.created, false), size_text(snapshot.bytes),
                       database_list(snapshot.manifest));
  }
  return kOk;
}

}  // namespace

int run_snapshot(const fs::path& config, const SnapshotOptions& options, std::ostream& out, std::ostream& err) {
  check_arguments(options);
  ProgressPrinter progress(err);
  // Save and restore compare schema sources, which may be broken meanwhile (then
  // initdb/ as last built counts); list and rm read none.
  const bool compares_schemas = options.action == "save" || options.action == "restore";
  Workspace workspace(config, "snapshot", progress, options.runtime,
                      compares_schemas ? Workspace::Schemas::TryRead : Workspace::Schemas::Skip);
  runtime::SnapshotStore store(workspace.config().project.state_dir);
  for (const std::string& line : store.clean_leftovers()) progress.say("snapshot", line);
  if (options.action == "list") return list(store, options, out);
  if (options.action == "rm") {
    store.remove(options.name);
    out << "removed snapshot " << options.name << "\n";
    return kOk;
  }
  util::catch_interrupts();
  if (options.action == "save") return save(workspace, store, options, progress, out);
  return restore(workspace, store, options, progress, out);
}

}  // namespace devenv::cli
