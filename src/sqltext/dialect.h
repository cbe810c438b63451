#pragma once

namespace devenv::sqltext {

// The SQL families devenv reads. MariaDB and MySQL share one dialect: their lexical
// rules (backticks, `#` comments, backslash escapes, DELIMITER) are the same. SQLite's:
// "…", `…` and […] identifiers, no backslash escapes, no dollar quotes, and `;` inside
// a trigger's BEGIN … END body.
enum class Dialect { MySQL, Postgres, SQLite };

}  // namespace devenv::sqltext
