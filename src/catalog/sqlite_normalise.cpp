// SQLite's stored CREATE text, read with the sqltext lexer and written in one spelling
// per meaning. The keyword list is the linked library's own (sqlite3_keyword_check),
// so a word is upper-cased exactly when SQLite reads it as a keyword.
#include "catalog/sqlite_normalise.h"

#include <sqlite3.h>

#include <algorithm>
#include <cctype>
#include <set>

#include "sqltext/identifier.h"
#include "sqltext/lexer.h"
#include "util/ascii_case.h"

namespace devenv::catalog {
namespace {

using sqltext::Dialect;
using sqltext::TokenKind;

struct Tok {
  TokenKind kind;
  std::string_view text;
  std::size_t begin, end;
};

std::vector<Tok> code_tokens(std::string_view sql) {
  std::vector<Tok> out;
  sqltext::Lexer lexer(sql, Dialect::SQLite, "sqlite_schema");
  sqltext::Token token{};
  while (lexer.next(token)) {
    if (token.is_code()) out.push_back({token.kind, token.text(sql), token.begin, token.end});
  }
  return out;
}

bool is_keyword(std::string_view word) {
  return sqlite3_keyword_check(word.data(), static_cast<int>(word.size())) != 0;
}

std::string upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

bool is_word(const Tok& token, std::string_view word) {
  return token.kind == TokenKind::Word && upper(token.text) == word;
}
bool is_punct(const Tok& token, char c) {
  return token.kind == TokenKind::Punct && token.text.size() == 1 && token.text[0] == c;
}

bool plain_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) { return std::isalnum(c) || c == '_'; });
}

std::string name_of(const Tok& token) { return sqltext::identifier_value(token.text, Dialect::SQLite); }

// Keywords SQLite's grammar takes for a name wherever a name goes (parse.y's
// `%fallback ID` list), less those that also begin an expression or close a block
// (CAST, RAISE, CURRENT_DATE, LIKE, MATCH, END, BEGIN…), where the bare word would read
// as the keyword: written bare and upper case, like a bare one, they read back as the name.
bool bare_name_keyword(const std::string& word) {
  static const std::set<std::string> words = {
      "ABORT",       "ACTION",  "AFTER",     "ALWAYS",    "ANALYZE",   "ASC",      "ATTACH",    "BEFORE",
      "BY",          "CASCADE", "COLUMN",    "CONFLICT",  "CURRENT",   "DATABASE", "DEFERRED",  "DESC",
      "DETACH",      "DO",      "EACH",      "EXCLUDE",   "EXCLUSIVE", "EXPLAIN",  "FAIL",      "FIRST",
      "FOLLOWING",   "FOR",     "GENERATED", "GROUPS",    "IF",        "IGNORE",   "IMMEDIATE", "INITIALLY",
      "INSTEAD",     "KEY",     "LAST",      "NO",        "NULLS",     "OF",       "OFFSET",    "OTHERS",
      "PARTITION",   "PLAN",    "PRAGMA",    "PRECEDING", "QUERY",     "RANGE",    "RECURSIVE", "REINDEX",
      "RELEASE",     "RENAME",  "REPLACE",   "RESTRICT",  "ROW",       "ROWS",     "SAVEPOINT", "TEMP",
      "TIES",        "TRIGGER", "UNBOUNDED", "VACUUM",    "VIEW",      "VIRTUAL",  "WITH",      "WITHOUT",
      "MATERIALIZED"};
  return words.count(word) != 0;
}

// A name as devenv writes it: bare when it reads back bare as itself, else "…".
std::string spelled_name(const std::string& name) {
  if (!plain_name(name)) return quote_sqlite_name(name);
  if (!is_keyword(name)) return name;
  return bare_name_keyword(upper(name)) ? upper(name) : quote_sqlite_name(name);
}

