#include "catalog/ignore_pattern.h"

#include <fnmatch.h>

#include <vector>

namespace devenv::catalog {

namespace {

bool glob_matches(const std::string& glob, const std::string& name) {
  return !name.empty() && fnmatch(glob.c_str(), name.c_str(), 0) == 0;
}

// A name as it stands alone and, inside a PostgreSQL schema, qualified by it.
std::vector<std::string> spellings(const Difference& d, const std::string& name) {
  std::vector<std::string> out = {name};
  if (!d.space.empty() && d.space != d.database) out.push_back(d.space + "." + name);
  return out;
}

bool any_matches(const std::string& glob, const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (glob_matches(glob, name)) return true;
  }
  return false;
}

// The names of `d` a pattern of `kind` is matched against; none when it cannot apply.
std::vector<std::string> names_for(Kind kind, const Difference& d) {
  if (kind == Kind::Database) return {d.database};
  if (kind == Kind::Schema) return {d.kind == Kind::Schema ? d.name : d.space};
  if (kind == Kind::Table && (d.kind == Kind::Table || is_table_part(d.kind))) return spellings(d, d.table);
  if (kind != d.kind) return {};
  if (is_table_part(kind)) return spellings(d, d.table + "." + d.name);
  return spellings(d, d.name);
}

}  // namespace

std::optional<IgnorePattern> parse_ignore_pattern(std::string_view text) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon + 1 == text.size()) return std::nullopt;
  const std::string_view kind = text.substr(0, colon);
  for (const Kind candidate : all_kinds()) {
    if (kind == kind_name(candidate)) return IgnorePattern{candidate, std::string(text.substr(colon + 1))};
  }
  return std::nullopt;
}

std::string ignore_kinds() {
  std::string out;
  for (const Kind kind : all_kinds()) out += (out.empty() ? "" : ", ") + std::string(kind_name(kind));
  return out;
}

bool ignores(const IgnorePattern& pattern, const Difference& difference) {
  return any_matches(pattern.glob, names_for(pattern.kind, difference));
}

}  // namespace devenv::catalog
