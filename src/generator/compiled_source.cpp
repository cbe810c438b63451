#include "generator/compiled_source.h"

#include <fmt/format.h>

#include <fstream>
#include <map>
#include <sstream>

#include "engine/engine.h"
#include "migrations/tool.h"
#include "migrations/up_script.h"
#include "migrations/up_statements.h"
#include "sqltext/own_database.h"
#include "sqltext/search_path.h"
#include "sqltext/shell_escape.h"
#include "sqltext/source_errors.h"
#include "sqltext/splitter.h"
#include "util/file.h"
#include "util/sha256.h"

namespace devenv::generator {

static std::string read_source(const config::SchemaSource& source) {
  std::optional<std::string> text = util::read_file(source.path);
  if (!text) throw sqltext::SourceError({source.display, 1, 1}, "cannot read the schema file");
  return *text;
}

// A UTF-8 byte-order mark (editors on other systems write one) is no SQL: the
// statements start after it, and it must not land in the middle of an init script.
static std::string_view without_bom(std::string_view text) {
  constexpr std::string_view kBom = "\xEF\xBB\xBF";
  return text.starts_with(kBom) ? text.substr(kBom.size()) : text;
}

// The qualifier goes through the file's statements in order: it follows the file's
// search_path (sqltext/search_path.h).
static CompiledStatement compile_statement(const sqltext::Statement& statement, const sqltext::QualifyTarget& target,
                                           sqltext::FileQualifier& qualifier) {
  sqltext::reject_shell_escapes(statement, target.dialect);
  const bool ends_in_comment = !statement.tokens.empty() &&
                               statement.tokens.back().kind == sqltext::TokenKind::Comment &&
                               statement.text.compare(statement.tokens.back().begin, 2, "/*") != 0;
  return CompiledStatement{statement.kind,
                           statement.where,
                           statement.has_inner_semicolon(),
                           ends_in_comment,
                           statement.begins_with({"CREATE", "EXTENSION"}),
                           qualifier.qualify(statement)};
}

// Newer servers' functions the statement calls: a name the engine can polyfill
// followed by `(`, wherever it stands (a default, a routine body is text the lexer
// does not enter, so a call there goes unseen and the config's `polyfills` covers it).
// A name right after FUNCTION or PROCEDURE (or after `FUNCTION schema.`) is being
// defined, not called.
static bool is_defined_here(const sqltext::Statement& statement, std::size_t name) {
  std::vector<std::string> before;  // the code tokens before the name, nearest first
  for (std::size_t i = name; i-- > 0 && before.size() < 3;) {
    if (statement.tokens[i].is_code()) before.emplace_back(statement.tokens[i].text(statement.text));
  }
  const auto is_keyword = [](std::string word) {
    for (char& c : word) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return word == "FUNCTION" || word == "PROCEDURE";
  };
  if (!before.empty() && is_keyword(before[0])) return true;
  return before.size() == 3 && before[0] == "." && is_keyword(before[2]);
}

static void note_calls(const sqltext::Statement& statement, const engine::Engine& engine, CompiledSource& compiled) {
  const auto& tokens = statement.tokens;
  for (std::size_t i = 0; i + 1 < tokens.size(); ++i) {
    if (tokens[i].kind != sqltext::TokenKind::Word || tokens[i + 1].kind != sqltext::TokenKind::Punct) continue;
    if (tokens[i + 1].text(statement.text) != "(") continue;
    std::string word(tokens[i].text(statement.text));
    for (char& c : word) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!engine.has_polyfill(word)) continue;
    (is_defined_here(statement, i) ? compiled.defines : compiled.calls).insert(word);
  }
}

// The comments before a left-out statement stay in the init file, as every comment does.
static std::optional<CompiledStatement> leading_comments(const sqltext::Statement& statement, std::size_t code_begin) {
  const std::string_view comments = std::string_view(statement.text).substr(0, code_begin);
  if (comments.find_first_not_of(" \t\r\n") == std::string_view::npos) return std::nullopt;
  sqltext::QualifiedText text;
  text.append(comments.substr(0, comments.find_last_not_of(" \t\r\n") + 1));
  return CompiledStatement{sqltext::StatementKind::CommentOnly, statement.where, false, false, false, text};
}

// One line for the statements left out of a file, and one for its mapped collations.
static void add_notices(CompiledSource& compiled, const std::vector<std::string>& left_out, bool had_options,
                        const sqltext::QualifyTarget& target) {
  const std::string& file = compiled.source->display;
  if (!left_out.empty()) {
    std::string what;
    for (const std::string& one : left_out) what += (what.empty() ? "" : ", ") + one;
    compiled.notices.push_back(
        fmt::format("{}: left out {}: devenv creates and selects {} itself{}", file, what, target.database_label,
                    had_options ? " (with the charset and collation of config.toml's server, not the file's)" : ""));
  }
  std::map<std::string, std::string> mapped;
  for (const CompiledStatement& statement : compiled.statements) {
    for (const auto& [written, replacement] : statement.text.replacements()) mapped.emplace(written, replacement);
  }
  if (mapped.empty()) return;
  std::string what;
  for (const auto& [written, replacement] : mapped) what += (what.empty() ? "" : ", ") + written + " → " + replacement;
  compiled.notices.push_back(
      fmt::format("{}: collations MariaDB lacks mapped to its nearest (NO PAD, as MySQL's): {}", file, what));
}

// A schema file is split whole; a migration is what its tool sends: its Up part, split
// at the tool's own boundaries too (migrations/up_script.h), lines kept.
static std::vector<sqltext::Statement> statements_of(const config::SchemaSource& source, const std::string& file,
                                                     std::string_view text, sqltext::Dialect dialect) {
  if (!source.migration) return sqltext::split(text, dialect, source.display);
  const auto tool = migrations::tool_named(source.migration->tool);
  return migrations::up_statements(migrations::up_script(*tool, file, source.display), dialect, source.display);
}

// The engine whose polyfills a call may need: MariaDB stands for the MySQL family.
static engine::Engine::Kind engine_kind_of(sqltext::Dialect dialect) {
  switch (dialect) {
    case sqltext::Dialect::Postgres: return engine::Engine::Kind::Postgres;
    case sqltext::Dialect::SQLite: return engine::Engine::Kind::SQLite;
    default: return engine::Engine::Kind::MariaDB;
  }
}

CompiledSource compile_source(const config::SchemaSource& source, const sqltext::QualifyTarget& target) {
  const std::string file = read_source(source);
  const std::string_view text = without_bom(file);
  CompiledSource compiled{&source, util::sha256_hex(file), {}, {}, {}, {}};
  sqltext::SourceErrorList errors;
  std::vector<std::string> left_out;
  bool had_options = false;
  sqltext::FileQualifier qualifier(target);
  const engine::Engine engine(engine_kind_of(target.dialect));
  for (const sqltext::Statement& statement : statements_of(source, file, text, target.dialect)) {
    try {
      if (const auto own = sqltext::own_database_statement(statement, target)) {
        left_out.push_back(fmt::format("{} (line {})", own->what, statement.where.line));
        had_options = had_options || own->has_options;
        if (auto comments = leading_comments(statement, own->code_begin)) compiled.statements.push_back(*comments);
        continue;
      }
      compiled.statements.push_back(compile_statement(statement, target, qualifier));
      note_calls(statement, engine, compiled);
    } catch (const sqltext::SourceError& e) {
      errors.add(e);  // the next statements are still checked: every error in one run
    }
  }
  errors.throw_if_any();
  add_notices(compiled, left_out, had_options, target);
  return compiled;
}

}  // namespace devenv::generator
