#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "catalog/differ.h"

namespace devenv::catalog {

// One pattern of what verify and diff leave out of a report, as Skeema's ignore-table
// and Atlas's exclude do: `kind:glob`, where kind is a report kind name (kind_name:
// table, column, foreign key, …) and the glob (`*`, `?`, `[…]`) matches the object's
// name. A table part is named table.part (`column:users.legacy_*`); an object in a
// PostgreSQL schema matches by its bare name or as schema.name. A pattern for a
// database, a schema or a table also leaves out everything inside it.
struct IgnorePattern {
  Kind kind;
  std::string glob;
};

// "table:audit_*" → the pattern; nullopt when the kind is not a kind name or the glob
// is empty.
std::optional<IgnorePattern> parse_ignore_pattern(std::string_view text);

// "database, schema, …": the kind names a pattern may start with, for error messages.
std::string ignore_kinds();

bool ignores(const IgnorePattern& pattern, const Difference& difference);

}  // namespace devenv::catalog
