#include "migrations/cut_trigger.h"

#include <strings.h>

#include "sqltext/source_error.h"

namespace devenv::migrations {

namespace {

bool is_trigger(const sqltext::Statement& statement) {
  return statement.begins_with({"CREATE", "TRIGGER"}) || statement.begins_with({"CREATE", "TEMP", "TRIGGER"}) ||
         statement.begins_with({"CREATE", "TEMPORARY", "TRIGGER"});
}

// The last code token, past the semicolons the piece ends with.
bool ends_with_end(const sqltext::Statement& statement) {
  for (auto token = statement.tokens.rbegin(); token != statement.tokens.rend(); ++token) {
    if (!token->is_code()) continue;
    const std::string_view text = token->text(statement.text);
    if (text == ";") continue;
    return text.size() == 3 && strncasecmp(text.data(), "END", 3) == 0;
  }
  return false;
}

}  // namespace

void reject_cut_trigger(const sqltext::Statement& statement, sqltext::Dialect dialect) {
  if (dialect != sqltext::Dialect::SQLite || statement.kind != sqltext::StatementKind::Sql) return;
  if (!is_trigger(statement) || ends_with_end(statement)) return;
  throw sqltext::SourceError(statement.where,
                             "this trigger is cut before the END of its body: the migration tool sends the piece up "
                             "to here on its own, and SQLite rejects it",
                             "goose: put the trigger between `-- +goose StatementBegin` and `-- +goose "
                             "StatementEnd`; Drizzle: no `--> statement-breakpoint` inside it");
}

}  // namespace devenv::migrations
