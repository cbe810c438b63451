#include "sqltext/own_database.h"

#include <strings.h>

#include <vector>

#include "sqltext/identifier.h"

namespace devenv::sqltext {
namespace {

bool same_word(std::string_view word, std::string_view keyword) {
  return word.size() == keyword.size() && strncasecmp(word.data(), keyword.data(), word.size()) == 0;
}

// The statement's code tokens, as text and kind.
struct Code {
  std::vector<const Token*> tokens;
  std::string_view text;

  bool is(std::size_t i, std::string_view keyword) const {
    return i < tokens.size() && tokens[i]->kind == TokenKind::Word && same_word(tokens[i]->text(text), keyword);
  }
  bool is_name(std::size_t i) const {
    return i < tokens.size() && (tokens[i]->kind == TokenKind::Word || tokens[i]->kind == TokenKind::QuotedIdentifier);
  }
};

// CREATE {DATABASE | SCHEMA (MySQL)} [IF NOT EXISTS] name [options]: the index of the name.
std::optional<std::size_t> created_name(const Code& code, Dialect dialect) {
  if (!code.is(0, "CREATE")) return std::nullopt;
  if (!code.is(1, "DATABASE") && !(dialect == Dialect::MySQL && code.is(1, "SCHEMA"))) return std::nullopt;
  std::size_t at = 2;
  if (code.is(2, "IF") && code.is(3, "NOT") && code.is(4, "EXISTS")) at = 5;
  if (!code.is_name(at)) return std::nullopt;
  return at;
}

// USE name, alone (MySQL).
std::optional<std::size_t> used_name(const Code& code, Dialect dialect) {
  if (dialect != Dialect::MySQL || !code.is(0, "USE") || !code.is_name(1) || code.tokens.size() != 2) {
    return std::nullopt;
  }
  return 1;
}

// \connect name / \c name, with nothing after the name (PostgreSQL).
std::optional<std::string> connected_database(const Statement& statement) {
  const std::string_view line = statement.text;
  const std::size_t space = line.find_first_of(" \t");
  const std::string_view command = line.substr(0, space);
  if ((command != "\\connect" && command != "\\c") || space == std::string_view::npos) return std::nullopt;
  std::string_view rest = line.substr(space);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
  while (!rest.empty() && (rest.back() == ' ' || rest.back() == '\t' || rest.back() == '\r')) rest.remove_suffix(1);
  if (rest.empty() || rest.find_first_of(" \t") != std::string_view::npos) return std::nullopt;
  return identifier_value(rest, Dialect::Postgres);
}

// The statement's database statement with where its code starts, for both callers.
struct Named {
  DatabaseStatement statement;
  bool has_options = false;
  std::size_t code_begin = 0;
};

std::optional<Named> named_database(const Statement& statement, Dialect dialect) {
  if (statement.kind == StatementKind::ClientCommand) {
    if (const std::optional<std::string> database = connected_database(statement)) return Named{{*database, true}};
    return std::nullopt;
  }
  if (statement.kind != StatementKind::Sql) return std::nullopt;
  Code code{{}, statement.text};
  for (const Token& token : statement.tokens) {
    if (token.is_code()) code.tokens.push_back(&token);
  }
  const std::optional<std::size_t> created = created_name(code, dialect);
  const std::optional<std::size_t> name = created ? created : used_name(code, dialect);
  if (!name) return std::nullopt;
  const std::string database = identifier_value(code.tokens[*name]->text(statement.text), dialect);
  return Named{{database, !created}, created && code.tokens.size() > *name + 1, code.tokens[0]->begin};
}

}  // namespace

std::optional<OwnDatabaseStatement> own_database_statement(const Statement& statement, const QualifyTarget& target) {
  const std::optional<Named> named = named_database(statement, target.dialect);
  if (!named || !target.own_databases.contains(named->statement.database)) return std::nullopt;
  const std::string& database = named->statement.database;
  if (statement.kind == StatementKind::ClientCommand) return OwnDatabaseStatement{"\\connect " + database, false, 0};
  const std::string verb = named->statement.selects ? "USE " : "CREATE DATABASE ";
  return OwnDatabaseStatement{verb + database, named->has_options, named->code_begin};
}

std::optional<DatabaseStatement> database_statement(const Statement& statement, Dialect dialect) {
  const std::optional<Named> named = named_database(statement, dialect);
  return named ? std::optional<DatabaseStatement>(named->statement) : std::nullopt;
}

}  // namespace devenv::sqltext
