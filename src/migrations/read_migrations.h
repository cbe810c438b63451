#pragma once

#include <filesystem>
#include <optional>
#include <vector>

#include "migrations/migration.h"

namespace devenv::migrations {

// The migrations of `folders` (absolute; several for one application with a folder per
// module) in the order `tool` applies them to an empty database; `tool` nullopt: detect it.
// Folders are one version namespace, as when they share one history table: sorted
// together, except Drizzle, whose folders are read one after the other, each in its
// journal's order. `base` is the folder `Migration::display` is relative to.
//
// Throws MigrationError for a folder that does not exist or holds no migrations, two files
// with one version (naming both), or a name the tool refuses (sqlx: a non-integer version
// before `_`; goose: a .sql file without `<version>_`); sqltext::SourceError for a Drizzle
// journal that is broken, lists a missing file or misses a file of its folder (naming the
// journal and the file).
MigrationSet read_migrations(const std::vector<std::filesystem::path>& folders, std::optional<Tool> tool,
                             const std::filesystem::path& base);

}  // namespace devenv::migrations
