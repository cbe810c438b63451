#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
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

// Flyway's checksum of a migration file: CRC32 over each line's bytes without its
// terminator (\n, \r or \r\n), a leading byte-order mark dropped, as a signed 32-bit
// integer (flyway ChecksumCalculator.java).
std::int32_t flyway_checksum(std::string_view file);

// nullopt for a database whose sources are schema files.
std::optional<HistoryTable> history_table(const config::Database& database, const config::Server& server);

// The statements that create the tool's history table and record `compiled` (the
// database's migrations, in the order they ran) exactly as the tool would have after
// running them itself, so that the app's migrator finds nothing to do: each tool's
// table layout, versions, checksums and flags (docs/migration-history.md says which,
// and where in each tool's source they come from). Empty for schema files.
std::vector<std::string> history_statements(const config::Database& database, const config::Server& server,
                                            const std::vector<CompiledSource>& compiled);

}  // namespace devenv::generator
