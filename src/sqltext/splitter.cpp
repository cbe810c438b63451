#include "sqltext/splitter.h"

#include <strings.h>

#include <cstring>

#include "sqltext/lexer.h"

namespace devenv::sqltext {

bool Statement::has_inner_semicolon() const {
  for (const Token& token : tokens) {
    if (token.kind == TokenKind::Semicolon) return true;
  }
  return false;
}

namespace {

bool word_is(std::string_view word, std::string_view keyword) {
  return word.size() == keyword.size() && strncasecmp(word.data(), keyword.data(), word.size()) == 0;
}

}  // namespace

bool Statement::begins_with(std::initializer_list<std::string_view> words) const {
  auto word = words.begin();
  for (const Token& token : tokens) {
    if (word == words.end()) break;
    if (!token.is_code()) continue;
    if (token.kind != TokenKind::Word || !word_is(token.text(text), *word++)) return false;
  }
  return word == words.end();
}

namespace {

// Collects the tokens of the statement being read and turns them into Statements.
class StatementBuilder {
 public:
  StatementBuilder(std::string_view text, const std::string& file, std::vector<Statement>& out)
      : text_(text), file_(file), out_(out) {}

  void add(const Token& token) {
    if (token.kind == TokenKind::Whitespace) return;  // the text keeps it; nobody needs it as a token
    if (token.is_code() && first_code_ == npos) first_code_ = tokens_.size();
    if (token.is_code() && token.kind == TokenKind::Word) ++words_;
    tokens_.push_back(token);
  }

  bool has_code() const { return first_code_ != npos; }
  std::size_t word_count() const { return words_; }

  // Ends the current statement. Whitespace-only input produces nothing.
  void finish(StatementKind kind = StatementKind::Sql) {
    if (!tokens_.empty()) emit(kind);
    tokens_.clear();
    first_code_ = npos;
    words_ = 0;
  }

 private:
  static constexpr std::size_t npos = static_cast<std::size_t>(-1);

  void emit(StatementKind kind) {
    Statement statement;
    statement.kind = has_code() ? kind : StatementKind::CommentOnly;
    const Token& anchor = has_code() ? tokens_[first_code_] : tokens_.front();
    statement.where = SourceLocation{file_, anchor.line, anchor.column};
    const std::uint32_t begin = tokens_.front().begin;
    statement.text.assign(text_.substr(begin, tokens_.back().end - begin));
    statement.tokens.reserve(tokens_.size());  // exact size; tokens_ keeps its capacity for the next one
    for (Token token : tokens_) {
      token.begin -= begin;
      token.end -= begin;
      statement.tokens.push_back(token);
    }
    out_.push_back(std::move(statement));
  }

  std::string_view text_;
  const std::string& file_;
  std::vector<Statement>& out_;
  std::vector<Token> tokens_;
  std::size_t first_code_ = npos;
  std::size_t words_ = 0;
};

std::size_t end_of_line(std::string_view text, std::size_t from) {
  const std::size_t newline = text.find('\n', from);
  return newline == std::string_view::npos ? text.size() : newline;
}

std::string_view trim(std::string_view s) {
  const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r'; };
  while (!s.empty() && space(s.front())) s.remove_prefix(1);
  while (!s.empty() && space(s.back())) s.remove_suffix(1);
  return s;
}

class Splitter {
 public:
  Splitter(std::string_view text, Dialect dialect, const SourceLocation& start, std::vector<Statement>& out)
      : text_(text), dialect_(dialect), lexer_(text, dialect, start), builder_(text, start.file, out) {}

  void run() {
    Token token;
    while (true) {
      if (at_custom_delimiter()) {
        end_statement();
        lexer_.skip(delimiter_.size());
        continue;
      }
      if (!lexer_.next(token)) break;
      if (!builder_.has_code() && starts_client_command(token)) continue;
      if (token.kind == TokenKind::Semicolon && delimiter_ == ";" && begin_depth_ == 0) {
        end_statement();
        continue;
      }
      builder_.add(token);
      track_atomic_body(token);
    }
    end_statement();
  }

