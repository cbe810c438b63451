// goose's SQL file format, read as goose's line scanner reads it
// (pressly/goose internal/sqlparser/parser.go, docs/migration-tools.md section 3).
#include <strings.h>
#include <algorithm>
#include <optional>

#include "migrations/text_lines.h"
#include "migrations/tool_scripts.h"
#include "sqltext/source_error.h"

namespace devenv::migrations {
namespace {

enum class Annotation { Up, Down, StatementBegin, StatementEnd, NoTransaction, EnvsubOn, EnvsubOff };

struct AnnotationName {
  Annotation annotation;
  std::string_view name;
};

constexpr AnnotationName kAnnotations[] = {
    {Annotation::Up, "Up"},
    {Annotation::Down, "Down"},
    {Annotation::StatementBegin, "StatementBegin"},
    {Annotation::StatementEnd, "StatementEnd"},
    {Annotation::NoTransaction, "NO TRANSACTION"},
    {Annotation::EnvsubOn, "ENVSUB ON"},
    {Annotation::EnvsubOff, "ENVSUB OFF"},
};

constexpr const char* kFormatHint =
    "a goose SQL file starts with `-- +goose Up`, may end with a `-- +goose Down` section, and wraps "
    "statements with inner semicolons in `-- +goose StatementBegin` … `-- +goose StatementEnd`";

bool is_go_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// goose ends a statement on a line whose last word, before any word starting with `--`,
// ends with `;`. A `;` in the middle of a line does not end one.
bool ends_with_semicolon(std::string_view line) {
  std::string_view last;
  std::size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && is_go_space(line[i])) ++i;
    const std::size_t begin = i;
    while (i < line.size() && !is_go_space(line[i])) ++i;
    const std::string_view word = line.substr(begin, i - begin);
    if (word.empty()) break;
    if (word.starts_with("--")) break;
    last = word;
  }
  return last.ends_with(';');
}

// goose's scanner drops the "\r" of a CRLF line end.
std::string_view without_cr(std::string_view line) {
  return line.ends_with('\r') ? line.substr(0, line.size() - 1) : line;
}

bool is_annotation_line(std::string_view line) {
  return trimmed(line).starts_with("--") && line.find("+goose") != std::string_view::npos;
}

int first_column(std::string_view line) {
  const std::size_t code = line.find_first_not_of(" \t");
  return code == std::string_view::npos ? 1 : static_cast<int>(code) + 1;
}

class GooseReader {
 public:
  GooseReader(std::string_view text, const std::string& display) : text_(text), display_(display) {}

  UpScript read() {
    if (starts_with_bom(text_)) {
      fail(1, 1, "the file starts with a byte-order mark: goose then does not see `-- +goose Up` and fails",
           "save the file as UTF-8 without a byte-order mark");
    }
    for (const TextLine& line : lines_of(text_)) read_line(line);
    finish_file();
    return std::move(script_);
  }

 private:
  enum class State { Start, Up, UpBlock, Down, DownBlock };

  void read_line(const TextLine& line) {
    const std::string_view content = without_cr(line.text);
    if (state_ == State::Start && trimmed(content).empty()) return;
    if (is_annotation_line(content)) {
      on_annotation(read_annotation(line, content), line);
      return;
    }
    on_sql_line(line, content);
  }

  // goose: every `--` removed, then the first `+goose`, then trimmed; names match in any case.
  Annotation read_annotation(const TextLine& line, std::string_view content) const {
    if (content.starts_with(' ') || content.starts_with('\t')) {
      fail(line.number, 1, "a goose annotation after leading whitespace: goose rejects it",
           "start the line with `-- +goose`");
    }
    std::string command(content);
    for (std::size_t dashes = command.find("--"); dashes != std::string::npos; dashes = command.find("--")) {
      command.erase(dashes, 2);
    }
    command.erase(command.find("+goose"), 6);
    if (command.find("+goose") != std::string::npos) {
      fail(line.number, 1, "two `+goose` annotations on one line: goose rejects it", "put each on its own line");
    }
    const std::string_view name = trimmed(command);
    for (const AnnotationName& known : kAnnotations) {
      if (same_ignoring_case(name, known.name)) return known.annotation;
    }
    fail(line.number, 1, "unknown goose annotation `" + std::string(name) + "`",
         "goose knows Up, Down, StatementBegin, StatementEnd, NO TRANSACTION, ENVSUB ON and ENVSUB OFF");
  }

  void on_annotation(Annotation annotation, const TextLine& line) {
    switch (annotation) {
      case Annotation::Up: return on_up(line);
      case Annotation::Down: return on_down(line);
      case Annotation::StatementBegin: return on_statement_begin(line);
      case Annotation::StatementEnd: return on_statement_end(line);
      case Annotation::NoTransaction: script_.no_transaction = true; return;
      case Annotation::EnvsubOn: return on_envsub(line);
      case Annotation::EnvsubOff: return;
    }
  }

