#pragma once

#include <optional>
#include <string_view>

#include "sqltext/dialect.h"

namespace devenv::sqltext {

// The SQL family a schema file is written for, told by words and signs only one of
// them has: PostgreSQL's `::` casts, `[]` arrays, `\connect` and its own types
// (timestamptz, jsonb, bytea, bigserial…); MySQL's backticks and its own words
// (AUTO_INCREMENT, UNSIGNED, ENGINE, DELIMITER, tinyint, longtext…). The family with
// more of them wins; nullopt when there are none or as many of each. Words both
// families know (SERIAL, UUID, RETURNING, `$$` as a MySQL delimiter) count for neither.
std::optional<Dialect> dialect_by_markers(std::string_view text);

}  // namespace devenv::sqltext
