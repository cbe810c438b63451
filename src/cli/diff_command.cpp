#include <unistd.h>

#include <iostream>
#include <memory>

#include "catalog/render.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/server_connect.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "config/database_lookup.h"
#include "db/dsn.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"
#include "verify/schema_model.h"

namespace devenv::cli {

namespace {

namespace fs = std::filesystem;

bool is_path(const std::string& operand) { return operand.find("://") == std::string::npos && fs::exists(operand); }

verify::SchemaModel from_dsn(const std::string& operand, const db::Dsn& dsn) {
  return verify::live_model(dsn.engine, db::connector(dsn.engine, dsn.endpoint), dsn.endpoint.database, operand,
                            "at " + operand);
}

verify::SchemaModel from_config(const Workspace& workspace, const std::string& operand) {
  const auto [database, name] = config::find_database(workspace.config(), operand);
  runtime::Server& server = workspace.server(database->server);
  return verify::live_model(server.server().engine, server_connect(server), name, name,
                            "on server " + server.server().name);
}

// Schema files load into a shadow on a running server of `dialect` (any engine when unknown).
verify::SchemaModel from_files(const Workspace& workspace, const std::string& operand,
                               std::optional<sqltext::Dialect> dialect) {
  for (runtime::Server* server : workspace.servers()) {
    const bool fits = !dialect || server->server().engine.dialect() == *dialect;
    if (fits && server->status().health == runtime::Health::Running) {
      const verify::LiveServer live{&server->server(), server_connect(*server), false, server_connect_as(*server)};
      return verify::file_model(workspace.config(), live, operand);
    }
  }
  throw util::RuntimeError("no running server to load " + operand + " into",
                           "start one of the right engine with `devenv up`");
}

std::optional<sqltext::Dialect> known_dialect(const Workspace& workspace, const std::string& operand) {
  if (const auto dsn = db::parse_dsn(operand)) return dsn->engine.dialect();
  if (is_path(operand)) return std::nullopt;
  const auto [database, name] = config::find_database(workspace.config(), operand);
  return workspace.config().find_server(database->server)->engine.dialect();
}

verify::SchemaModel resolve(const Workspace& workspace, const std::string& operand,
                            std::optional<sqltext::Dialect> other) {
  if (const auto dsn = db::parse_dsn(operand)) return from_dsn(operand, *dsn);
  if (is_path(operand)) return from_files(workspace, operand, other);
  return from_config(workspace, operand);
}

}  // namespace

int run_diff(const std::filesystem::path& config, const DiffOptions& options, std::ostream& out, std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "diff", progress, options.runtime);
  util::catch_interrupts();
  const auto dialect_a = known_dialect(workspace, options.from);
  const auto dialect_b = known_dialect(workspace, options.to);
  if (dialect_a && dialect_b && *dialect_a != *dialect_b) {
    throw UsageError("cannot diff a MySQL-family database with a PostgreSQL one");
  }
  verify::SchemaModel a = resolve(workspace, options.from, dialect_b);
  verify::SchemaModel b = resolve(workspace, options.to, a.dialect);
  if (a.dialect != b.dialect) throw UsageError("cannot diff a MySQL-family schema with a PostgreSQL one");
  catalog::rename_references(a.database, a.database.name, b.database.name);
  const auto differences = catalog::compare(a.database, b.database, a.dialect);
  if (options.format == "json") {
    catalog::render_json(out, differences);
  } else if (differences.empty()) {
    out << "no differences between " << a.label << " and " << b.label << "\n";
  } else {
    out << "from " << a.label << " (-) to " << b.label << " (+):\n";
    catalog::render_text(out, differences, &out == &std::cout && isatty(STDOUT_FILENO));
  }
  return differences.empty() ? kOk : kDrift;
}

}  // namespace devenv::cli