 private:
  void end_statement() {
    builder_.finish();
    begin_depth_ = 0;
    paren_depth_ = 0;
    last_code_was_semicolon_ = false;
    in_create_ = in_routine_ = false;
  }

  bool at_custom_delimiter() const {
    return delimiter_ != ";" && text_.substr(lexer_.offset()).starts_with(delimiter_);
  }

  // MySQL `DELIMITER x` and psql `\command …` lines are instructions to the client.
  bool starts_client_command(const Token& token) {
    if (dialect_ == Dialect::MySQL && token.kind == TokenKind::Word && word_is(token.text(text_), "DELIMITER")) {
      builder_.finish();  // comments before the command stay a chunk of their own
      const std::size_t eol = end_of_line(text_, token.end);
      std::string_view rest = trim(text_.substr(token.end, eol - token.end));
      const std::size_t space = rest.find_first_of(" \t");
      delimiter_ = std::string(space == std::string_view::npos ? rest : rest.substr(0, space));
      lexer_.end_words_at(delimiter_ == ";" ? "" : delimiter_);
      if (delimiter_.empty()) {
        throw SourceError({lexer_.file(), token.line, token.column}, "DELIMITER needs a terminator after it",
                          "write e.g. `DELIMITER //` before the routine and `DELIMITER ;` after it");
      }
      lexer_.skip(eol - lexer_.offset());
      return true;
    }
    if (dialect_ == Dialect::Postgres && token.kind == TokenKind::Punct && token.text(text_) == "\\") {
      builder_.finish();
      const std::size_t eol = end_of_line(text_, token.end);
      Token line = token;
      line.end = eol;
      line.kind = TokenKind::Word;
      lexer_.skip(eol - lexer_.offset());
      builder_.add(line);
      builder_.finish(StatementKind::ClientCommand);
      return true;
    }
    return false;
  }

  // psql keeps `;` inside the `BEGIN ATOMIC … END` body of a SQL-standard routine. Such bodies
  // exist only in CREATE [OR REPLACE] FUNCTION|PROCEDURE, and only outside parentheses, so a
  // column or parameter named `begin` (CREATE TABLE audit (begin timestamptz)) never opens one.
  // CASE … END inside a body nests; outside a body CASE means nothing here.
  void track_atomic_body(const Token& token) {
    if (dialect_ == Dialect::MySQL) return;
    if (dialect_ == Dialect::SQLite) {
      track_trigger_body(token);
      return;
    }
    if (token.kind == TokenKind::Punct) {
      track_parenthesis(token.text(text_));
      return;
    }
    if (token.kind != TokenKind::Word) return;
    const std::size_t position = builder_.word_count();  // 1 for the statement's first word
    const std::string_view word = token.text(text_);
    if (position <= 4) read_routine_header(position, word);
    if (!in_routine_ || paren_depth_ > 0) return;
    if (word_is(word, "BEGIN")) {
      ++begin_depth_;
    } else if (word_is(word, "CASE") && begin_depth_ > 0) {
      ++begin_depth_;
    } else if (word_is(word, "END") && begin_depth_ > 0) {
      --begin_depth_;
    }
  }

  // SQLite keeps `;` inside the BEGIN … END body of CREATE [TEMP] TRIGGER. `begin` and
  // `end` are also plain column names there, so: the body opens at the first BEGIN
  // outside parentheses after TRIGGER (one in the header, `UPDATE OF begin`, opens it
  // early, which is harmless), and only an END right after a `;` closes it, since every
  // statement of a body ends with one and nothing else does (CASE … END never follows
  // a `;`).
  void track_trigger_body(const Token& token) {
    const bool after_semicolon = last_code_was_semicolon_;
    if (token.is_code()) last_code_was_semicolon_ = token.kind == TokenKind::Semicolon;
    if (token.kind == TokenKind::Punct) {
      track_parenthesis(token.text(text_));
      return;
    }
    if (token.kind != TokenKind::Word) return;
    const std::size_t position = builder_.word_count();
    const std::string_view word = token.text(text_);
    if (position <= 4) read_trigger_header(position, word);
    if (!in_routine_ || paren_depth_ > 0) return;
    if (begin_depth_ == 0 && word_is(word, "BEGIN")) {
      begin_depth_ = 1;
    } else if (begin_depth_ > 0 && after_semicolon && word_is(word, "END")) {
      begin_depth_ = 0;
    }
  }

