#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace devenv::catalog::mysql {

// Catalog spellings that differ between MySQL 8 and MariaDB, or between the forms
// one server accepts, turned into one canonical form (docs/engines.md, items 1–6).

// "int(11)" → "int", "bigint(20) unsigned" → "bigint unsigned"; keeps "tinyint(1)"
// (booleans) and zerofill widths.
std::string column_type(const std::string& type);

// "utf8" → "utf8mb3", and the same prefix in collation names.
std::string charset(const std::string& name);

// COLUMN_DEFAULT as SQL: MariaDB already quotes literals and writes NULL as the word;
// MySQL returns bare values and marks expressions DEFAULT_GENERATED in EXTRA.
// CURRENT_TIMESTAMP / now() / current_timestamp() all become current_timestamp(),
// with their precision. nullopt: no default (or DEFAULT NULL on a nullable column).
std::optional<std::string> column_default(const std::optional<std::string>& value, const std::string& type,
                                          const std::string& extra, bool mariadb, bool nullable);

// "on update CURRENT_TIMESTAMP(3)" → "ON UPDATE current_timestamp(3)"; "" when none.
std::string on_update(const std::string& extra);

// A routine's, trigger's or view's body without comments and with each run of
// whitespace as one space: the mysql client strips comments before sending (so a
// database built by the official images has none), and layout is not schema.
std::string body(const std::string& text);

// The table options information_schema.TABLES.CREATE_OPTIONS lists, which are those
// the CREATE TABLE set explicitly ("row_format=COMPRESSED key_block_size=8"), as
// {"ROW_FORMAT", "COMPRESSED"}, {"KEY_BLOCK_SIZE", "8"}. Only these two: the row format
// the server picks by default is not in the list, so it is never drift.
std::vector<std::pair<std::string, std::string>> create_options(const std::string& list);

// NO ACTION and RESTRICT mean the same in InnoDB: both are the default, written as "".
std::string referential_action(const std::string& rule);

}  // namespace devenv::catalog::mysql
