// dbmate's file format: `-- migrate:up [options]` … `-- migrate:down [options]` …, one or
// more such sections (amacneil/dbmate pkg/dbmate/migration.go, docs/migration-tools.md
// section 6). Each up part goes to the server as one Exec; the server splits it.
#include <string>
#include <vector>

#include "migrations/dbmate_directive.h"
#include "migrations/text_lines.h"
#include "migrations/tool_scripts.h"
#include "sqltext/source_error.h"

namespace devenv::migrations {
namespace {

constexpr const char* kFormatHint =
    "a dbmate migration is `-- migrate:up`, its statements, then `-- migrate:down` (its statements may be none)";

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

// Options are `key:value` words after the directive; dbmate knows `transaction:false`.
bool runs_outside_transaction(std::string_view options) {
  std::size_t i = 0;
  while (i < options.size()) {
    while (i < options.size() && is_space(options[i])) ++i;
    const std::size_t begin = i;
    while (i < options.size() && !is_space(options[i])) ++i;
    if (options.substr(begin, i - begin) == "transaction:false") return true;
  }
  return false;
}

bool is_blank_or_comment(std::string_view line) {
  const std::string_view content = trimmed(line);
  return content.empty() || content.starts_with("--");
}

[[noreturn]] void fail(const std::string& display, int line, int column, const std::string& message) {
  throw sqltext::SourceError({display, line, column}, message, kFormatHint);
}

void check_nothing_before(const std::vector<TextLine>& lines, std::size_t first_up, const std::string& display) {
  for (std::size_t i = 0; i < first_up; ++i) {
    if (is_blank_or_comment(lines[i].text)) continue;
    const int column = static_cast<int>(lines[i].text.find_first_not_of(" \t")) + 1;
    fail(display, lines[i].number, column, "a statement before `-- migrate:up`: dbmate refuses the file");
  }
}

}  // namespace

UpScript dbmate_up_script(std::string_view text, const std::string& display) {
  if (starts_with_bom(text)) {
    throw sqltext::SourceError({display, 1, 1},
                               "the file starts with a byte-order mark: dbmate then does not see its first line as a "
                               "comment or `-- migrate:up` and fails",
                               "save the file as UTF-8 without a byte-order mark");
  }
  const std::vector<TextLine> lines = lines_of(text);
  std::vector<std::size_t> ups;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (dbmate_directive(lines[i].text, "up")) ups.push_back(i);
  }
  if (ups.empty()) fail(display, 1, 1, "no `-- migrate:up` line: dbmate fails on this file");
  check_nothing_before(lines, ups.front(), display);

  UpScript script;
  for (std::size_t section = 0; section < ups.size(); ++section) {
    const TextLine& up = lines[ups[section]];
    const std::size_t section_end = section + 1 < ups.size() ? ups[section + 1] : lines.size();
    std::vector<std::size_t> downs;
    for (std::size_t i = ups[section] + 1; i < section_end; ++i) {
      if (dbmate_directive(lines[i].text, "down")) downs.push_back(i);
    }
    if (downs.empty()) fail(display, up.number, 1, "this `-- migrate:up` has no `-- migrate:down` after it");
    if (downs.size() > 1) {
      fail(display, lines[downs[1]].number, 1,
           "a second `-- migrate:down` after the `-- migrate:up` of line " + std::to_string(up.number));
    }
    // The directive line is part of what dbmate sends: a comment to the server.
    const std::size_t end = lines[downs.front()].begin;
    script.parts.push_back({std::string(text.substr(up.begin, end - up.begin)), up.number, 1, false});
    if (runs_outside_transaction(*dbmate_directive(up.text, "up"))) script.no_transaction = true;
  }
  return script;
}

}  // namespace devenv::migrations
