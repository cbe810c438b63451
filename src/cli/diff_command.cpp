#include <unistd.h>

#include <iostream>
#include <memory>

#include "catalog/fix_sql.h"
#include "catalog/render.h"
#include "cli/colour.h"
#include "cli/exit_code.h"
#include "cli/file_server.h"
#include "cli/runtime_commands.h"
#include "cli/server_connect.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "config/database_lookup.h"
#include "db/dsn.h"
#include "engine/engine.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"
#include "verify/ignore_rules.h"
#include "verify/schema_model.h"

namespace devenv::cli {

namespace {

namespace fs = std::filesystem;

// Schema files or a migration folder: a SQLite database file is a database (a DSN).
bool is_path(const std::string& operand) {
  return operand.find("://") == std::string::npos && !db::parse_dsn(operand) && fs::exists(operand);
}

verify::SchemaModel from_dsn(const std::string& operand, const db::Dsn& dsn) {
  return verify::live_model(dsn.engine, db::connector(dsn.engine, dsn.endpoint), dsn.endpoint.database, operand,
                            "at " + operand);
}

verify::SchemaModel from_config(const Workspace& workspace, const std::string& operand) {
  const auto [database, name] = config::find_database(workspace.config(), operand);
  runtime::Server& server = workspace.server(database->server);
  // On a shared server the database is this developer's (alice_main).
  return verify::live_model(server.server().engine, server_connect(server), server.live_prefix() + name, name,
                            "on server " + server.server().name);
}

verify::SchemaModel from_files(const Workspace& workspace, const std::string& operand, const FileServer& at) {
  runtime::Server& server = *at.server;
  const verify::LiveServer live{&server.server(), server_connect(server), false, server_connect_as(server)};
  return verify::file_model(workspace.config(), live, operand);
}

std::optional<sqltext::Dialect> known_dialect(const Workspace& workspace, const std::string& operand) {
  if (const auto dsn = db::parse_dsn(operand)) return dsn->engine.dialect();
  if (is_path(operand)) return std::nullopt;
  const auto [database, name] = config::find_database(workspace.config(), operand);
  return workspace.config().find_server(database->server)->engine.dialect();
}

// The config database an operand names (its ignore patterns apply); nullptr for DSNs; for
// files, the stand-in they were loaded as (a migration folder's history table is left out).
const config::Database* config_database(const Workspace& workspace, const std::string& operand,
                                        const verify::SchemaModel& model) {
  if (db::parse_dsn(operand)) return nullptr;
  if (is_path(operand)) return model.source.get();
  return config::find_database(workspace.config(), operand).first;
}

// Where the operands that are schema files load, said on stderr; none when neither is.
std::optional<FileServer> server_for_files(const Workspace& workspace, const DiffOptions& options,
                                           std::optional<sqltext::Dialect> other, ProgressPrinter& progress) {
  std::vector<std::string> paths;
  for (const std::string& operand : {options.from, options.to}) {
    if (is_path(operand)) paths.push_back(operand);
  }
  if (paths.empty()) {
    if (options.server) throw UsageError("--server chooses where schema files load, and neither A nor B is one");
    return std::nullopt;
  }
  FileServer chosen = file_server(workspace, paths, other, options.server);
  const config::Server& server = chosen.server->server();
  progress.say("devenv", "loading the schema files into shadows on server " + server.name + " (" +
                             server.engine.name() + "): " + chosen.reason);
  return chosen;
}

verify::SchemaModel resolve(const Workspace& workspace, const std::string& operand,
                            const std::optional<FileServer>& files) {
  if (const auto dsn = db::parse_dsn(operand)) return from_dsn(operand, *dsn);
  if (is_path(operand)) return from_files(workspace, operand, *files);
  return from_config(workspace, operand);
}

void remove_ignored(const Workspace& workspace, const DiffOptions& options, const verify::IgnoreRules& ignore,
                    const verify::SchemaModel& a, const verify::SchemaModel& b,
                    std::vector<catalog::Difference>& differences) {
  ignore.remove_ignored(differences, config_database(workspace, options.from, a));
  ignore.remove_ignored(differences, config_database(workspace, options.to, b));
}

// SQLite: the file of A, when it is a live database (its fix opens it); "" otherwise.
std::string sqlite_file_of(const Workspace& workspace, const std::string& operand) {
  if (const auto dsn = db::parse_dsn(operand)) {
    if (dsn->engine.dialect() != sqltext::Dialect::SQLite) return "";
    const db::Endpoint& at = dsn->endpoint;
    return at.socket.empty() ? at.database
                             : (fs::path(at.socket) / engine::Engine::database_file_name(at.database)).string();
  }
  if (is_path(operand)) return "";
  const auto [database, name] = config::find_database(workspace.config(), operand);
  runtime::Server& server = workspace.server(database->server);
  if (server.server().engine.dialect() != sqltext::Dialect::SQLite) return "";
  return (fs::path(server.tcp_endpoint().socket) / engine::Engine::database_file_name(name)).string();
}

// The statements that turn A into B: B is what A should be, A's own name is the one
// the statements use.
int write_fix(const Workspace& workspace, const DiffOptions& options, const verify::IgnoreRules& ignore,
              verify::SchemaModel a, verify::SchemaModel b, std::ostream& out) {
  catalog::rename_references(b.database, b.database.name, a.database.name, b.dialect);
  b.database.name = a.database.name;
  auto differences = catalog::compare(b.database, a.database, a.dialect);
  remove_ignored(workspace, options, ignore, a, b, differences);
  catalog::ComparedModels models;
  const std::string name = a.database.name;
  models.emplace(name, catalog::ComparedPair{std::move(b.database), std::move(a.database)});
  catalog::DatabaseFiles files;
  const std::string file = sqlite_file_of(workspace, options.from);
  if (!file.empty() && fs::exists(file)) files[name] = fs::absolute(file).lexically_normal().string();
  catalog::render_fix_sql(out, differences, models, a.dialect, options.allow_destructive, &files);
  return differences.empty() ? kOk : kDrift;
}

std::string family(sqltext::Dialect dialect) {
  switch (dialect) {
    case sqltext::Dialect::MySQL: return "a MySQL-family";
    case sqltext::Dialect::Postgres: return "a PostgreSQL";
    case sqltext::Dialect::SQLite: return "a SQLite";
  }
  return "another";
}

}  // namespace

int run_diff(const std::filesystem::path& config, const DiffOptions& options, std::ostream& out, std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "diff", progress, options.runtime);
  const verify::IgnoreRules ignore(workspace.config(), options.ignore,
                                   options.include_history);  // a bad pattern fails before any work
  util::catch_interrupts();
  const auto dialect_a = known_dialect(workspace, options.from);
  const auto dialect_b = known_dialect(workspace, options.to);
  if (dialect_a && dialect_b && *dialect_a != *dialect_b) {
    throw UsageError("cannot diff " + family(*dialect_a) + " database with " + family(*dialect_b) + " one");
  }
  const std::optional<FileServer> files =
      server_for_files(workspace, options, dialect_a ? dialect_a : dialect_b, progress);
  verify::SchemaModel a = resolve(workspace, options.from, files);
  verify::SchemaModel b = resolve(workspace, options.to, files);
  if (a.dialect != b.dialect)
    throw UsageError("cannot diff " + family(a.dialect) + " schema with " + family(b.dialect) + " one");
  if (options.format == "sql") return write_fix(workspace, options, ignore, std::move(a), std::move(b), out);
  catalog::rename_references(a.database, a.database.name, b.database.name, a.dialect);
  auto differences = catalog::compare(a.database, b.database, a.dialect);
  remove_ignored(workspace, options, ignore, a, b, differences);
  if (options.format == "json") {
    catalog::render_json(out, differences);
  } else if (differences.empty()) {
    out << "no differences between " << a.label << " and " << b.label << "\n";
  } else {
    out << "from " << a.label << " (-) to " << b.label << " (+):\n";
    catalog::render_text(out, differences, &out == &std::cout && colour_on(STDOUT_FILENO),
                         catalog::FixDirection::ExpectedToActual);
    out << catalog::sign_legend(catalog::FixDirection::ExpectedToActual) << "\n";
  }
  return differences.empty() ? kOk : kDrift;
}

}  // namespace devenv::cli
