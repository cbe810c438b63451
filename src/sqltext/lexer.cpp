#include "sqltext/lexer.h"

namespace devenv::sqltext {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool is_digit(char c) { return c >= '0' && c <= '9'; }
bool is_word_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || static_cast<unsigned char>(c) >= 0x80;
}
bool is_word_char(char c) { return is_word_start(c) || is_digit(c) || c == '$'; }

}  // namespace

Lexer::Lexer(std::string_view text, Dialect dialect, std::string file)
    : text_(text), dialect_(dialect), file_(std::move(file)) {}

Lexer::Lexer(std::string_view text, Dialect dialect, SourceLocation start)
    : text_(text), dialect_(dialect), file_(std::move(start.file)), line_(start.line), column_(start.column) {}

char Lexer::peek(std::size_t ahead) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }

void Lexer::advance_to(std::size_t end) {
  for (; pos_ < end; ++pos_) {
    const char c = text_[pos_];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {  // count code points, not bytes
      ++column_;
    }
  }
}

void Lexer::skip(std::size_t count) { advance_to(std::min(text_.size(), pos_ + count)); }

void Lexer::fail_unterminated(const char* what, std::size_t, int line, int column, const char* hint) const {
  throw SourceError({file_, line, column}, std::string("unterminated ") + what + " (opened here)", hint);
}

std::size_t Lexer::scan_whitespace() const {
  std::size_t end = pos_;
  while (end < text_.size() && is_space(text_[end])) ++end;
  return end;
}

std::size_t Lexer::scan_line_comment() const {
  const std::size_t newline = text_.find('\n', pos_);
  return newline == std::string_view::npos ? text_.size() : newline;
}

