#include "sqltext/shell_escape.h"

#include <strings.h>

#include <algorithm>
#include <cctype>
#include <string>

namespace devenv::sqltext {
namespace {

constexpr const char* kHint = "schema files must not run programs: remove it (run the command outside devenv)";

bool same_word(std::string_view word, std::string_view keyword) {
  return word.size() == keyword.size() && strncasecmp(word.data(), keyword.data(), word.size()) == 0;
}

bool is_punct(const Token& token, std::string_view text, char c) {
  return token.kind == TokenKind::Punct && token.text(text)[0] == c;
}

std::string_view skip_blanks(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  return s;
}

bool has_word(std::string_view text, std::string_view word) {
  for (std::size_t at = 0; at + word.size() <= text.size(); ++at) {
    const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(text[at - 1]));
    const std::size_t after = at + word.size();
    const bool ends = after == text.size() || !std::isalnum(static_cast<unsigned char>(text[after]));
    if (starts && ends && same_word(text.substr(at, word.size()), word)) return true;
  }
  return false;
}

// Why one psql meta-command line (from its backslash to the end of the line) runs a
// program, or nullptr when it does not.
const char* psql_shell_escape(std::string_view line) {
  if (line.starts_with("\\!")) return "psql's \\! runs a shell command";
  const std::size_t name_end = std::min(line.find_first_of(" \t|"), line.size());
  const std::string_view command = line.substr(1, name_end - 1);
  const std::string_view arguments = skip_blanks(line.substr(name_end));
  if (arguments.find('`') != std::string_view::npos)
    return "psql runs `backquoted` text in a meta-command as a shell command";
  for (const char* pipes : {"o", "out", "g", "gx", "w", "write"}) {
    if (command == pipes && arguments.starts_with("|")) return "psql pipes this command's output into a program";
  }
  if (command == "copy" && has_word(arguments, "program")) return "psql's \\copy … program runs a program";
  return nullptr;
}

std::string_view rest_of_line(std::string_view text, std::size_t from) {
  return text.substr(from, std::min(text.find('\n', from), text.size()) - from);
}

class EscapeCheck {
 public:
  EscapeCheck(const Statement& statement, Dialect dialect) : statement_(statement), dialect_(dialect) {}

  void run() const {
    if (statement_.kind == StatementKind::CommentOnly) return;
    if (statement_.kind == StatementKind::ClientCommand) return check_psql_line(statement_.tokens.front(), 0);
    for (std::size_t i = 0; i < statement_.tokens.size(); ++i) {
      const Token& token = statement_.tokens[i];
      if (!token.is_code()) continue;
      if (dialect_ == Dialect::MySQL) {
        check_mysql(i);
      } else if (is_punct(token, statement_.text, '\\')) {
        check_psql_line(token, token.begin);  // psql reads a meta-command even mid-statement
      }
    }
    if (dialect_ == Dialect::Postgres) check_copy_program();
  }

 private:
  [[noreturn]] void fail(const Token& at, const std::string& message) const {
    throw SourceError({statement_.where.file, at.line, at.column}, message, kHint);
  }

  bool first_code(std::size_t index) const {
    for (std::size_t i = 0; i < index; ++i) {
      if (statement_.tokens[i].is_code()) return false;
    }
    return true;
  }

  // mysql: `system …` at the start of a statement, `\!` anywhere outside strings.
  void check_mysql(std::size_t index) const {
    const Token& token = statement_.tokens[index];
    const std::string_view text = statement_.text;
    if (token.kind == TokenKind::Word && same_word(token.text(text), "system") && first_code(index)) {
      fail(token, "the mysql client's `system` command runs a shell command");
    }
    const bool bang_follows = index + 1 < statement_.tokens.size() && statement_.tokens[index + 1].begin == token.end &&
                              is_punct(statement_.tokens[index + 1], text, '!');
    if (is_punct(token, text, '\\') && bang_follows) fail(token, "the mysql client's \\! runs a shell command");
  }

  void check_psql_line(const Token& at, std::size_t from) const {
    if (const char* why = psql_shell_escape(rest_of_line(statement_.text, from))) fail(at, why);
  }

  // COPY … FROM/TO PROGRAM: the server runs it, as the superuser that applies init scripts.
  void check_copy_program() const {
    const Token* first = nullptr;
    for (const Token& token : statement_.tokens) {
      if (!token.is_code()) continue;
      const std::string_view word = token.text(statement_.text);
      if (!first) {
        if (token.kind != TokenKind::Word || !same_word(word, "COPY")) return;
        first = &token;
      } else if (token.kind == TokenKind::Word && same_word(word, "PROGRAM")) {
        fail(token, "COPY … PROGRAM runs a program on the server");
      }
    }
  }

  const Statement& statement_;
  Dialect dialect_;
};

}  // namespace

void reject_shell_escapes(const Statement& statement, Dialect dialect) { EscapeCheck(statement, dialect).run(); }

}  // namespace devenv::sqltext
