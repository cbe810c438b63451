#pragma once

#include <string>
#include <string_view>

#include "sqltext/dialect.h"

namespace devenv::sqltext {

// The name an identifier token stands for: quotes removed and doubled quotes
// undoubled; bare PostgreSQL identifiers fold to lower case, as the server does.
std::string identifier_value(std::string_view token_text, Dialect dialect);

// Quotes a name for use in SQL: MySQL always with backticks; PostgreSQL only when
// the bare form would not read back as the same name.
std::string quote_identifier(std::string_view name, Dialect dialect);

// Quotes a string literal ('…' with quotes doubled; MySQL also escapes backslashes).
std::string quote_string(std::string_view value, Dialect dialect);

}  // namespace devenv::sqltext
