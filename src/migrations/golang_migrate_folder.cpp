// golang-migrate: `^([0-9]+)_(.*)\.(down|up)\.(.*)$` with a uint64 version; other names,
// and versions beyond 64 bits, are skipped (golang-migrate/migrate source/parse.go,
// source/iofs/iofs.go). Only up files are applied going up.
#include "migrations/folder_files.h"
#include "migrations/folder_readers.h"
#include "migrations/version_numbers.h"

namespace devenv::migrations {
namespace {

struct MigrateName {
  std::string version;
  std::string identifier;
  bool up = false;
};

// The regex's greedy `(.*)` takes the last `.up.` or `.down.` in the name.
std::optional<MigrateName> parse_name(const std::string& name) {
  const std::size_t digits = name.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string::npos || name[digits] != '_') return std::nullopt;
  const std::string rest = name.substr(digits + 1);
  const std::size_t up = rest.rfind(".up.");
  const std::size_t down = rest.rfind(".down.");
  if (up == std::string::npos && down == std::string::npos) return std::nullopt;
  const bool is_up = down == std::string::npos || (up != std::string::npos && up > down);
  return MigrateName{name.substr(0, digits), rest.substr(0, is_up ? up : down), is_up};
}

}  // namespace

void read_golang_migrate_folder(const std::filesystem::path& folder, const std::filesystem::path& base,
                                MigrationSet& set) {
  for (const std::filesystem::path& file : files_in(folder)) {
    const std::optional<MigrateName> name = parse_name(file.filename().string());
    if (!name || !name->up || !parse_uint64(name->version)) continue;
    set.migrations.push_back({file, display_of(file, base), name->version, name->identifier});
  }
}

}  // namespace devenv::migrations