// [x] and `x` are always names; "x" is one where SQLite would resolve it to one.
bool taken_for_name(const std::vector<Tok>& tokens, std::size_t i, const SqliteNames& names) {
  const Tok& token = tokens[i];
  if (token.text.front() != '"') return true;
  if (names.count(sqlite_folded(name_of(token)))) return true;
  return (i > 0 && is_punct(tokens[i - 1], '.')) || (i + 1 < tokens.size() && is_punct(tokens[i + 1], '.'));
}

std::string spelled(const std::vector<Tok>& tokens, std::size_t i, const SqliteNames& names) {
  const Tok& token = tokens[i];
  switch (token.kind) {
    case TokenKind::Word: return is_keyword(token.text) ? upper(token.text) : std::string(token.text);
    case TokenKind::QuotedIdentifier:
      return taken_for_name(tokens, i, names) ? spelled_name(name_of(token)) : std::string(token.text);
    default: return std::string(token.text);
  }
}

bool is_operator(const Tok& token) {
  return token.kind == TokenKind::Punct && !is_punct(token, '(') && !is_punct(token, ')') && !is_punct(token, ',') &&
         !is_punct(token, '.');
}

// Whether token `b` is written right after `a`, without a space: calls and lists
// hug their parentheses, operators of two characters (<=, ||) stay whole, X'…' blobs too.
bool glued(const Tok& a, const Tok& b) {
  if (is_punct(b, ')') || is_punct(b, ',') || is_punct(b, '.') || b.kind == TokenKind::Semicolon) return true;
  if (is_punct(a, '(') || is_punct(a, '.')) return true;
  if (is_punct(b, '(')) {
    return a.kind == TokenKind::QuotedIdentifier || (a.kind == TokenKind::Word && !is_keyword(a.text));
  }
  if (is_operator(a) && is_operator(b) && a.end == b.begin) return true;
  return a.kind == TokenKind::Word && (a.text == "x" || a.text == "X") && b.kind == TokenKind::String &&
         a.end == b.begin;
}

std::string render(const std::vector<Tok>& tokens, std::size_t from, std::size_t to, const SqliteNames& names) {
  std::string out;
  for (std::size_t i = from; i < to; ++i) {
    if (i > from && !glued(tokens[i - 1], tokens[i])) out += ' ';
    out += spelled(tokens, i, names);
  }
  return out;
}

// The index just past the parenthesis that closes the one at `open`.
std::size_t after_parenthesis(const std::vector<Tok>& tokens, std::size_t open) {
  int depth = 0;
  for (std::size_t i = open; i < tokens.size(); ++i) {
    if (is_punct(tokens[i], '(')) ++depth;
    if (is_punct(tokens[i], ')') && --depth == 0) return i + 1;
  }
  return tokens.size();
}

// Where the object's name ends in CREATE [TEMP] [UNIQUE] kind [IF NOT EXISTS] [schema.]name.
std::size_t after_name(const std::vector<Tok>& tokens) {
  std::size_t i = 0;
  while (i < tokens.size() && (tokens[i].kind == TokenKind::Word) &&
         (is_word(tokens[i], "CREATE") || is_word(tokens[i], "TEMP") || is_word(tokens[i], "TEMPORARY") ||
          is_word(tokens[i], "UNIQUE") || is_word(tokens[i], "TABLE") || is_word(tokens[i], "VIEW") ||
          is_word(tokens[i], "INDEX") || is_word(tokens[i], "TRIGGER") || is_word(tokens[i], "VIRTUAL"))) {
    ++i;
  }
  if (i + 2 < tokens.size() && is_word(tokens[i], "IF") && is_word(tokens[i + 1], "NOT") &&
      is_word(tokens[i + 2], "EXISTS"))
    i += 3;
  ++i;  // the name
  if (i + 1 < tokens.size() && is_punct(tokens[i], '.')) i += 2;
  return std::min(i, tokens.size());
}

