#pragma once

#include <optional>
#include <string>

#include "migrations/migration.h"

namespace devenv::migrations {

// True when `tool` applies `a` before `b` to an empty database: sqlx and goose by int64
// version, golang-migrate by uint64 version, dbmate and Atlas by file name, Flyway by
// version part by part and then repeatables by description. Drizzle keeps its journal's
// order and is not sorted.
bool applies_before(Tool tool, const Migration& a, const Migration& b);

// The version as the tool's history table keys it, so that two files with the same key
// are one version to the tool ("0002" and "2" are one for goose, two for dbmate).
// nullopt for Drizzle, whose journal is checked on its own.
std::optional<std::string> version_key(Tool tool, const Migration& migration);

}  // namespace devenv::migrations
