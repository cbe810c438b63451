#include "migrations/text_lines.h"

#include <algorithm>

namespace devenv::migrations {

std::vector<TextLine> lines_of(std::string_view text) {
  std::vector<TextLine> lines;
  std::size_t begin = 0;
  int number = 1;
  while (begin < text.size()) {
    const std::size_t newline = text.find('\n', begin);
    const std::size_t end = newline == std::string_view::npos ? text.size() : newline;
    lines.push_back({text.substr(begin, end - begin), begin, number++});
    begin = end + 1;
  }
  return lines;
}

std::string_view trimmed(std::string_view text) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

int column_at(std::string_view text, std::size_t offset) {
  const std::size_t newline = offset == 0 ? std::string_view::npos : text.rfind('\n', offset - 1);
  const std::size_t line_begin = newline == std::string_view::npos ? 0 : newline + 1;
  int column = 1;
  for (std::size_t i = line_begin; i < offset; ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++column;  // continuation bytes do not count
  }
  return column;
}

int line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<int>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

bool starts_with_bom(std::string_view text) { return text.starts_with("\xEF\xBB\xBF"); }

std::string_view without_bom(std::string_view text) { return starts_with_bom(text) ? text.substr(kBomSize) : text; }

}  // namespace devenv::migrations
