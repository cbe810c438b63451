#include "migrations/read_migrations.h"

#include <algorithm>
#include <map>
#include <set>

#include "migrations/detect_tool.h"
#include "migrations/folder_check.h"
#include "migrations/folder_files.h"
#include "migrations/folder_readers.h"
#include "migrations/migration_error.h"
#include "migrations/version_order.h"

namespace devenv::migrations {

namespace fs = std::filesystem;

namespace {

// What each tool takes for a migration, for the "holds no migrations" hint.
std::string expected_names(Tool tool) {
  switch (tool) {
    case Tool::Sqlx: return "sqlx reads <integer>_<description>.sql (or .up.sql/.down.sql pairs)";
    case Tool::Goose: return "goose reads <version>_<description>.sql files starting with `-- +goose Up`";
    case Tool::GolangMigrate: return "golang-migrate reads <integer>_<name>.up.sql and .down.sql files";
    case Tool::Drizzle:
      return "Drizzle reads meta/_journal.json and the <tag>.sql files it lists, or "
             "<YYYYMMDDHHMMSS>_<name>/migration.sql folders";
    case Tool::Dbmate: return "dbmate reads <digits>_<description>.sql files with `-- migrate:up`";
    case Tool::Flyway: return "Flyway reads V<version>__<description>.sql and R__<description>.sql files";
    case Tool::Atlas: return "Atlas reads <version>_<description>.sql files and atlas.sum";
  }
  return {};
}

void check_distinct(const std::vector<fs::path>& folders) {
  std::set<fs::path> seen;
  for (const fs::path& folder : folders) {
    std::error_code ignored;
    fs::path same = fs::weakly_canonical(folder, ignored);
    if (!same.has_filename()) same = same.parent_path();  // "a/" is "a"
    if (!seen.insert(same).second) {
      throw MigrationError("the migration folder " + folder.string() + " is given twice", "give each folder once");
    }
  }
}

void read_folder(const fs::path& folder, const fs::path& base, MigrationSet& set) {
  const std::size_t before = set.migrations.size();
  folder_reader(set.tool)(folder, base, set);
  if (set.migrations.size() == before) {
    throw MigrationError("the migration folder " + display_of(folder, base) + " holds no " +
                             std::string(name_of(set.tool)) + " migrations",
                         expected_names(set.tool) + "; check the folder, or the tool named for it");
  }
}

std::string version_words(const Migration& migration) {
  return migration.repeatable ? "the repeatable description \"" + migration.description + "\""
                              : "version " + migration.version;
}

// The tools key their history by version, so two files with one version cannot both be
// applied (goose and golang-migrate refuse the folder; the others fail on the second).
void check_unique_versions(const MigrationSet& set) {
  std::map<std::string, const Migration*> seen;
  for (const Migration& migration : set.migrations) {
    const std::optional<std::string> key = version_key(set.tool, migration);
    if (!key) continue;
    const auto [earlier, inserted] = seen.emplace(*key, &migration);
    if (inserted) continue;
    throw MigrationError(earlier->second->display + " and " + migration.display + " have the same " +
                             version_words(migration) + " for " + std::string(name_of(set.tool)),
                         "give one of them a version of its own (" + std::string(name_of(set.tool)) +
                             " records one history row per version)");
  }
}

}  // namespace

MigrationSet read_migrations(const std::vector<fs::path>& folders, std::optional<Tool> tool, const fs::path& base) {
  if (folders.empty()) throw MigrationError("no migration folder given", "name at least one folder of migrations");
  for (const fs::path& folder : folders) check_folder(folder);
  check_distinct(folders);
  MigrationSet set{tool ? *tool : detect_tool(folders), {}, std::nullopt};
  for (const fs::path& folder : folders) read_folder(folder, base, set);
  if (set.tool != Tool::Drizzle) {
    std::stable_sort(set.migrations.begin(), set.migrations.end(),
                     [&](const Migration& a, const Migration& b) { return applies_before(set.tool, a, b); });
  }
  check_unique_versions(set);
  return set;
}

}  // namespace devenv::migrations