  void track_parenthesis(std::string_view punct) {
    if (punct == "(") ++paren_depth_;
    if (punct == ")" && paren_depth_ > 0) --paren_depth_;
  }

  // Recognises CREATE FUNCTION, CREATE PROCEDURE and their CREATE OR REPLACE forms.
  void read_routine_header(std::size_t position, std::string_view word) {
    const bool routine = word_is(word, "FUNCTION") || word_is(word, "PROCEDURE");
    switch (position) {
      case 1:
        in_create_ = word_is(word, "CREATE");
        in_routine_ = false;
        return;
      case 2:
        in_routine_ = in_create_ && routine;
        in_create_ = in_create_ && word_is(word, "OR");
        return;
      case 3: in_create_ = in_create_ && word_is(word, "REPLACE"); return;
      default:
        if (in_create_ && routine) in_routine_ = true;
        in_create_ = false;
        return;
    }
  }

  // SQLite: CREATE TRIGGER, CREATE TEMP TRIGGER, CREATE TEMPORARY TRIGGER.
  void read_trigger_header(std::size_t position, std::string_view word) {
    if (position == 1) {
      in_create_ = word_is(word, "CREATE");
      in_routine_ = false;
      return;
    }
    if (!in_create_) return;
    if (word_is(word, "TRIGGER")) {
      in_routine_ = true;
      in_create_ = false;
    } else if (position > 2 || !(word_is(word, "TEMP") || word_is(word, "TEMPORARY"))) {
      in_create_ = false;
    }
  }

  std::string_view text_;
  Dialect dialect_;
  Lexer lexer_;
  StatementBuilder builder_;
  std::string delimiter_ = ";";
  int begin_depth_ = 0;
  int paren_depth_ = 0;
  bool in_create_ = false;                // the words so far could still become CREATE [OR REPLACE] FUNCTION
  bool in_routine_ = false;               // they did
  bool last_code_was_semicolon_ = false;  // SQLite: the code token before this one is `;`
};

void check_size(std::string_view text, const SourceLocation& start) {
  if (text.size() >= UINT32_MAX) {
    throw SourceError(start, "file is larger than 4 GiB", "split it into several schema files");
  }
}

}  // namespace

std::vector<Statement> split(std::string_view text, Dialect dialect, const std::string& file) {
  return split(text, dialect, SourceLocation{file, 1, 1});
}

std::vector<Statement> split(std::string_view text, Dialect dialect, const SourceLocation& start) {
  check_size(text, start);
  std::vector<Statement> statements;
  Splitter(text, dialect, start, statements).run();
  return statements;
}

std::optional<Statement> single_statement(std::string_view text, Dialect dialect, const SourceLocation& start) {
  check_size(text, start);
  Lexer lexer(text, dialect, start);
  std::vector<Token> tokens;
  Token token;
  while (lexer.next(token)) {
    if (token.kind != TokenKind::Whitespace) tokens.push_back(token);
  }
  while (!tokens.empty() && tokens.back().kind == TokenKind::Semicolon) tokens.pop_back();
  if (tokens.empty()) return std::nullopt;
  std::vector<Statement> statements;
  StatementBuilder builder(text, start.file, statements);
  for (const Token& kept : tokens) builder.add(kept);
  builder.finish();
  return std::move(statements.front());
}

}  // namespace devenv::sqltext
