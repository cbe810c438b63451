// goose: `<int64 ≥ 1>_<anything>.sql`; the goose CLI refuses a `.sql` file whose name has
// no such version (pressly/goose migration.go NumericComponent, migrate.go
// collectMigrationsFS). Go migrations (`<version>_x.go`) are code devenv cannot run.
#include "migrations/folder_files.h"
#include "migrations/folder_readers.h"
#include "migrations/migration_error.h"
#include "migrations/version_numbers.h"

namespace devenv::migrations {
namespace {

constexpr const char* kNameHint =
    "name goose migrations `<version>_<description>.sql` with a version of 1 or more (e.g. `00001_users.sql` or "
    "`20240101120000_users.sql`), or move the file out of the folder";

// The version in a goose file name; nullopt with `problem` set when goose refuses it.
std::optional<std::int64_t> goose_version(const std::string& name, std::string& problem) {
  const std::size_t underscore = name.find('_');
  if (underscore == std::string::npos) {
    problem = "has no `_` after a version";
    return std::nullopt;
  }
  const std::optional<std::int64_t> version = parse_int64(name.substr(0, underscore));
  if (!version || *version < 1) {
    problem = "does not start with a version of 1 or more before its first `_`";
    return std::nullopt;
  }
  return version;
}

}  // namespace

void read_goose_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set) {
  for (const std::filesystem::path& file : files_in(folder)) {
    const std::string name = file.filename().string();
    const std::string extension = file.extension().string();
    std::string problem;
    if (extension == ".go") {
      if (name.ends_with("_test.go") || !goose_version(name, problem)) continue;  // helpers and tests, not migrations
      throw MigrationError(display_of(file, base) + " is a goose Go migration: devenv applies SQL migrations only",
                           "write this migration as a `.sql` file, or keep the folder out of devenv's sources");
    }
    if (extension != ".sql") continue;
    if (!goose_version(name, problem)) {
      throw MigrationError(display_of(file, base) + " " + problem + ", and goose refuses the folder", kNameHint);
    }
    const std::size_t underscore = name.find('_');
    const std::string description = name.substr(underscore + 1, name.size() - underscore - 1 - extension.size());
    set.migrations.push_back({file, display_of(file, base), name.substr(0, underscore), description});
  }
}

}  // namespace devenv::migrations
