#pragma once

#include "sqltext/dialect.h"
#include "sqltext/statement.h"

namespace devenv::migrations {

// SQLite: throws sqltext::SourceError at a CREATE TRIGGER whose piece of the migration
// ends before the END of its body. SQLite's own reader keeps a body's semicolons, but a
// tool that cuts the file itself (goose at every line ending in `;`, Drizzle at a
// breakpoint) sends the piece as it is, and SQLite rejects it ("incomplete input"); said
// at build time, with the fix, rather than at `up`. Other dialects: nothing.
void reject_cut_trigger(const sqltext::Statement& statement, sqltext::Dialect dialect);

}  // namespace devenv::migrations
