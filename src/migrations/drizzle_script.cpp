// Drizzle splits a migration file at every `--> statement-breakpoint`, wherever it stands,
// and runs each piece as one query (drizzle-orm src/migrator.ts, docs/migration-tools.md
// section 5).
#include "migrations/text_lines.h"
#include "migrations/tool_scripts.h"

namespace devenv::migrations {

namespace {
constexpr std::string_view kBreakpoint = "--> statement-breakpoint";
}  // namespace

UpScript drizzle_up_script(std::string_view text, const std::string&) {
  // Node keeps a byte-order mark as U+FEFF; the server would read it as part of the first
  // word, so it is left out (see docs/migration-tools.md on the hash, which keeps it).
  const std::string_view body = without_bom(text);
  UpScript script;
  std::size_t begin = 0;
  while (begin <= body.size()) {
    const std::size_t marker = body.find(kBreakpoint, begin);
    const std::size_t end = marker == std::string_view::npos ? body.size() : marker;
    const std::string_view piece = body.substr(begin, end - begin);
    if (!trimmed(piece).empty()) {
      script.parts.push_back({std::string(piece), line_at(body, begin), column_at(body, begin), false});
    }
    if (marker == std::string_view::npos) break;
    begin = marker + kBreakpoint.size();
  }
  return script;
}

}  // namespace devenv::migrations