  void on_up(const TextLine& line) {
    if (state_ != State::Start) fail(line.number, 1, "a second `-- +goose Up`: goose fails on this file", kFormatHint);
    state_ = State::Up;
  }

  void on_down(const TextLine& line) {
    if (state_ == State::Up) {
      fail_if_unfinished();
      pending_begin_.reset();
      state_ = State::Down;
      return;
    }
    if (state_ == State::UpBlock || state_ == State::DownBlock) fail_inside_block(line, "`-- +goose Down`");
    if (state_ == State::Start) fail(line.number, 1, "`-- +goose Down` before `-- +goose Up`", kFormatHint);
    fail(line.number, 1, "a second `-- +goose Down`: goose fails on this file", kFormatHint);
  }

  void on_statement_begin(const TextLine& line) {
    if (state_ == State::Start) fail(line.number, 1, "`-- +goose StatementBegin` before `-- +goose Up`", kFormatHint);
    if (state_ == State::UpBlock || state_ == State::DownBlock) {
      fail_inside_block(line, "`-- +goose StatementBegin`");
    }
    state_ = state_ == State::Up ? State::UpBlock : State::DownBlock;
    block_line_ = line.number;
  }

  void on_statement_end(const TextLine& line) {
    if (state_ == State::UpBlock) {
      finish_statement(true);
      state_ = State::Up;
      return;
    }
    if (state_ == State::DownBlock) {
      state_ = State::Down;
      return;
    }
    fail(line.number, 1, "`-- +goose StatementEnd` without a `-- +goose StatementBegin` before it", kFormatHint);
  }

  // goose expands ${VAR} from the environment of the process that migrates, which devenv
  // does not know; guessing would build another schema than the application's.
  void on_envsub(const TextLine& line) {
    if (state_ == State::Down || state_ == State::DownBlock) return;  // only the Down part is expanded
    fail(line.number, 1, "`-- +goose ENVSUB ON` is not supported: devenv cannot know the environment goose runs with",
         "write the values into the file, or keep the substituted statements in the Down section");
  }

  void on_sql_line(const TextLine& line, std::string_view content) {
    // Comments and empty lines before a statement are dropped; inside one they stay.
    if (!pending_begin_ && (trimmed(content).starts_with("--") || content.empty())) return;
    switch (state_) {
      case State::Start:
        fail(line.number, first_column(content), "SQL before `-- +goose Up`: goose fails on this file", kFormatHint);
      case State::Down:
      case State::DownBlock: return;
      case State::Up:
        add_to_statement(line);
        if (ends_with_semicolon(content)) finish_statement(false);
        return;
      case State::UpBlock: add_to_statement(line); return;
    }
  }

  void add_to_statement(const TextLine& line) {
    if (!pending_begin_) pending_begin_ = line.begin;
    pending_end_ = line.end();
  }

  std::string_view pending_text() const {
    return pending_begin_ ? text_.substr(*pending_begin_, pending_end_ - *pending_begin_) : std::string_view{};
  }

  void finish_statement(bool whole) {
    if (!trimmed(pending_text()).empty()) {
      script_.parts.push_back({std::string(pending_text()), line_at(text_, *pending_begin_), 1, whole});
    }
    pending_begin_.reset();
  }

  void fail_if_unfinished() const {
    const std::string_view pending = pending_text();
    const std::size_t code = pending.find_first_not_of(" \t\r\n\f\v");
    if (code == std::string_view::npos) return;
    const std::size_t at = *pending_begin_ + code;
    fail(line_at(text_, at), column_at(text_, at),
         "this statement does not end with `;` at the end of a line: goose fails on it (\"missing semicolon?\")",
         "end the statement's last line with `;`");
  }

  [[noreturn]] void fail_inside_block(const TextLine& line, const std::string& what) const {
    fail(line.number, 1,
         what + " inside the StatementBegin block opened at line " + std::to_string(block_line_) +
             ": goose fails on this file",
         "close the block with `-- +goose StatementEnd` first");
  }

  void finish_file() const {
    if (state_ == State::Start) {
      fail(1, 1, "no `-- +goose Up` annotation: goose fails on this file", kFormatHint);
    }
    if (state_ == State::UpBlock || state_ == State::DownBlock) {
      fail(block_line_, 1, "`-- +goose StatementBegin` without its `-- +goose StatementEnd`",
           "close the block with `-- +goose StatementEnd` on its own line");
    }
    if (state_ == State::Up) fail_if_unfinished();
  }

  [[noreturn]] void fail(int line, int column, const std::string& message, const std::string& hint) const {
    throw sqltext::SourceError({display_, line, column}, message, hint);
  }

  std::string_view text_;
  const std::string& display_;
  State state_ = State::Start;
  int block_line_ = 0;
  // The statement being read runs from the start of its first line to the end of its last.
  std::optional<std::size_t> pending_begin_;
  std::size_t pending_end_ = 0;
  UpScript script_;
};

}  // namespace

UpScript goose_up_script(std::string_view text, const std::string& display) {
  return GooseReader(text, display).read();
}

}  // namespace devenv::migrations
