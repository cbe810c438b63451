#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "migrations/tool.h"

namespace devenv::migrations {

// One migration file, as its tool applies it.
struct Migration {
  std::filesystem::path path;  // absolute
  std::string display;         // relative to the `base` given to read_migrations; for messages and headers
  // As the file name writes it ("02001", "20240101120000"); Flyway: as Flyway records it,
  // `_` read as `.` ("1.2" from V1_2__x.sql), "" for a repeatable; Drizzle: the tag's prefix.
  std::string version;
  std::string description;  // as the tool derives it from the name (sqlx and Flyway: `_` read as a space)
  bool repeatable = false;  // Flyway R__
  // For the tool's history table: Drizzle's journal `when` (milliseconds; what it records
  // as created_at), and the path Flyway records as `script` (relative to its folder).
  std::int64_t when = 0;
  std::string script{};
};

struct MigrationSet {
  Tool tool;
  std::vector<Migration> migrations;   // in the order the tool applies them to an empty database
  std::optional<std::string> dialect;  // Drizzle: the journal's "dialect" ("postgresql", "mysql", …) when it says
};

}  // namespace devenv::migrations