// PostgreSQL block comments nest; MySQL's do not.
std::size_t Lexer::scan_block_comment(int line, int column) const {
  int depth = 0;
  std::size_t i = pos_;
  while (i + 1 < text_.size()) {
    if (text_[i] == '/' && text_[i + 1] == '*' && (depth == 0 || dialect_ == Dialect::Postgres)) {
      ++depth;
      i += 2;
    } else if (text_[i] == '*' && text_[i + 1] == '/') {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  fail_unterminated("comment", pos_, line, column, "close it with */");
}

std::size_t Lexer::scan_quoted(std::size_t open, char quote, bool backslash_escapes, const char* what, int line,
                               int column) const {
  std::size_t i = open + 1;
  while (i < text_.size()) {
    const char c = text_[i];
    if (backslash_escapes && c == '\\') {
      i += 2;
    } else if (c == quote) {
      if (i + 1 < text_.size() && text_[i + 1] == quote) {
        i += 2;  // doubled quote stands for itself
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  fail_unterminated(what, pos_, line, column, "close it with the same quote, or double the quote inside it");
}

std::size_t Lexer::scan_bracketed(int line, int column) const {
  const std::size_t close = text_.find(']', pos_ + 1);
  if (close == std::string_view::npos) {
    throw SourceError({file_, line, column}, "unterminated [quoted identifier] (opened here)", "close it with ]");
  }
  return close + 1;
}

// Length of a dollar-quote tag starting at pos_ ("$$", "$body$"), or 0 when the
// dollar sign starts something else (a parameter such as $1).
std::size_t Lexer::dollar_tag_length() const {
  std::size_t i = pos_ + 1;
  if (i < text_.size() && text_[i] == '$') return 2;
  if (i >= text_.size() || !is_word_start(text_[i])) return 0;
  while (i < text_.size() && is_word_char(text_[i]) && text_[i] != '$') ++i;
  return i < text_.size() && text_[i] == '$' ? i + 1 - pos_ : 0;
}

std::size_t Lexer::scan_dollar_string(int line, int column) const {
  const std::size_t tag_length = dollar_tag_length();
  const std::string_view tag = text_.substr(pos_, tag_length);
  const std::size_t close = text_.find(tag, pos_ + tag_length);
  if (close == std::string_view::npos) {
    throw SourceError({file_, line, column}, "unterminated dollar-quoted string " + std::string(tag) + " (opened here)",
                      "close it with " + std::string(tag));
  }
  return close + tag_length;
}

bool Lexer::at_delimiter(std::size_t at) const {
  return !delimiter_.empty() && text_.substr(at).starts_with(delimiter_);
}

std::size_t Lexer::scan_word() const {
  std::size_t end = pos_;
  while (end < text_.size() && is_word_char(text_[end]) && !(end > pos_ && at_delimiter(end))) ++end;
  return end;
}

std::size_t Lexer::scan_number() const {
  std::size_t end = pos_;
  while (end < text_.size() && (is_digit(text_[end]) || text_[end] == '.')) ++end;
  if (end < text_.size() && (text_[end] == 'e' || text_[end] == 'E')) {
    std::size_t exp = end + 1;
    if (exp < text_.size() && (text_[exp] == '+' || text_[exp] == '-')) ++exp;
    if (exp < text_.size() && is_digit(text_[exp])) {
      end = exp;
      while (end < text_.size() && is_digit(text_[end])) ++end;
    }
  }
  // MySQL allows identifiers that start with digits (e.g. 1st_quarter).
  if (dialect_ == Dialect::MySQL) {
    while (end < text_.size() && is_word_char(text_[end]) && !at_delimiter(end)) ++end;
  }
  return end;
}

// MySQL needs whitespace (or the end) after "--" for a comment; "1--1" is arithmetic.
bool Lexer::at_line_comment() const {
  if (peek() == '#') return dialect_ == Dialect::MySQL;
  if (peek() != '-' || peek(1) != '-') return false;
  if (dialect_ != Dialect::MySQL) return true;
  const char after = peek(2);
  return after == '\0' || is_space(after);
}

TokenKind Lexer::scan(std::size_t& end) const {
  const char c = peek();
  const bool mysql = dialect_ == Dialect::MySQL;
  if (is_space(c)) {
    end = scan_whitespace();
    return TokenKind::Whitespace;
  }
  if (at_line_comment()) {
    end = scan_line_comment();
    return TokenKind::Comment;
  }
  if (c == '/' && peek(1) == '*') {
    end = scan_block_comment(line_, column_);
    const bool executable = mysql && (peek(2) == '!' || (peek(2) == 'M' && peek(3) == '!'));
    return executable ? TokenKind::ExecutableComment : TokenKind::Comment;
  }
  if (c == '\'') {
    end = scan_quoted(pos_, '\'', mysql, "string", line_, column_);
    return TokenKind::String;
  }
  if (c == '"') {
    end = scan_quoted(pos_, '"', mysql, mysql ? "string" : "quoted identifier", line_, column_);
    return mysql ? TokenKind::String : TokenKind::QuotedIdentifier;
  }
  if (c == '`' && dialect_ != Dialect::Postgres) {
    end = scan_quoted(pos_, '`', false, "quoted identifier", line_, column_);
    return TokenKind::QuotedIdentifier;
  }
  if (c == '[' && dialect_ == Dialect::SQLite) {  // [name], as MS Access wrote them; no escapes
    end = scan_bracketed(line_, column_);
    return TokenKind::QuotedIdentifier;
  }
  if (c == '$' && dialect_ == Dialect::Postgres && dollar_tag_length() > 0) {
    end = scan_dollar_string(line_, column_);
    return TokenKind::DollarString;
  }
  if (dialect_ == Dialect::Postgres && (c == 'E' || c == 'e') && peek(1) == '\'') {  // E'…' escape string
    end = scan_quoted(pos_ + 1, '\'', true, "string", line_, column_);
    return TokenKind::String;
  }
  if (is_digit(c) || (c == '.' && is_digit(peek(1)))) {
    end = scan_number();
    return TokenKind::Number;
  }
  if (is_word_start(c)) {
    end = scan_word();
    return TokenKind::Word;
  }
  end = pos_ + 1;
  return c == ';' ? TokenKind::Semicolon : TokenKind::Punct;
}

bool Lexer::next(Token& token) {
  if (pos_ >= text_.size()) return false;
  std::size_t end = pos_;
  const TokenKind kind = scan(end);
  token = Token{kind, static_cast<std::uint32_t>(pos_), static_cast<std::uint32_t>(end), line_, column_};
  advance_to(end);
  return true;
}

}  // namespace devenv::sqltext
