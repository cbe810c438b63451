#pragma once

#include <string>
#include <string_view>

#include "sqltext/dialect.h"
#include "sqltext/source_error.h"
#include "sqltext/token.h"

namespace devenv::sqltext {

// Reads one token at a time from SQL text, tracking line and column. Never copies
// the text. An unterminated string, identifier, comment or dollar quote throws a
// SourceError at the place where it opened.
class Lexer {
 public:
  Lexer(std::string_view text, Dialect dialect, std::string file);
  // For text that is a part of a file (a migration's Up section): positions count on
  // from `start`, so errors and statements point at the file's own lines.
  Lexer(std::string_view text, Dialect dialect, SourceLocation start);

  // Reads the next token; false at the end of the text.
  bool next(Token& token);

  // Consumes `count` bytes without tokenising them (used for client-side
  // delimiters and meta-command lines, which are not SQL).
  void skip(std::size_t count);

  // A MySQL client delimiter other than ";" (e.g. "$$"): the client finds it anywhere
  // outside strings and comments, also glued to a word ("END$$"), so words end there.
  void end_words_at(std::string delimiter) { delimiter_ = std::move(delimiter); }

  std::size_t offset() const { return pos_; }
  int line() const { return line_; }
  int column() const { return column_; }
  std::string_view text() const { return text_; }
  const std::string& file() const { return file_; }

 private:
  char peek(std::size_t ahead = 0) const;
  void advance_to(std::size_t end);
  [[noreturn]] void fail_unterminated(const char* what, std::size_t begin, int line, int column,
                                      const char* hint) const;

  std::size_t scan_whitespace() const;
  std::size_t scan_line_comment() const;
  std::size_t scan_block_comment(int line, int column) const;
  std::size_t scan_quoted(std::size_t open, char quote, bool backslash_escapes, const char* what, int line,
                          int column) const;
  std::size_t scan_dollar_string(int line, int column) const;
  std::size_t scan_bracketed(int line, int column) const;  // SQLite [name]
  std::size_t dollar_tag_length() const;
  std::size_t scan_word() const;
  bool at_delimiter(std::size_t at) const;
  std::size_t scan_number() const;
  bool at_line_comment() const;
  TokenKind scan(std::size_t& end) const;

  std::string_view text_;
  std::string delimiter_;  // "" when words need not stop anywhere
  Dialect dialect_;
  std::string file_;
  std::size_t pos_ = 0;
  int line_ = 1;
  int column_ = 1;
};

}  // namespace devenv::sqltext
