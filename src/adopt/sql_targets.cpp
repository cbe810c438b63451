#include "adopt/sql_targets.h"

#include <algorithm>

#include "sqltext/dialect_markers.h"
#include "sqltext/identifier.h"
#include "sqltext/lexer.h"
#include "sqltext/own_database.h"
#include "sqltext/source_error.h"
#include "sqltext/splitter.h"
#include "util/file.h"

namespace devenv::adopt {

namespace {

void add_once(std::vector<std::string>& names, const std::string& name) {
  if (std::find(names.begin(), names.end(), name) == names.end()) names.push_back(name);
}

// Statements about the server rather than a database's contents: they run anywhere,
// so they do not tie a file to the database they happen to run in (pg_dump's SETs
// before its CREATE DATABASE, an init file's users and grants).
bool is_server_statement(const sqltext::Statement& statement) {
  for (const auto& words : std::initializer_list<std::initializer_list<std::string_view>>{{"SET"},
                                                                                          {"RESET"},
                                                                                          {"SELECT", "pg_catalog"},
                                                                                          {"GRANT"},
                                                                                          {"REVOKE"},
                                                                                          {"FLUSH"},
                                                                                          {"CREATE", "USER"},
                                                                                          {"CREATE", "ROLE"},
                                                                                          {"ALTER", "USER"},
                                                                                          {"ALTER", "ROLE"},
                                                                                          {"DROP", "USER"},
                                                                                          {"DROP", "ROLE"},
                                                                                          {"ALTER", "DATABASE"},
                                                                                          {"COMMENT", "ON", "DATABASE"},
                                                                                          {"DROP", "DATABASE"}}) {
    if (statement.begins_with(words)) return true;
  }
  return false;
}

// CREATE SCHEMA [IF NOT EXISTS] name (PostgreSQL; MySQL's is a database, read as one),
// and whether IF NOT EXISTS is there.
std::optional<std::pair<std::string, bool>> created_schema(const sqltext::Statement& statement) {
  const bool if_not_exists = statement.begins_with({"CREATE", "SCHEMA", "IF", "NOT", "EXISTS"});
  if (!if_not_exists && !statement.begins_with({"CREATE", "SCHEMA"})) return std::nullopt;
  std::size_t words = if_not_exists ? 5 : 2;
  for (const sqltext::Token& token : statement.tokens) {
    if (!token.is_code()) continue;
    if (words-- > 0) continue;
    if (token.kind != sqltext::TokenKind::Word && token.kind != sqltext::TokenKind::QuotedIdentifier) break;
    const std::string name = sqltext::identifier_value(token.text(statement.text), sqltext::Dialect::Postgres);
    if (name == "AUTHORIZATION" || name == "authorization") break;
    return std::pair{name, if_not_exists};
  }
  return std::nullopt;
}

// The text less its comments, whose words say nothing about the SQL family (a comment
// quoting a `shell command` is not MySQL). Lexed as PostgreSQL, whose comments MySQL
// shares but for `#`; text the lexer cannot read stays whole.
std::string without_comments(const std::string& text) {
  std::string code;
  try {
    sqltext::Lexer lexer(text, sqltext::Dialect::Postgres, "");
    sqltext::Token token{};
    while (lexer.next(token)) {
      code += token.kind == sqltext::TokenKind::Comment ? std::string_view(" ") : token.text(text);
    }
  } catch (const sqltext::SourceError&) {
    return text;
  }
  return code;
}

}  // namespace

SqlTargets sql_targets(const std::filesystem::path& file, sqltext::Dialect dialect,
                       const std::string& default_database) {
  SqlTargets targets;
  const std::string text = util::read_file(file).value_or("");
  std::vector<sqltext::Statement> statements;
  try {
    statements = sqltext::split(text, dialect, file.string());
  } catch (const sqltext::SourceError& e) {
    targets.problem = e.what();
    return targets;
  }
  std::string current = default_database;
  for (const sqltext::Statement& statement : statements) {
    if (statement.kind == sqltext::StatementKind::CommentOnly) continue;
    if (const auto named = sqltext::database_statement(statement, dialect)) {
      add_once(targets.databases, named->database);
      if (named->selects) current = named->database;
      continue;
    }
    if (dialect == sqltext::Dialect::Postgres) {
      if (const auto schema = created_schema(statement); schema && schema->first != "public") {
        add_once(targets.schemas, schema->first);
        if (!schema->second) add_once(targets.schemas_without_if_not_exists, schema->first);
      }
    }
    if (statement.kind != sqltext::StatementKind::Sql || is_server_statement(statement)) continue;
    if (current.empty()) {
      targets.needs_database = true;
    } else {
      add_once(targets.databases, current);
    }
  }
  return targets;
}

std::optional<sqltext::Dialect> dialect_of(const std::vector<std::filesystem::path>& files) {
  std::string code;
  for (const std::filesystem::path& file : files) code += without_comments(util::read_file(file).value_or("")) + "\n";
  return sqltext::dialect_by_markers(code);
}

}  // namespace devenv::adopt
