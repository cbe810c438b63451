#include "catalog/mysql_normalise.h"

#include <algorithm>
#include <cctype>
#include <regex>

#include "sqltext/lexer.h"
#include "util/ascii_case.h"

namespace devenv::catalog::mysql {

namespace {

std::string lower(std::string text) { return util::ascii_lower(std::move(text)); }

// ENUM and SET labels are values: "ENUM('HTTP-01')" keeps its labels byte for byte.
std::string lower_outside_quotes(std::string text) {
  bool quoted = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') {
      quoted = !quoted;  // '' inside a label toggles twice
    } else if (c == '\\' && quoted && i + 1 < text.size()) {
      ++i;
    } else if (!quoted) {
      text[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
  }
  return text;
}

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::toupper(c); });
  return text;
}

bool is_number(const std::string& text) {
  static const std::regex number("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
  return std::regex_match(text, number);
}

std::string quote(const std::string& value) {
  std::string out = "'";
  for (char c : value) {
    if (c == '\'' || c == '\\') out.push_back(c == '\'' ? '\'' : '\\');
    out.push_back(c);
  }
  return out + "'";
}

// current_timestamp, CURRENT_TIMESTAMP(3), now(), localtimestamp… → current_timestamp(N)
std::string timestamp_function(const std::string& expression) {
  static const std::regex pattern("(current_timestamp|now|localtimestamp|localtime)\\s*(\\(\\s*([0-9]*)\\s*\\))?",
                                  std::regex::icase);
  std::smatch match;
  if (!std::regex_match(expression, match, pattern)) return expression;
  const std::string precision = match[3].str();
  return "current_timestamp(" + (precision == "0" ? "" : precision) + ")";
}

bool numeric_type(const std::string& type) {
  static const std::regex numeric(
      "(tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit|bool|boolean)\\b.*",
      std::regex::icase);
  return std::regex_match(type, numeric);
}

}  // namespace

std::string column_type(const std::string& type) {
  static const std::regex width("^(tinyint|smallint|mediumint|int|bigint)\\([0-9]+\\)(.*)$", std::regex::icase);
  const std::string lowered = lower_outside_quotes(type);
  if (lowered.find("zerofill") != std::string::npos) return lowered;
  if (lowered.rfind("tinyint(1)", 0) == 0) return lowered;
  std::smatch match;
  return std::regex_match(lowered, match, width) ? match[1].str() + match[2].str() : lowered;
}

std::string charset(const std::string& name) {
  if (name == "utf8") return "utf8mb3";
  if (name.rfind("utf8_", 0) == 0) return "utf8mb3_" + name.substr(5);
  return name;
}

std::optional<std::string> column_default(const std::optional<std::string>& value, const std::string& type,
                                          const std::string& extra, bool mariadb, bool nullable) {
  if (!value) return std::nullopt;
  std::string text = *value;
  if (mariadb) {
    if (text == "NULL") return nullable ? std::nullopt : std::optional<std::string>("NULL");
    if (!text.empty() && text.front() == '\'') return text;  // a quoted literal, as written back
    if (is_number(text)) return text;
    return timestamp_function(text);  // an expression
  }
  if (lower(extra).find("default_generated") != std::string::npos) return timestamp_function(text);
  if (is_number(text) && numeric_type(type)) return text;
  return quote(text);
}

std::string on_update(const std::string& extra) {
  static const std::regex pattern("on update ([a-z_]+(\\([0-9]*\\))?)", std::regex::icase);
  std::smatch match;
  if (!std::regex_search(extra, match, pattern)) return "";
  return "ON UPDATE " + timestamp_function(match[1].str());
}

std::string body(const std::string& text) {
  std::string out;
  try {
    sqltext::Lexer lexer(text, sqltext::Dialect::MySQL, "");
    sqltext::Token token;
    bool pending_space = false;
    while (lexer.next(token)) {
      if (token.kind == sqltext::TokenKind::Whitespace || token.kind == sqltext::TokenKind::Comment) {
        pending_space = !out.empty();
        continue;
      }
      if (pending_space) out.push_back(' ');
      pending_space = false;
      out.append(token.text(text));
    }
  } catch (const sqltext::SourceError&) {
    return text;  // not lexable: compare as it is
  }
  return out;
}

std::vector<std::pair<std::string, std::string>> create_options(const std::string& list) {
  std::vector<std::pair<std::string, std::string>> out;
  std::size_t at = 0;
  while (at < list.size()) {
    const std::size_t end = std::min(list.find(' ', at), list.size());
    const std::string option = list.substr(at, end - at);
    at = end + 1;
    const std::size_t equals = option.find('=');
    if (equals == std::string::npos) continue;  // "partitioned"
    const std::string name = lower(option.substr(0, equals)), value = option.substr(equals + 1);
    if (name == "row_format") out.emplace_back("ROW_FORMAT", upper(value));
    if (name == "key_block_size") out.emplace_back("KEY_BLOCK_SIZE", value);
  }
  return out;
}

std::string referential_action(const std::string& rule) {
  const std::string upper = rule;
  return upper == "RESTRICT" || upper == "NO ACTION" ? "" : upper;
}

}  // namespace devenv::catalog::mysql
