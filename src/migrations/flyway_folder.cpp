// Flyway: `V<version>__<description>.sql` and `R__<description>.sql` anywhere under the
// location; `U…` undo scripts and names that do not parse are skipped, as Flyway does by
// default (flyway-core ResourceNameParser, ResourceNameValidator, MigrationVersion).
#include <algorithm>
#include <cctype>

#include "migrations/folder_files.h"
#include "migrations/folder_readers.h"
#include "migrations/version_numbers.h"

namespace devenv::migrations {
namespace {

constexpr std::string_view kSeparator = "__";

bool has_sql_suffix(const std::string& name) {  // Flyway compares suffixes in any letter case
  if (name.size() < 4) return false;
  std::string suffix = name.substr(name.size() - 4);
  std::transform(suffix.begin(), suffix.end(), suffix.begin(), [](unsigned char c) { return std::tolower(c); });
  return suffix == ".sql";
}

std::string spaced(std::string text) {
  std::replace(text.begin(), text.end(), '_', ' ');
  return text;
}

// The migration a file name stands for, or nullopt when Flyway would not run it.
std::optional<Migration> flyway_migration(const std::string& name) {
  if (!has_sql_suffix(name)) return std::nullopt;
  const std::string stem = name.substr(0, name.size() - 4);
  if (stem.empty() || (stem.front() != 'V' && stem.front() != 'R')) return std::nullopt;  // U: undo
  const std::string rest = stem.substr(1);
  const std::size_t separator = rest.find(kSeparator);
  const std::string before = rest.substr(0, separator);
  const std::string description =
      separator == std::string::npos ? std::string() : spaced(rest.substr(separator + kSeparator.size()));
  if (stem.front() == 'R') {
    if (!before.empty()) return std::nullopt;  // a repeatable has no version
    return Migration{{}, {}, "", description, true, 0, ""};
  }
  const std::optional<std::string> version = before.empty() ? std::nullopt : flyway_version(before);
  if (!version) return std::nullopt;
  return Migration{{}, {}, *version, description, false, 0, ""};
}

}  // namespace

void read_flyway_folder(const std::filesystem::path& folder, const std::filesystem::path& base, MigrationSet& set) {
  for (const std::filesystem::path& file : files_under(folder)) {
    std::optional<Migration> migration = flyway_migration(file.filename().string());
    if (!migration) continue;
    migration->path = file;
    migration->display = display_of(file, base);
    migration->script = file.lexically_relative(folder).generic_string();
    set.migrations.push_back(std::move(*migration));
  }
}

}  // namespace devenv::migrations
