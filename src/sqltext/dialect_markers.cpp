#include "sqltext/dialect_markers.h"

#include <array>
#include <cctype>
#include <string>

namespace devenv::sqltext {

namespace {

constexpr std::array kPostgresWords = {"timestamptz", "timetz",   "jsonb",     "bytea",  "bigserial", "smallserial",
                                       "plpgsql",     "tsvector", "tsquery",   "citext", "regclass",  "cidr",
                                       "macaddr",     "inet",     "extension", "ilike",  "nextval",   "search_path"};
constexpr std::array kMysqlWords = {"auto_increment", "unsigned", "engine",     "innodb",   "myisam",
                                    "delimiter",      "tinyint",  "mediumint",  "tinytext", "mediumtext",
                                    "longtext",       "tinyblob", "mediumblob", "longblob", "zerofill"};

bool word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

template <std::size_t N>
bool listed(const std::array<const char*, N>& words, const std::string& word) {
  for (const char* listed_word : words) {
    if (word == listed_word) return true;
  }
  return false;
}

struct Counts {
  int postgres = 0;
  int mysql = 0;
};

void count_word(const std::string& word, Counts& counts) {
  if (listed(kPostgresWords, word)) ++counts.postgres;
  if (listed(kMysqlWords, word)) ++counts.mysql;
}

void count_sign(std::string_view text, std::size_t at, Counts& counts) {
  const char c = text[at];
  const char next = at + 1 < text.size() ? text[at + 1] : '\0';
  if (c == '`') ++counts.mysql;
  if ((c == ':' && next == ':') || (c == '[' && next == ']')) ++counts.postgres;
  const bool line_start = at == 0 || text[at - 1] == '\n';
  if (c == '\\' && line_start && (text.substr(at, 3) == "\\c " || text.substr(at, 8) == "\\connect")) ++counts.postgres;
}

}  // namespace

std::optional<Dialect> dialect_by_markers(std::string_view text) {
  Counts counts;
  std::size_t at = 0;
  while (at < text.size()) {
    if (!word_char(text[at])) {
      count_sign(text, at++, counts);
      continue;
    }
    std::string word;
    for (; at < text.size() && word_char(text[at]); ++at)
      word += static_cast<char>(std::tolower(static_cast<unsigned char>(text[at])));
    count_word(word, counts);
  }
  if (counts.postgres == counts.mysql) return std::nullopt;
  return counts.postgres > counts.mysql ? Dialect::Postgres : Dialect::MySQL;
}

}  // namespace devenv::sqltext
