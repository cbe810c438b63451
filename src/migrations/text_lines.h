#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace devenv::migrations {

// One line of a migration file. Tools that read files line by line (goose, dbmate) decide
// by whole lines, and parts of a file must keep pointing at its lines.
struct TextLine {
  std::string_view text;  // without its "\n"; a "\r" before it stays (see trimmed())
  std::size_t begin = 0;  // offset of its first byte in the file's text
  int number = 1;         // 1-based

  std::size_t end() const { return begin + text.size(); }
};

std::vector<TextLine> lines_of(std::string_view text);

// Without leading and trailing spaces, tabs, "\r", "\f", "\v" (Go's TrimSpace, for ASCII).
std::string_view trimmed(std::string_view text);

// The 1-based column of `offset` on its line, counting code points as the lexer does.
int column_at(std::string_view text, std::size_t offset);
// The 1-based line of `offset`.
int line_at(std::string_view text, std::size_t offset);

// A UTF-8 byte-order mark: editors on Windows write one, and tools differ on it.
bool starts_with_bom(std::string_view text);
std::string_view without_bom(std::string_view text);
constexpr std::size_t kBomSize = 3;

}  // namespace devenv::migrations
