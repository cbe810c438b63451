#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sqltext/statement.h"

namespace devenv::sqltext {

using CollationMap = std::function<std::optional<std::string>(std::string_view)>;

// One token of a statement rewritten because it names (or, for a MySQL `/*! … */`
// executable comment, holds) a collation the server lacks.
struct CollationReplacement {
  std::size_t token;                                       // index into Statement::tokens
  std::string text;                                        // the token's new text
  std::vector<std::pair<std::string, std::string>> names;  // collation written → mapped
};

// Where a MySQL statement names a collation `map` maps: bare or backquoted words
// anywhere in code (collation names are distinctive), a string only as the value of
// COLLATE or a collation_* variable, and the words inside executable comments (a
// dump's `/*!50003 SET collation_connection = … */`). Never inside plain comments or
// other strings: those are text, not names.
std::vector<CollationReplacement> collation_replacements(const Statement& statement, const CollationMap& map);

}  // namespace devenv::sqltext
