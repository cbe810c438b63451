#include "cli/file_server.h"

#include "cli/usage_error.h"
#include "config/database_lookup.h"
#include "config/schema_files.h"
#include "migrations/read_migrations.h"
#include "sqltext/dialect_markers.h"
#include "util/file.h"
#include "util/runtime_error.h"

namespace devenv::cli {

namespace {

const char* family(sqltext::Dialect dialect) {
  return dialect == sqltext::Dialect::Postgres ? "PostgreSQL" : "MySQL/MariaDB";
}

FileServer running(runtime::Server& server, std::string reason) {
  if (server.status().health != runtime::Health::Running) {
    throw util::RuntimeError("server " + server.server().name + " is not running, and the schema files load into it",
                             "start it with `devenv up " + server.server().name + "`");
  }
  return {&server, std::move(reason)};
}

FileServer chosen(const Workspace& workspace, const std::string& name, std::optional<sqltext::Dialect> other) {
  runtime::Server& server = workspace.server(name);
  if (other && server.server().engine.dialect() != *other) {
    throw UsageError(std::string("--server ") + name + " is " + server.server().engine.name() +
                     ", but the other side of the diff is " + family(*other));
  }
  return running(server, "--server");
}

// The config database one of whose sources is among the files of `paths`.
const config::Database* sourced_database(const config::Config& config, const std::vector<std::string>& paths,
                                         std::string& which) {
  for (const std::string& path : paths) {
    for (const auto& file : config::sql_files_at(path)) {
      if (const config::Database* database = config::database_with_source(config, file)) {
        which = file.string();
        return database;
      }
    }
  }
  return nullptr;
}

// What a Drizzle journal's "dialect" says of its folder; nullopt for anything else.
std::optional<sqltext::Dialect> journal_dialect(const std::string& path) {
  std::error_code error;
  if (!std::filesystem::is_regular_file(std::filesystem::path(path) / "meta" / "_journal.json", error))
    return std::nullopt;
  const auto set = migrations::read_migrations({std::filesystem::absolute(path)}, migrations::Tool::Drizzle,
                                               std::filesystem::current_path());
  if (!set.dialect) return std::nullopt;
  if (*set.dialect == "postgresql") return sqltext::Dialect::Postgres;
  if (*set.dialect == "mysql" || *set.dialect == "singlestore") return sqltext::Dialect::MySQL;
  throw UsageError(path + "/meta/_journal.json is for " + *set.dialect +
                   ", and devenv runs MySQL, MariaDB and PostgreSQL");
}

// The family the files' markers say; the files must not disagree.
std::optional<sqltext::Dialect> marked_dialect(const std::vector<std::string>& paths) {
  std::optional<sqltext::Dialect> found;
  std::string found_in;
  for (const std::string& path : paths) {
    std::string text;
    for (const auto& file : config::sql_files_at(path)) text += util::read_file(file).value_or("") + "\n";
    const std::optional<sqltext::Dialect> journal = journal_dialect(path);
    const std::optional<sqltext::Dialect> dialect = journal ? journal : sqltext::dialect_by_markers(text);
    if (dialect && found && *dialect != *found) {
      throw UsageError(found_in + " reads as " + family(*found) + " and " + path + " as " + family(*dialect) +
                       "; pass --server to load both into one server");
    }
    if (dialect && !found) {
      found = dialect;
      found_in = path;
    }
  }
  return found;
}

FileServer of_family(const Workspace& workspace, std::optional<sqltext::Dialect> dialect, const std::string& reason) {
  for (runtime::Server* server : workspace.servers()) {
    const bool fits = !dialect || server->server().engine.dialect() == *dialect;
    if (fits && server->status().health == runtime::Health::Running) return {server, reason};
  }
  throw util::RuntimeError(std::string("no running ") + (dialect ? family(*dialect) + std::string(" ") : "") +
                               "server to load the schema files into",
                           "start one with `devenv up`, or name one with --server");
}

}  // namespace

std::optional<sqltext::Dialect> path_dialect(const std::string& path) { return marked_dialect({path}); }

FileServer file_server(const Workspace& workspace, const std::vector<std::string>& paths,
                       std::optional<sqltext::Dialect> other, const std::optional<std::string>& wanted) {
  if (wanted) return chosen(workspace, *wanted, other);
  std::string source;
  if (const config::Database* database = sourced_database(workspace.config(), paths, source)) {
    runtime::Server& server = workspace.server(database->server);
    if (other && server.server().engine.dialect() != *other) {
      throw UsageError(source + " is a source of " + database->key + " on " + server.server().engine.name() +
                       ", but the other side of the diff is " + family(*other));
    }
    return running(server, source + " is a source of database " + database->key);
  }
  if (other) return of_family(workspace, other, std::string("the other side is ") + family(*other));
  if (const std::optional<sqltext::Dialect> marked = marked_dialect(paths)) {
    return of_family(workspace, marked, std::string("the files are written for ") + family(*marked));
  }
  return of_family(workspace, std::nullopt, "nothing in the files tells the engine (--server chooses)");
}

}  // namespace devenv::cli
