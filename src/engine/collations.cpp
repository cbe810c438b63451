#include "engine/collations.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <utility>

namespace devenv::engine {
namespace {

// MySQL's language codes in `utf8mb4_<code>_0900_…`, and MariaDB's uca1400 tailoring
// of the same language ("" where MariaDB 10.11 has none: the root collation is nearest).
constexpr std::array<std::pair<std::string_view, std::string_view>, 32> kLanguages{{
    {"cs", "czech"},      {"da", "danish"},
    {"de_pb", "german2"}, {"eo", "esperanto"},
    {"es", "spanish"},    {"es_trad", "spanish2"},
    {"et", "estonian"},   {"hr", "croatian"},
    {"hu", "hungarian"},  {"is", "icelandic"},
    {"la", "roman"},      {"lt", "lithuanian"},
    {"lv", "latvian"},    {"pl", "polish"},
    {"ro", "romanian"},   {"sk", "slovak"},
    {"sl", "slovenian"},  {"sv", "swedish"},
    {"tr", "turkish"},    {"vi", "vietnamese"},
    {"bs", "croatian"},   {"sr_latn", "croatian"},
    {"ru", ""},           {"zh", ""},
    {"ja", ""},           {"bg", ""},
    {"gl", "spanish"},    {"mn", ""},
    {"nb", "danish"},     {"nn", "danish"},
    {"mk", ""},           {"ar", ""},
}};

std::string lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return std::tolower(c); });
  return out;
}

// "ai_ci", "as_ci", "as_cs" (and Japanese "as_cs_ks", whose kana sensitivity MariaDB lacks).
std::optional<std::string_view> sensitivity(std::string_view suffix) {
  for (std::string_view known : {"ai_ci", "as_ci", "as_cs"}) {
    if (suffix == known) return known;
  }
  if (suffix == "as_cs_ks") return std::string_view("as_cs");
  return std::nullopt;
}

std::optional<std::string_view> tailoring(std::string_view language) {
  for (const auto& [code, name] : kLanguages) {
    if (code == language) return name;
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> mariadb_collation_for(std::string_view mysql_collation) {
  const std::string name = lower(mysql_collation);
  constexpr std::string_view kPrefix = "utf8mb4_";
  constexpr std::string_view kMarker = "0900_";
  if (!name.starts_with(kPrefix)) return std::nullopt;
  const std::size_t marker = name.find(kMarker, kPrefix.size());
  if (marker == std::string::npos) return std::nullopt;
  const std::string_view rest = std::string_view(name).substr(marker + kMarker.size());
  std::string_view language;
  if (marker > kPrefix.size()) {
    if (name[marker - 1] != '_') return std::nullopt;
    language = std::string_view(name).substr(kPrefix.size(), marker - 1 - kPrefix.size());
  }
  if (language.empty() && rest == "bin") return std::string("utf8mb4_nopad_bin");
  const std::optional<std::string_view> weights = sensitivity(rest);
  const std::optional<std::string_view> tailored = language.empty() ? std::string_view() : tailoring(language);
  if (!weights || !tailored) return std::nullopt;
  const std::string infix = tailored->empty() ? "" : std::string(*tailored) + "_";
  return "utf8mb4_uca1400_" + infix + "nopad_" + std::string(*weights);
}

std::optional<std::string> unknown_collation(std::string_view server_error) {
  constexpr std::string_view kMarker = "Unknown collation: '";
  const std::size_t at = server_error.find(kMarker);
  if (at == std::string_view::npos) return std::nullopt;
  const std::size_t begin = at + kMarker.size();
  const std::size_t end = server_error.find('\'', begin);
  if (end == std::string_view::npos) return std::nullopt;
  return std::string(server_error.substr(begin, end - begin));
}

std::string unknown_collation_hint(std::string_view collation) {
  if (const std::optional<std::string> mapped = mariadb_collation_for(collation)) {
    return std::string(collation) + " is MySQL 8's; on MariaDB `devenv build` writes " + *mapped +
           " instead (MariaDB 10.10 or later): run `devenv build`, or write " + *mapped + " in the file";
  }
  return std::string(collation) +
         " is not a collation of this server: pick one from SHOW COLLATION (devenv maps only MySQL 8's _0900_ "
         "collations, e.g. utf8mb4_0900_ai_ci → utf8mb4_uca1400_nopad_ai_ci on MariaDB)";
}

}  // namespace devenv::engine
