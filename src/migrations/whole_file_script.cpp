// sqlx, golang-migrate, Flyway and Atlas send a file's SQL as it is: the server (sqlx,
// golang-migrate) or the tool's own parser (Flyway, Atlas) splits it at semicolons, as
// the engine's client does (docs/migration-tools.md sections 2, 4, 7, 9).
#include <string>
#include <vector>

#include "migrations/text_lines.h"
#include "migrations/tool_scripts.h"
#include "sqltext/source_error.h"

namespace devenv::migrations {
namespace {

// Atlas reads file directives from the comment lines at the top of the file, when a blank
// line separates them from the statements (ariga/atlas sql/migrate/dir.go, comments()).
std::vector<std::string_view> atlas_file_comments(std::string_view text) {
  std::vector<std::string_view> comments;
  std::string_view rest = text;
  while (rest.starts_with("--") || rest.starts_with("#")) {
    const std::size_t newline = rest.find('\n');
    if (newline == std::string_view::npos) return {rest};  // a file of comments only
    comments.push_back(trimmed(rest.substr(0, newline)));
    rest.remove_prefix(newline + 1);
  }
  const std::size_t code = rest.find_first_not_of(" \t");
  const bool detached = rest.empty() || (code != std::string_view::npos && rest[code] == '\n');
  return detached ? comments : std::vector<std::string_view>{};
}

void read_atlas_directives(std::string_view text, const std::string& display, UpScript& script) {
  if (text.starts_with("-- atlas:delimiter")) {
    throw sqltext::SourceError({display, 1, 1}, "`-- atlas:delimiter` is not supported yet",
                               "end the statements with `;` and drop the directive");
  }
  for (const std::string_view comment : atlas_file_comments(text)) {
    if (comment == "-- atlas:txmode none") script.no_transaction = true;
  }
}

}  // namespace

UpScript whole_file_up_script(Tool tool, std::string_view text, const std::string& display) {
  UpScript script;
  // sqlx tests the exact first bytes, so a byte-order mark in front hides the marker.
  if (tool == Tool::Sqlx) script.no_transaction = text.starts_with("-- no-transaction");
  const std::string_view body = without_bom(text);
  if (tool == Tool::Atlas) read_atlas_directives(body, display, script);
  script.parts.push_back({std::string(body), 1, 1, false});
  return script;
}

}  // namespace devenv::migrations
