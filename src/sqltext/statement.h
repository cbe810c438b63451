#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "sqltext/source_error.h"
#include "sqltext/token.h"

namespace devenv::sqltext {

enum class StatementKind {
  Sql,            // sent to the server
  ClientCommand,  // a psql meta-command such as \connect: handled by the client, not SQL
  CommentOnly,    // comments with no statement after them (kept so no byte is lost)
};

// One statement as written in its source file, without its terminator.
struct Statement {
  StatementKind kind = StatementKind::Sql;
  std::string text;           // leading comments included, trailing whitespace dropped
  SourceLocation where;       // of the first code token (of the text when there is none)
  std::vector<Token> tokens;  // comments and code, not whitespace; offsets relative to `text`

  // True when the text holds a `;` that is code (a routine or trigger body): the
  // mysql client then needs a DELIMITER around it.
  bool has_inner_semicolon() const;
  // True when the first code tokens are these words, in any letter case.
  bool begins_with(std::initializer_list<std::string_view> words) const;
};

}  // namespace devenv::sqltext
