#pragma once

#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "generator/compiled_source.h"

namespace devenv::generator {

// Where a migration tool keeps its history in a database: its schema (PostgreSQL; ""
// for MySQL, where it is the database's own) and table, as the tool names them by
// default or as config.toml's `migration_table` renames them.
struct HistoryTable {
  std::string schema;
  std::string table;
};

// nullopt for a database whose sources are schema files.
std::optional<HistoryTable> history_table(const config::Database& database, const config::Server& server);

// The statements that create the tool's history table and record `compiled` (the
// database's migrations, in the order they ran) exactly as the tool would have after
// running them itself, so that the app's migrator finds nothing to do: each tool's
// table layout, versions, checksums and flags (docs/migration-history.md says which,
// and where in each tool's source they come from). Empty for schema files.
std::vector<std::string> history_statements(const config::Database& database, const config::Server& server,
                                            const std::vector<CompiledSource>& compiled);

// The tables and schemas of every tool's default history, which verify and diff leave
// out unless --include-history: `table:<name>` and `schema:<name>` patterns.
std::vector<std::string> default_history_patterns();

}  // namespace devenv::generator
