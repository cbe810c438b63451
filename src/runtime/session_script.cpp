#include "runtime/session_script.h"

#include <optional>

#include "db/session.h"
#include "runtime/init_scripts.h"
#include "sqltext/identifier.h"
#include "sqltext/source_error.h"
#include "sqltext/splitter.h"
#include "util/file.h"
#include "util/interrupt.h"

namespace devenv::runtime {
namespace {

namespace fs = std::filesystem;
constexpr const char* kThen = "`devenv reset`";

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// The database of `\connect db` or `\c db` (one argument, as devenv writes it).
std::optional<std::string> connect_target(std::string_view command) {
  command = trim(command);
  for (std::string_view name : {"\\connect", "\\c"}) {
    if (!command.starts_with(name) || command.size() == name.size() || (command[name.size()] != ' ')) continue;
    const std::string_view argument = trim(command.substr(name.size()));
    if (argument.empty()) return std::nullopt;
    if (argument.front() != '"' && argument.find_first_of(" \t'") != std::string_view::npos) return std::nullopt;
    return sqltext::identifier_value(argument, sqltext::Dialect::Postgres);
  }
  return std::nullopt;
}

// What the client alone can do: other meta-commands (\set, \i, \copy…), or COPY
// reading its rows from the script itself.
bool needs_client(const std::vector<sqltext::Statement>& statements) {
  for (const sqltext::Statement& statement : statements) {
    if (statement.kind == sqltext::StatementKind::ClientCommand && !connect_target(statement.text)) return true;
    if (statement.kind == sqltext::StatementKind::Sql && statement.begins_with({"copy"})) return true;
  }
  return false;
}

// Runs `statements` (needs_client false), one session at a time; throws
// ScriptStatementError for the first the server rejects.
void run_statements(const std::vector<sqltext::Statement>& statements, const engine::Engine& engine,
                    const db::Endpoint& endpoint) {
  db::Endpoint target = endpoint;
  auto session = db::connect(engine.dialect(), target);
  // The init's client reads files as UTF-8 (client.cnf); a MySQL connection's own
  // default may be utf8mb3.
  if (engine.dialect() == sqltext::Dialect::MySQL) session->execute("SET NAMES utf8mb4");
  for (const sqltext::Statement& statement : statements) {
    util::throw_if_interrupted();
    try {
      if (statement.kind == sqltext::StatementKind::ClientCommand) {
        target.database = *connect_target(statement.text);
        session = db::connect(engine.dialect(), target);
      } else if (statement.kind == sqltext::StatementKind::Sql) {
        session->execute(statement.text);
      }
    } catch (const db::DbError& e) {
      throw ScriptStatementError(statement.where.line, e.what());
    }
  }
}

}  // namespace

bool run_with_sessions(const fs::path& file, const engine::Engine& engine, const db::Endpoint& endpoint,
                       const fs::path& log) {
  const std::string text = util::read_file(file).value_or("");
  std::vector<sqltext::Statement> statements;
  try {
    statements = sqltext::split(text, engine.dialect(), file.string());
  } catch (const sqltext::SourceError& e) {
    throw init_file_failure(file, e.where().line, e.what(), log, kThen);
  }
  if (needs_client(statements)) return false;
  try {
    run_statements(statements, engine, endpoint);
  } catch (const ScriptStatementError& e) {
    throw init_file_failure(file, e.line, e.what(), log, kThen);
  }
  return true;
}

void run_script_with_sessions(const std::string& script, const std::string& name, const engine::Engine& engine,
                              const db::Endpoint& endpoint) {
  const std::vector<sqltext::Statement> statements = sqltext::split(script, engine.dialect(), name);
  if (needs_client(statements)) throw std::logic_error(name + " needs the engine's client (a psql meta-command)");
  run_statements(statements, engine, endpoint);
}

}  // namespace devenv::runtime
