#include "sqltext/identifier.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace devenv::sqltext {
namespace {

std::string undouble(std::string_view body, char quote) {
  std::string out;
  out.reserve(body.size());
  for (std::size_t i = 0; i < body.size(); ++i) {
    out.push_back(body[i]);
    if (body[i] == quote && i + 1 < body.size() && body[i + 1] == quote) ++i;
  }
  return out;
}

// Words PostgreSQL will not accept as bare names: its reserved keywords and those
// reserved except as function or type names (PostgreSQL 15's kwlist.h, plus 16's
// system_user). Quoting more than needed is still correct; less is an error.
bool is_postgres_reserved(std::string_view name) {
  static constexpr std::array<std::string_view, 101> reserved = {
      "all",
      "analyse",
      "analyze",
      "and",
      "any",
      "array",
      "as",
      "asc",
      "asymmetric",
      "authorization",
      "binary",
      "both",
      "case",
      "cast",
      "check",
      "collate",
      "collation",
      "column",
      "concurrently",
      "constraint",
      "create",
      "cross",
      "current_catalog",
      "current_date",
      "current_role",
      "current_schema",
      "current_time",
      "current_timestamp",
      "current_user",
      "default",
      "deferrable",
      "desc",
      "distinct",
      "do",
      "else",
      "end",
      "except",
      "false",
      "fetch",
      "for",
      "foreign",
      "freeze",
      "from",
      "full",
      "grant",
      "group",
      "having",
      "ilike",
      "in",
      "initially",
      "inner",
      "intersect",
      "into",
      "is",
      "isnull",
      "join",
      "lateral",
      "leading",
      "left",
      "like",
      "limit",
      "localtime",
      "localtimestamp",
      "natural",
      "not",
      "notnull",
      "null",
      "offset",
      "on",
      "only",
      "or",
      "order",
      "outer",
      "overlaps",
      "placing",
      "primary",
      "references",
      "returning",
      "right",
      "select",
      "session_user",
      "similar",
      "some",
      "symmetric",
      "system_user",
      "table",
      "tablesample",
      "then",
      "to",
      "trailing",
      "true",
      "union",
      "unique",
      "user",
      "using",
      "variadic",
      "verbose",
      "when",
      "where",
      "window",
      "with",
  };
  return std::binary_search(reserved.begin(), reserved.end(), name);
}

bool is_plain_lower_identifier(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

}  // namespace

std::string identifier_value(std::string_view text, Dialect dialect) {
  if (text.size() >= 2 && (text.front() == '`' || text.front() == '"') && text.back() == text.front()) {
    return undouble(text.substr(1, text.size() - 2), text.front());
  }
  if (dialect == Dialect::SQLite && text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    return std::string(text.substr(1, text.size() - 2));
  }
  std::string name(text);
  if (dialect == Dialect::Postgres) {
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  }
  return name;
}

std::string quote_identifier(std::string_view name, Dialect dialect) {
  const char quote = dialect == Dialect::MySQL ? '`' : '"';
  if (dialect == Dialect::Postgres && is_plain_lower_identifier(name) && !is_postgres_reserved(name)) {
    return std::string(name);
  }
  std::string out(1, quote);
  for (char c : name) {
    out.push_back(c);
    if (c == quote) out.push_back(quote);
  }
  out.push_back(quote);
  return out;
}

std::string quote_string(std::string_view value, Dialect dialect) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'') out.push_back('\'');
    if (c == '\\' && dialect == Dialect::MySQL) out.push_back('\\');
    out.push_back(c);
  }
  out.push_back('\'');
  return out;
}

}  // namespace devenv::sqltext
