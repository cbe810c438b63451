#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace devenv::sqltext {

enum class TokenKind : std::uint8_t {
  Whitespace,
  Comment,            // -- … , # … (MySQL), /* … */
  ExecutableComment,  // MySQL /*! … */ and MariaDB /*M! … */: code the server runs
  Word,               // keyword or bare identifier
  QuotedIdentifier,   // `name` (MySQL) or "name" (PostgreSQL)
  String,             // '…', "…" (MySQL), E'…' (PostgreSQL)
  DollarString,       // $$…$$, $tag$…$tag$ (PostgreSQL)
  Number,
  Semicolon,
  Punct,  // any other single character
};

// One lexical token. `begin`/`end` are byte offsets into the text that was lexed
// (32 bits: statements keep their tokens, and a large schema file has millions);
// line and column are those of the first byte, 1-based.
struct Token {
  TokenKind kind;
  std::uint32_t begin;
  std::uint32_t end;
  std::int32_t line;
  std::int32_t column;

  std::string_view text(std::string_view source) const { return source.substr(begin, end - begin); }
  bool is_code() const { return kind != TokenKind::Whitespace && kind != TokenKind::Comment; }
};

}  // namespace devenv::sqltext
