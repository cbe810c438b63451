#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace devenv::engine {

// MySQL 8/9 collations (utf8mb4_0900_ai_ci and the other `_0900_` names, UCA 9.0.0)
// do not exist on MariaDB 10.x, which fails with "Unknown collation". The nearest
// MariaDB collation (10.10+) has the same weights' idea and the same NO PAD
// attribute: utf8mb4_0900_ai_ci → utf8mb4_uca1400_nopad_ai_ci, a language's tailoring
// to MariaDB's of the same language (or the root one where MariaDB has none),
// utf8mb4_0900_bin → utf8mb4_nopad_bin. nullopt for every other name (case-insensitive).
std::optional<std::string> mariadb_collation_for(std::string_view mysql_collation);

// The collation a server error names as unknown ("Unknown collation: 'x'", MySQL and
// MariaDB ERROR 1273); nullopt for any other error.
std::optional<std::string> unknown_collation(std::string_view server_error);

// What to do about an unknown collation: the mapping devenv applies for MariaDB, or
// how to find the server's own names.
std::string unknown_collation_hint(std::string_view collation);

}  // namespace devenv::engine
