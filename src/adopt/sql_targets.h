#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sqltext/dialect.h"

namespace devenv::adopt {

// What a SQL file says about where it belongs, as the official images would run it.
struct SqlTargets {
  // The databases it creates or runs statements in (after its own USE / \connect), in the
  // order they first appear. Statements before any of them run in the default database,
  // which counts only when the file has such statements.
  std::vector<std::string> databases;
  std::vector<std::string> schemas;  // PostgreSQL schemas it creates (CREATE SCHEMA), besides public
  std::vector<std::string> schemas_without_if_not_exists;  // of those, the ones a second CREATE would fail on
  // Statements ran with no database selected (MySQL without a default database): the
  // file needs one all the same.
  bool needs_database = false;
  std::string problem;  // why it could not be split (build names the place); "" when it could
};

// Reads `file` as `dialect`'s client would split it. `default_database` is where its
// first statements run ("" for none).
SqlTargets sql_targets(const std::filesystem::path& file, sqltext::Dialect dialect,
                       const std::string& default_database);

// The SQL family a set of files is written for, by their dialect markers
// (sqltext/dialect_markers.h); nullopt when they do not tell.
std::optional<sqltext::Dialect> dialect_of(const std::vector<std::filesystem::path>& files);

}  // namespace devenv::adopt
