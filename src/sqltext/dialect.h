#pragma once

namespace devenv::sqltext {

// The two SQL families devenv reads. MariaDB and MySQL share one dialect: their
// lexical rules (backticks, `#` comments, backslash escapes, DELIMITER) are the same.
enum class Dialect { MySQL, Postgres };

}  // namespace devenv::sqltext
