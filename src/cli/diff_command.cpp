#include <unistd.h>

#include <iostream>
#include <memory>

#include "cli/database_lookup.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/server_connect.h"
#include "cli/workspace.h"
#include "db/dsn.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"
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
  side.dialect = dsn.engine.dialect();
  const std::string& name = dsn.endpoint.database;
  auto databases = schema::make_inspector(side.dialect, db::connector(dsn.engine, dsn.endpoint))->inspect({name});
  if (!databases.count(name)) throw util::RuntimeError("database " + name + " does not exist at " + operand);
  side.database = std::move(databases.at(name));
  return side;
}

Side from_config(const Workspace& workspace, const std::string& operand) {
  const auto [database, name] = find_database(workspace.config(), operand);
  runtime::Server& server = workspace.server(database->server);
  Side side;
  side.label = name;
  side.dialect = server.server().engine.dialect();
  auto databases = schema::make_inspector(side.dialect, server_connect(server))->inspect({name});
  if (!databases.count(name)) throw util::RuntimeError("database " + name + " does not exist on server " + server.server().name);
  side.database = std::move(databases.at(name));
  return side;
}

// A schema file or folder, loaded into a shadow on a running server of `dialect`.
Side from_files(const Workspace& workspace, const std::string& operand, std::optional<sql::Dialect> dialect) {
  runtime::Server* chosen = nullptr;
  for (runtime::Server* server : workspace.servers()) {
    const bool fits = !dialect || server->server().engine.dialect() == *dialect;
    if (fits && server->status().health == runtime::Health::Running) {
      chosen = server;
      break;
    }
  }
  if (!chosen) {
    throw util::RuntimeError("no running server to load " + operand + " into",
                                "start one of the right engine with `devenv up`");
  }
  Side side;
  side.label = operand;
  side.dialect = chosen->server().engine.dialect();
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
    const bool has_schemas = chosen->server().engine.has_schemas();
    side.source->sources.push_back({fs::absolute(file), file.string(), has_schemas ? "public" : ""});
  }
  const schema::Connect connect = server_connect(*chosen);
  side.shadow = std::make_unique<runtime::ShadowDatabase>(workspace.config(), chosen->server(), *side.source, connect);
  side.database = schema::make_inspector(side.dialect, connect)->inspect({side.shadow->name()}).at(side.shadow->name());
  return side;
}

std::optional<sql::Dialect> known_dialect(const Workspace& workspace, const std::string& operand) {
  if (const auto dsn = db::parse_dsn(operand)) return dsn->engine.dialect();
  if (is_path(operand)) return std::nullopt;
  const auto [database, name] = find_database(workspace.config(), operand);
  return workspace.config().find_server(database->server)->engine.dialect();
}

Side resolve(const Workspace& workspace, const std::string& operand, std::optional<sql::Dialect> other) {
  if (const auto dsn = db::parse_dsn(operand)) return from_dsn(operand, *dsn);
  if (is_path(operand)) return from_files(workspace, operand, other);
  return from_config(workspace, operand);
}

}  // namespace

int run_diff(const std::filesystem::path& config, Arguments& arguments, std::ostream& out, std::ostream& err) {
  const std::string format = arguments.option("--format").value_or("text");
  if (format != "text" && format != "json") throw UsageError("--format takes text or json");
  const std::vector<std::string> operands = arguments.positionals();
  if (operands.size() != 2) throw UsageError("diff takes two operands: databases, DSNs or schema files");
  ProgressPrinter progress(err);
  Workspace workspace(config, "diff", progress, arguments.option("--runtime"));
  util::catch_interrupts();
  const auto dialect_a = known_dialect(workspace, operands[0]);
  const auto dialect_b = known_dialect(workspace, operands[1]);
  if (dialect_a && dialect_b && *dialect_a != *dialect_b) {
    throw UsageError("cannot diff a MySQL-family database with a PostgreSQL one");
  }
  Side a = resolve(workspace, operands[0], dialect_b);
  Side b = resolve(workspace, operands[1], a.dialect);
  if (a.dialect != b.dialect) throw UsageError("cannot diff a MySQL-family schema with a PostgreSQL one");
  schema::rename_references(a.database, a.database.name, b.database.name);
  const auto differences = schema::compare(a.database, b.database, a.dialect);
  if (format == "json") {
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
