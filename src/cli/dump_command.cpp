#include <fstream>
#include <ostream>
#include <sstream>

#include "catalog/dialect_writer.h"
#include "cli/exit_code.h"
#include "cli/file_server.h"
#include "cli/runtime_commands.h"
#include "cli/server_connect.h"
#include "cli/throwaway_server.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "config/database_lookup.h"
#include "config/schema_files.h"
#include "util/file.h"
#include "util/interrupt.h"
#include "verify/schema_model.h"

namespace devenv::cli {

namespace {

// The config server whose engine and version build `--from PATH`.
const config::Server& from_server(const Workspace& workspace, const DumpOptions& options) {
  const config::Config& config = workspace.config();
  if (options.server) return workspace.server(*options.server).server();
  if (const config::Database* database = config::database_of_path(config, *options.from))
    return *config.find_server(database->server);
  const std::optional<sqltext::Dialect> dialect = path_dialect(*options.from);
  for (const config::Server& server : config.servers) {
    if (!dialect || server.engine.dialect() == *dialect) return server;
  }
  throw UsageError(*options.from + " is written for " +
                   (*dialect == sqltext::Dialect::Postgres ? "PostgreSQL" : "MySQL/MariaDB") +
                   ", and config.toml has no server of that engine: declare one under [servers.<name>]");
}

// A running server of that engine and version, else a throwaway one (kept alive by
// `throwaway`).
runtime::Server& server_for(const Workspace& workspace, const config::Server& wanted,
                            std::optional<ThrowawayServer>& throwaway, ProgressPrinter& progress) {
  runtime::Server& configured = workspace.server(wanted.name);
  if (configured.status().health == runtime::Health::Running) return configured;
  for (runtime::Server* other : workspace.servers()) {
    const bool same = other->server().engine == wanted.engine && other->server().version == wanted.version;
    if (same && other->status().health == runtime::Health::Running) return *other;
  }
  progress.say("devenv", "no " + std::string(wanted.engine.name()) +
                             " server is running: starting a throwaway one (removed afterwards)");
  throwaway.emplace(workspace.config(), wanted, progress);
  return throwaway->server();
}

std::string dump_from(const Workspace& workspace, const DumpOptions& options, ProgressPrinter& progress) {
  std::error_code error;
  if (!std::filesystem::exists(*options.from, error)) {
    throw UsageError("--from " + *options.from + ": no such file or folder");
  }
  const config::Server& wanted = from_server(workspace, options);
  std::optional<ThrowawayServer> throwaway;
  runtime::Server& server = server_for(workspace, wanted, throwaway, progress);
  progress.say("devenv", "building " + *options.from + " in a shadow database on server " + server.server().name);
  const verify::LiveServer live{&server.server(), server_connect(server), false, server_connect_as(server)};
  const verify::SchemaModel model = verify::file_model(workspace.config(), live, *options.from);
  return catalog::writer_for(model.dialect).dump(model.database);
}

std::optional<std::string> dump_live(const Workspace& workspace, const DumpOptions& options, std::ostream& err) {
  if (options.database.empty()) throw UsageError("name a DATABASE to dump, or --from PATH");
  const auto [database, config_name] = find_database(workspace.config(), options.database);
  runtime::Server& server = workspace.server(database->server);
  const std::string name = server.live_prefix() + config_name;  // a shared server's: alice_main
  const auto inspector = catalog::make_inspector(server.server().engine.dialect(), server_connect(server));
  const auto inspected = inspector->inspect({name});
  if (!inspected.count(name)) {
    err << "devenv: database " << name << " does not exist on server " << server.server().name << "\n";
    return std::nullopt;
  }
  return catalog::writer_for(server.server().engine.dialect()).dump(inspected.at(name));
}

}  // namespace

int run_dump(const std::filesystem::path& config, const DumpOptions& options, std::ostream& out, std::ostream& err) {
  const std::optional<std::string>& check = options.check;
  ProgressPrinter progress(err);
  // --from reads its own files; the config's schema files may be broken meanwhile.
  Workspace workspace(config, "dump", progress, options.runtime, Workspace::Schemas::Skip);
  util::catch_interrupts();
  const std::optional<std::string> dumped =
      options.from ? dump_from(workspace, options, progress) : dump_live(workspace, options, err);
  if (!dumped) return kRuntime;
  const std::string& sql = *dumped;
  const std::string what = options.from ? *options.from : options.database;
  if (!check) {
    out << sql;
    return kOk;
  }
  const std::optional<std::string> expected = util::read_file(*check);
  if (!expected) throw UsageError("cannot read " + *check);
  if (*expected == sql) {
    err << "devenv dump --check: " << what << " matches " << *check << "\n";
    return kOk;
  }
  err << "devenv dump --check: " << what << " differs from " << *check << " (run `devenv dump "
      << (options.from ? "--from " : "") << what << " > " << *check << "` to refresh it, or `devenv "
      << (options.from ? "diff " + *check + " " + what : std::string("verify")) << "` for details)\n";
  return kDrift;
}

}  // namespace devenv::cli
