// sqlx: `<VERSION>_<DESCRIPTION>.sql`, split at the first `_`; VERSION must be an i64
// (launchbadge/sqlx sqlx-core/src/migrate/source.rs, resolve_blocking_with_config).
#include <algorithm>

#include "migrations/folder_files.h"
#include "migrations/folder_readers.h"
#include "migrations/migration_error.h"
#include "migrations/version_numbers.h"

namespace devenv::migrations {
namespace {

// The name after the first `_`, without its suffix, `_` read as a space (as sqlx records it).
std::string sqlx_description(const std::string& rest) {
  const std::size_t suffix = rest.ends_with(".up.sql") ? 7 : 4;
  std::string description = rest.substr(0, rest.size() - suffix);
  std::replace(description.begin(), description.end(), '_', ' ');
  return description;
}

}  // namespace

void read_sqlx_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set) {
  for (const std::filesystem::path& file : files_in(folder)) {
    const std::string name = file.filename().string();
    const std::size_t underscore = name.find('_');
    // sqlx skips these without a word: no `_`, or not `.sql` after it.
    if (underscore == std::string::npos || !name.substr(underscore + 1).ends_with(".sql")) continue;
    const std::string version = name.substr(0, underscore);
    if (!parse_int64(version)) {
      throw MigrationError(display_of(file, base) + ": `" + version +
                               "` before the first `_` is not an integer version, and sqlx refuses the folder",
                           "name sqlx migrations `<integer>_<description>.sql` (e.g. `20240101120000_users.sql`), "
                           "or move the file out of the folder");
    }
    const std::string rest = name.substr(underscore + 1);
    if (rest.ends_with(".down.sql")) continue;  // the revert half of a pair; its `.up.sql` is the migration
    set.migrations.push_back({file, display_of(file, base), version, sqlx_description(rest)});
  }
}

}  // namespace devenv::migrations