// One column definition or table constraint: tokens [from, to) of the table's body.
void read_definition(const std::vector<Tok>& tokens, std::size_t from, std::size_t to, const SqliteNames& names,
                     SqliteTableText& out) {
  if (from >= to) return;
  const bool constraint = is_word(tokens[from], "CONSTRAINT") || is_word(tokens[from], "PRIMARY") ||
                          is_word(tokens[from], "UNIQUE") || is_word(tokens[from], "CHECK") ||
                          is_word(tokens[from], "FOREIGN");
  SqliteColumnText column;
  for (std::size_t i = constraint ? from : from + 1; i < to; ++i) {
    if (is_punct(tokens[i], '(')) {  // an argument list or expression: nothing of ours inside
      i = after_parenthesis(tokens, i) - 1;
      continue;
    }
    if (is_word(tokens[i], "CHECK") && i + 1 < to && is_punct(tokens[i + 1], '(')) {
      const std::size_t close = after_parenthesis(tokens, i + 1);
      out.checks.push_back("CHECK (" + render(tokens, i + 2, close - 1, names) + ")");
      i = close - 1;
    } else if (constraint) {
      continue;
    } else if (is_word(tokens[i], "COLLATE") && i + 1 < to) {
      column.collation = upper(name_of(tokens[++i]));
      if (column.collation == "BINARY") column.collation.clear();
    } else if (is_word(tokens[i], "AUTOINCREMENT")) {
      column.autoincrement = true;
    } else if (is_word(tokens[i], "AS") && i + 1 < to && is_punct(tokens[i + 1], '(')) {
      const std::size_t close = after_parenthesis(tokens, i + 1);
      column.generated = render(tokens, i + 2, close - 1, names);
      i = close - 1;
    }
  }
  if (!constraint) out.columns[sqlite_folded(name_of(tokens[from]))] = column;
}

}  // namespace

std::string sqlite_folded(std::string_view name) { return util::ascii_lower(std::string(name)); }

std::string quote_sqlite_name(std::string_view name) {
  std::string out = "\"";
  for (char c : name) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string sqlite_canonical(std::string_view sql, const SqliteNames& names) {
  const std::vector<Tok> tokens = code_tokens(sql);
  return render(tokens, 0, tokens.size(), names);
}

std::string sqlite_default(std::string_view written) {
  const std::vector<Tok> tokens = code_tokens(written);
  if (tokens.size() == 1 && tokens[0].kind == TokenKind::QuotedIdentifier && tokens[0].text.front() == '"')
    return sqltext::quote_string(name_of(tokens[0]), Dialect::SQLite);
  return render(tokens, 0, tokens.size(), {});
}

std::string sqlite_type(std::string_view declared) {
  const std::vector<Tok> tokens = code_tokens(declared);
  std::string out;
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    const bool hug = i == 0 || is_punct(tokens[i], '(') || is_punct(tokens[i], ')') || is_punct(tokens[i], ',') ||
                     is_punct(tokens[i - 1], '(') || is_punct(tokens[i - 1], ',');
    if (!hug) out += ' ';
    out += tokens[i].kind == TokenKind::QuotedIdentifier ? upper(name_of(tokens[i])) : upper(tokens[i].text);
  }
  return out;
}

SqliteTableText parse_sqlite_table(std::string_view create_table, const SqliteNames& names) {
  const std::vector<Tok> tokens = code_tokens(create_table);
  SqliteTableText out;
  std::size_t open = after_name(tokens);
  if (open >= tokens.size() || !is_punct(tokens[open], '(')) return out;  // CREATE TABLE … AS SELECT
  const std::size_t close = after_parenthesis(tokens, open) - 1;
  std::size_t start = open + 1;
  int depth = 0;
  for (std::size_t i = start; i <= close; ++i) {
    if (is_punct(tokens[i], '(')) ++depth;
    if (is_punct(tokens[i], ')')) --depth;
    if (i == close || (depth == 0 && is_punct(tokens[i], ','))) {
      read_definition(tokens, start, i, names, out);
      start = i + 1;
    }
  }
  return out;
}

std::string sqlite_after_name(std::string_view create, const SqliteNames& names) {
  const std::vector<Tok> tokens = code_tokens(create);
  return render(tokens, after_name(tokens), tokens.size(), names);
}

}  // namespace devenv::catalog
