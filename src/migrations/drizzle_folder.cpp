// Drizzle. 0.x: the entries of `meta/_journal.json`, in journal order, each naming
// `<tag>.sql` (drizzle-orm src/migrator.ts, readMigrationFiles). v1 (the beta line): one
// folder per migration, `<YYYYMMDDHHMMSS>_<name>/migration.sql`, in folder-name order; a
// journal left over means the 0.x layout (the v1 migrator refuses it and asks for
// `drizzle-kit up`).
#include <ctime>
#include <map>

#include "migrations/drizzle_journal.h"
#include "migrations/folder_files.h"
#include "migrations/folder_readers.h"
#include "migrations/migration_error.h"
#include "sqltext/source_error.h"

namespace devenv::migrations {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t kTimestampLength = 14;  // YYYYMMDDHHMMSS, all the v1 migrator reads of the name

Migration tagged(const fs::path& file, const fs::path& base, const std::string& tag) {
  const std::size_t underscore = tag.find('_');
  return {file, display_of(file, base), tag.substr(0, underscore),
          underscore == std::string::npos ? "" : tag.substr(underscore + 1)};
}

void keep_dialect(const DrizzleJournal& journal, const std::string& journal_display, MigrationSet& set) {
  if (!journal.dialect) return;
  if (set.dialect && *set.dialect != *journal.dialect) {
    throw MigrationError(journal_display + " is for dialect \"" + *journal.dialect + "\", an earlier folder's for \"" +
                             *set.dialect + "\"",
                         "give one database's migration folders only");
  }
  set.dialect = journal.dialect;
}

// Drizzle runs only what the journal lists and ignores other files; a file left out is
// almost always a migration someone expects to run, so devenv says so instead.
void check_every_file_listed(const fs::path& folder, const fs::path& base, const std::map<std::string, int>& tags,
                             const std::string& journal_display) {
  for (const fs::path& file : files_in(folder)) {
    if (file.extension() != ".sql" || tags.contains(file.stem().string())) continue;
    throw sqltext::SourceError({display_of(file, base), 1, 1},
                               "this migration is not listed in " + journal_display + ", so Drizzle never applies it",
                               "let `drizzle-kit generate` add migrations (`--custom` for hand-written SQL), or "
                               "delete the file if it is left over");
  }
}

void read_journal_folder(const fs::path& folder, const fs::path& base, const fs::path& journal_path,
                         MigrationSet& set) {
  const std::string journal_display = display_of(journal_path, base);
  const DrizzleJournal journal = read_drizzle_journal(file_text(journal_path, base), journal_display);
  keep_dialect(journal, journal_display, set);
  std::map<std::string, int> tags;  // tag → how often listed so far
  for (const DrizzleJournalEntry& entry : journal.entries) {
    const fs::path file = folder / (entry.tag + ".sql");
    const std::string display = display_of(file, base);
    const sqltext::SourceLocation where{journal_display, entry.line, entry.column};
    if (tags[entry.tag]++ > 0) {
      throw sqltext::SourceError(where,
                                 "\"" + entry.tag + "\" is listed twice, so Drizzle would run " + display + " twice",
                                 "remove the second entry");
    }
    std::error_code ignored;
    if (!fs::is_regular_file(file, ignored)) {
      throw sqltext::SourceError(where, "the entry \"" + entry.tag + "\" has no file " + display,
                                 "restore the file, or remove the entry (drizzle-kit drop does both)");
    }
    set.migrations.push_back(tagged(file, base, entry.tag));
    set.migrations.back().when = entry.when;
  }
  check_every_file_listed(folder, base, tags, journal_display);
}

// The v1 layout's folder name starts with a UTC time, YYYYMMDDHHMMSS; what Drizzle
// records for it, in milliseconds.
std::int64_t folder_millis(const std::string& stamp) {
  std::tm time{};
  if (!strptime(stamp.c_str(), "%Y%m%d%H%M%S", &time)) return 0;
  return static_cast<std::int64_t>(timegm(&time)) * 1000;
}

void read_migration_folders(const fs::path& folder, const fs::path& base, MigrationSet& set) {
  for (const fs::path& migration_folder : folders_in(folder)) {  // by name, as the v1 migrator sorts them
    const fs::path file = migration_folder / "migration.sql";
    std::error_code ignored;
    if (!fs::is_regular_file(file, ignored)) continue;
    const std::string name = migration_folder.filename().string();
    Migration migration = tagged(file, base, name);
    migration.version = name.substr(0, kTimestampLength);
    migration.when = folder_millis(migration.version);
    set.migrations.push_back(std::move(migration));
  }
}

}  // namespace

void read_drizzle_folder(const fs::path& folder, const fs::path& base, MigrationSet& set) {
  const fs::path journal = folder / "meta" / "_journal.json";
  std::error_code ignored;
  if (fs::exists(journal, ignored)) {
    read_journal_folder(folder, base, journal, set);
  } else {
    read_migration_folders(folder, base, set);
  }
}

}  // namespace devenv::migrations
