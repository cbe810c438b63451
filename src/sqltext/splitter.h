#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sqltext/dialect.h"
#include "sqltext/statement.h"

namespace devenv::sqltext {

// Splits a script into statements the way the engine's own client does:
// MySQL `DELIMITER` changes the terminator (the command itself is not a statement),
// psql meta-commands (`\connect db`) end at the end of their line, PostgreSQL
// `BEGIN ATOMIC … END` bodies keep their semicolons, and a last statement may lack
// its terminator. Throws SourceError for unterminated strings, comments, dollar quotes.
std::vector<Statement> split(std::string_view text, Dialect dialect, const std::string& file);

}  // namespace devenv::sqltext
