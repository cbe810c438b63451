#include "sqltext/search_path.h"

#include <strings.h>

#include <optional>
#include <utility>
#include <vector>

#include "sqltext/identifier.h"

namespace devenv::sqltext {
namespace {

// A statement's change to the search_path: the schema that now comes first (empty
// for an empty path), or the file's own one again.
struct PathChange {
  enum Kind { Reset, Set } kind = Set;
  std::string schema;
  const Token* at = nullptr;  // where the schema is written, for errors
};

class CodeTokens {
 public:
  explicit CodeTokens(const Statement& statement) : statement_(statement) {
    for (const Token& token : statement.tokens) {
      if (token.is_code()) code_.push_back(&token);
    }
  }

  std::size_t size() const { return code_.size(); }
  const Token* at(std::size_t i) const { return i < code_.size() ? code_[i] : nullptr; }
  std::string_view text(std::size_t i) const { return i < code_.size() ? code_[i]->text(statement_.text) : ""; }
  bool is_word(std::size_t i, std::string_view word) const {
    return i < code_.size() && code_[i]->kind == TokenKind::Word && text(i).size() == word.size() &&
           strncasecmp(text(i).data(), word.data(), word.size()) == 0;
  }
  bool is_punct(std::size_t i, char c) const {
    return i < code_.size() && code_[i]->kind == TokenKind::Punct && text(i) == std::string_view(&c, 1);
  }
  bool is_kind(std::size_t i, TokenKind kind) const { return i < code_.size() && code_[i]->kind == kind; }

 private:
  const Statement& statement_;
  std::vector<const Token*> code_;
};

// '…' or E'…' as PostgreSQL reads it ('' is one quote; E-string escapes other than
// \' and \\ are left as written: a schema name holds none).
std::string string_value(std::string_view token) {
  const bool escapes = !token.empty() && (token.front() == 'E' || token.front() == 'e');
  if (escapes) token.remove_prefix(1);
  if (token.size() < 2) return {};
  token = token.substr(1, token.size() - 2);
  std::string out;
  for (std::size_t i = 0; i < token.size(); ++i) {
    const bool doubled = token[i] == '\'' && i + 1 < token.size() && token[i + 1] == '\'';
    const bool escaped = escapes && token[i] == '\\' && i + 1 < token.size();
    if (doubled || escaped) ++i;
    out += token[i];
  }
  return out;
}

// The first element of a search_path list as set_config reads it (PostgreSQL's
// SplitIdentifierString): "quoted" kept as written, bare names folded to lower case.
std::string first_list_element(std::string_view list) {
  const std::size_t start = list.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return {};
  list.remove_prefix(start);
  if (list.front() == '"') {
    std::size_t end = 1;
    while ((end = list.find('"', end)) != std::string_view::npos && end + 1 < list.size() && list[end + 1] == '"') {
      end += 2;
    }
    return identifier_value(list.substr(0, end == std::string_view::npos ? list.size() : end + 1), Dialect::Postgres);
  }
  std::string_view bare = list.substr(0, list.find(','));
  bare = bare.substr(0, bare.find_last_not_of(" \t\r\n") + 1);
  return identifier_value(bare, Dialect::Postgres);
}

// An element of `SET search_path = a, "B", 'c'`: a string is one schema name as written.
std::string set_element(const CodeTokens& code, std::size_t i) {
  if (code.is_kind(i, TokenKind::String)) return string_value(code.text(i));
  return identifier_value(code.text(i), Dialect::Postgres);
}

// "$user" names the role's own schema, which a schema file does not create: psql
// creates in the next schema of the path.
bool is_user_element(const std::string& schema) { return schema == "$user"; }

// SET [SESSION | LOCAL] search_path {TO | =} {DEFAULT | element [, …]}, SET SCHEMA 'x'
std::optional<PathChange> set_statement(const CodeTokens& code) {
  std::size_t i = 1;
  if (code.is_word(i, "SESSION") || code.is_word(i, "LOCAL")) ++i;
  if (code.is_word(i, "SCHEMA") && code.is_kind(i + 1, TokenKind::String)) {
    return PathChange{PathChange::Set, string_value(code.text(i + 1)), code.at(i + 1)};
  }
  if (!code.is_word(i, "search_path")) return std::nullopt;
  ++i;
  if (!code.is_word(i, "TO") && !code.is_punct(i, '=')) return std::nullopt;
  ++i;
  if (code.is_word(i, "DEFAULT") && i + 1 == code.size()) return PathChange{PathChange::Reset, {}, nullptr};
  for (; i < code.size(); i += 2) {
    const std::string schema = set_element(code, i);
    if (!is_user_element(schema)) return PathChange{PathChange::Set, schema, code.at(i)};
    if (!code.is_punct(i + 1, ',')) break;
  }
  return PathChange{PathChange::Set, {}, nullptr};
}

// SELECT [pg_catalog.]set_config('search_path', 'a, b', is_local), as pg_dump writes it.
std::optional<PathChange> set_config_call(const CodeTokens& code) {
  std::size_t i = 1;
  if (code.is_word(i, "pg_catalog") && code.is_punct(i + 1, '.')) i += 2;
  if (!code.is_word(i, "set_config") || !code.is_punct(i + 1, '(')) return std::nullopt;
  i += 2;
  if (!code.is_kind(i, TokenKind::String) || string_value(code.text(i)) != "search_path") return std::nullopt;
  if (!code.is_punct(i + 1, ',') || !code.is_kind(i + 2, TokenKind::String)) return std::nullopt;
  std::string list = string_value(code.text(i + 2));
  std::string schema = first_list_element(list);
  if (is_user_element(schema)) {
    const std::size_t comma = list.find(',');
    schema = comma == std::string::npos ? std::string() : first_list_element(std::string_view(list).substr(comma + 1));
  }
  return PathChange{PathChange::Set, schema, code.at(i + 2)};
}

std::optional<PathChange> path_change(const Statement& statement) {
  if (statement.kind != StatementKind::Sql) return std::nullopt;
  const CodeTokens code(statement);
  if (code.is_word(0, "RESET") && code.is_word(1, "search_path")) return PathChange{PathChange::Reset, {}, nullptr};
  if (code.is_word(0, "SET")) return set_statement(code);
  if (code.is_word(0, "SELECT")) return set_config_call(code);
  return std::nullopt;
}

}  // namespace

FileQualifier::FileQualifier(QualifyTarget target) : target_(std::move(target)), file_schema_(target_.schema) {}

QualifiedText FileQualifier::qualify(const Statement& statement) {
  QualifiedText out = sqltext::qualify(statement, target_);
  if (target_.dialect == Dialect::Postgres) follow_search_path(statement);
  return out;
}

void FileQualifier::follow_search_path(const Statement& statement) {
  const std::optional<PathChange> change = path_change(statement);
  if (!change) return;
  if (change->kind == PathChange::Reset) {
    target_.schema = file_schema_;
    return;
  }
  const std::string& schema = change->schema;
  if (schema.empty()) return;  // an empty path: the file qualifies its names itself
  if (schema != file_schema_ && !target_.any_schema && !target_.known_qualifiers.contains(schema)) {
    throw SourceError({statement.where.file, change->at->line, change->at->column},
                      "search_path puts unqualified names into schema '" + schema +
                          "', which the config does not declare for database " + target_.database_label,
                      "declare it in config.toml (`schemas = [\"" + schema +
                          "\"]` on the database, or `schema = ` on a source), or remove the SET and qualify the names");
  }
  target_.schema = schema;
}

}  // namespace devenv::sqltext
