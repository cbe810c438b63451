#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/database_lookup.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/server_connect.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "db/dsn.h"
#include "runtime/interrupt.h"
#include "runtime/runtime_error.h"
#include "runtime/shadow_database.h"
#include "schema/render.h"

namespace devenv::cli {

namespace {

namespace fs = std::filesystem;

// One side of a diff, read into the model. Shadows live as long as the side.
struct Side {
  std::string label;
  sql::Dialect dialect = sql::Dialect::MySQL;
  schema::Database database;
  std::unique_ptr<runtime::ShadowDatabase> shadow;
  std::unique_ptr<config::Database> source;  // a schema file's stand-in logical database
};

bool is_path(const std::string& operand) { return operand.find("://") == std::string::npos && fs::exists(operand); }

Side from_dsn(const std::string& operand, const db::Dsn& dsn) {
  Side side;
  side.label = operand;
  side.dialect = dsn.dialect;
  const db::Endpoint endpoint = dsn.endpoint;
  const sql::Dialect dialect = dsn.dialect;
  auto inspector = schema::make_inspector(dialect, [endpoint, dialect](const std::string& database) {
    db::Endpoint target = endpoint;
    target.database = database.empty() ? (dialect == sql::Dialect::Postgres ? "postgres" : "") : database;
    return db::connect(dialect, target);
  });
  auto databases = inspector->inspect({endpoint.database});
  if (!databases.count(endpoint.database)) throw runtime::RuntimeError("database " + endpoint.database + " does not exist at " + operand);
  side.database = std::move(databases.at(endpoint.database));
  return side;
}

Side from_config(const Workspace& workspace, const std::string& operand) {
  const auto [database, name] = find_database(workspace.config(), operand);
  runtime::Server& server = workspace.server(database->server);
  Side side;
  side.label = name;
  side.dialect = dialect_of(server.server());
  auto databases = schema::make_inspector(side.dialect, server_connect(server))->inspect({name});
  if (!databases.count(name)) throw runtime::RuntimeError("database " + name + " does not exist on server " + server.server().name);
  side.database = std::move(databases.at(name));
  return side;
}

// A schema file or folder, loaded into a shadow on a running server of `dialect`.
Side from_files(const Workspace& workspace, const std::string& operand, std::optional<sql::Dialect> dialect) {
  runtime::Server* chosen = nullptr;
  for (runtime::Server* server : workspace.servers()) {
    const bool fits = !dialect || dialect_of(server->server()) == *dialect;
    if (fits && server->status().health == runtime::Health::Running) {
      chosen = server;
      break;
    }
  }
  if (!chosen) {
    throw runtime::RuntimeError("no running server to load " + operand + " into",
                                "start one of the right engine with `devenv up`");
  }
  Side side;
  side.label = operand;
  side.dialect = dialect_of(chosen->server());
  side.source = std::make_unique<config::Database>();
  side.source->key = "diff";
  side.source->name_pattern = "diff";
  side.source->names = {"diff"};
  side.source->server = chosen->server().name;
  std::vector<fs::path> files;
  if (fs::is_directory(operand)) {
    for (const auto& entry : fs::directory_iterator(operand)) {
      if (entry.path().extension() == ".sql") files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(operand);
  }
  for (const fs::path& file : files) {
    side.source->sources.push_back({fs::absolute(file), file.string(), side.dialect == sql::Dialect::MySQL ? "" : "public"});
  }
  const schema::Connect connect = server_connect(*chosen);
  side.shadow = std::make_unique<runtime::ShadowDatabase>(workspace.config(), chosen->server(), *side.source, connect);
  side.database = schema::make_inspector(side.dialect, connect)->inspect({side.shadow->name()}).at(side.shadow->name());
  return side;
}

std::optional<sql::Dialect> known_dialect(const Workspace& workspace, const std::string& operand) {
  if (const auto dsn = db::parse_dsn(operand)) return dsn->dialect;
  if (is_path(operand)) return std::nullopt;
  const auto [database, name] = find_database(workspace.config(), operand);
  return dialect_of(*workspace.config().find_server(database->server));
}

Side resolve(const Workspace& workspace, const std::string& operand, std::optional<sql::Dialect> other) {
  if (const auto dsn = db::parse_dsn(operand)) return from_dsn(operand, *dsn);
  if (is_path(operand)) return from_files(workspace, operand, other);
  return from_config(workspace, operand);
}

}  // namespace

int run_diff(const std::filesystem::path& config, const DiffOptions& options, std::ostream& out, std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "diff", progress, options.runtime);
  runtime::catch_interrupts();
  const auto dialect_a = known_dialect(workspace, options.from);
  const auto dialect_b = known_dialect(workspace, options.to);
  if (dialect_a && dialect_b && *dialect_a != *dialect_b) {
    throw UsageError("cannot diff a MySQL-family database with a PostgreSQL one");
  }
  Side a = resolve(workspace, options.from, dialect_b);
  Side b = resolve(workspace, options.to, a.dialect);
  if (a.dialect != b.dialect) throw UsageError("cannot diff a MySQL-family schema with a PostgreSQL one");
  schema::rename_references(a.database, a.database.name, b.database.name);
  const auto differences = schema::compare(a.database, b.database, a.dialect);
  if (options.format == "json") {
    schema::render_json(out, differences);
  } else if (differences.empty()) {
    out << "no differences between " << a.label << " and " << b.label << "\n";
  } else {
    out << "from " << a.label << " (-) to " << b.label << " (+):\n";
    schema::render_text(out, differences, &out == &std::cout && isatty(STDOUT_FILENO));
  }
  return differences.empty() ? kOk : kDrift;
}

}  // namespace devenv::cli
