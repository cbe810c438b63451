#pragma once

#include <optional>
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
// The same for text that starts at `start` in its file (a part of a migration file), so
// every Statement's `where`, and every error, names the file's own line and column.
std::vector<Statement> split(std::string_view text, Dialect dialect, const SourceLocation& start);

// All of `text` as ONE statement, for a block a migration tool sends to the server
// unsplit (goose `StatementBegin` … `StatementEnd`): semicolons inside stay code
// (has_inner_semicolon() then says the mysql client needs a DELIMITER), and no client
// command (DELIMITER, psql `\`) is looked for. Trailing semicolons and whitespace are not
// part of the text, as with split(). nullopt when nothing else is left. Throws SourceError
// for unterminated strings, comments, dollar quotes.
std::optional<Statement> single_statement(std::string_view text, Dialect dialect, const SourceLocation& start);

}  // namespace devenv::sqltext
