#include "migrations/detect_tool.h"

#include <strings.h>
#include <optional>

#include "migrations/dbmate_directive.h"
#include "migrations/folder_check.h"
#include "migrations/folder_files.h"
#include "migrations/migration_error.h"
#include "migrations/text_lines.h"
#include "migrations/version_numbers.h"

namespace devenv::migrations {

namespace fs = std::filesystem;

namespace {

constexpr const char* kLookedFor =
    "looked for meta/_journal.json or <YYYYMMDDHHMMSS>_<name>/migration.sql folders (drizzle), `-- +goose Up` in a "
    ".sql file (goose), `-- migrate:up` (dbmate), atlas.sum (atlas), V<version>__<name>.sql or R__<name>.sql "
    "(flyway), <integer>_<name>.sql (sqlx), and <integer>_<name>.up.sql with no plain .sql beside them "
    "(golang-migrate)";

bool path_exists(const fs::path& path) {
  std::error_code ignored;
  return fs::exists(path, ignored);
}

bool is_digits(std::string_view text) { return !text.empty() && parse_uint64(text).has_value(); }

// A v1 Drizzle migration: `<YYYYMMDDHHMMSS>_<name>/migration.sql`. Prisma uses the same
// layout with a migration_lock.toml beside it, and is not one.
bool has_drizzle_v1_folders(const fs::path& folder) {
  if (path_exists(folder / "migration_lock.toml")) return false;
  for (const fs::path& sub : folders_in(folder)) {
    const std::string name = sub.filename().string();
    if (name.size() > 15 && is_digits(name.substr(0, 14)) && name[14] == '_' && path_exists(sub / "migration.sql")) {
      return true;
    }
  }
  return false;
}

// `-- +goose Up` in any letter case and spacing, as goose itself accepts it.
bool is_goose_up(std::string_view line) {
  std::string_view rest = trimmed(line);
  if (!rest.starts_with("--")) return false;
  rest = trimmed(rest.substr(2));
  if (!rest.starts_with("+goose")) return false;
  rest = trimmed(rest.substr(6));
  return rest.size() == 2 && strncasecmp(rest.data(), "up", 2) == 0;
}

enum class Marker { None, Goose, Dbmate };

// The first line in the folder's .sql files that only one tool writes.
Marker file_marker(const fs::path& folder, const fs::path& base) {
  for (const fs::path& file : files_in(folder)) {
    if (file.extension() != ".sql") continue;
    const std::string text = file_text(file, base);
    for (const TextLine& line : lines_of(without_bom(text))) {
      if (is_goose_up(line.text)) return Marker::Goose;
      if (dbmate_directive(line.text, "up")) return Marker::Dbmate;
    }
  }
  return Marker::None;
}

bool is_flyway_name(const std::string& name) {
  if (!name.ends_with(".sql")) return false;
  if (name.starts_with("R__")) return true;
  const std::size_t separator = name.find("__");
  return name.starts_with('V') && separator != std::string::npos &&
         flyway_version(name.substr(1, separator - 1)).has_value();
}

bool has_flyway_names(const fs::path& folder) {
  for (const fs::path& file : files_under(folder)) {
    if (is_flyway_name(file.filename().string())) return true;
  }
  return false;
}

struct NumberedNames {
  bool plain = false;  // <integer>_<name>.sql
  bool up = false;     // <integer>_<name>.up.sql
};

NumberedNames numbered_names(const fs::path& folder) {
  NumberedNames found;
  for (const fs::path& file : files_in(folder)) {
    const std::string name = file.filename().string();
    const std::size_t underscore = name.find('_');
    if (underscore == std::string::npos || !is_digits(name.substr(0, underscore)) || !name.ends_with(".sql")) continue;
    if (name.ends_with(".up.sql")) {
      found.up = true;
    } else if (!name.ends_with(".down.sql")) {
      found.plain = true;
    }
  }
  return found;
}

// Signs in order of certainty: a file only one tool writes, then names. sqlx also reads
// `.up.sql`/`.down.sql` pairs, and both tools apply their up files in version order, so
// a folder of pairs alone is taken for golang-migrate (the more common of the two with
// that layout); a plain `<integer>_<name>.sql` beside them, which golang-migrate would
// never apply, makes it sqlx. Name sqlx explicitly for a sqlx folder of pairs only.
std::optional<Tool> tool_of_folder(const fs::path& folder) {
  if (path_exists(folder / "meta" / "_journal.json") || has_drizzle_v1_folders(folder)) return Tool::Drizzle;
  switch (file_marker(folder, folder)) {
    case Marker::Goose: return Tool::Goose;
    case Marker::Dbmate: return Tool::Dbmate;
    case Marker::None: break;
  }
  if (path_exists(folder / "atlas.sum")) return Tool::Atlas;
  if (has_flyway_names(folder)) return Tool::Flyway;
  const NumberedNames names = numbered_names(folder);
  if (names.plain) return Tool::Sqlx;
  if (names.up) return Tool::GolangMigrate;
  return std::nullopt;
}

}  // namespace

Tool detect_tool(const std::vector<fs::path>& folders) {
  std::optional<std::pair<Tool, fs::path>> first;
  for (const fs::path& folder : folders) {
    check_folder(folder);
    const std::optional<Tool> tool = tool_of_folder(folder);
    if (!tool) {
      throw MigrationError("no migration tool recognised in " + folder.string(),
                           std::string(kLookedFor) + "; name the tool if the folder is one of theirs");
    }
    if (first && first->first != *tool) {
      throw MigrationError(first->second.string() + " looks like " + std::string(name_of(first->first)) +
                               " migrations, but " + folder.string() + " like " + std::string(name_of(*tool)),
                           "the folders of one source are read by one tool: name it, or split them into sources");
    }
    if (!first) first.emplace(*tool, folder);
  }
  if (!first) throw MigrationError("no migration folder given", "name at least one folder of migrations");
  return first->first;
}

namespace {

bool every_sql_file_versioned(const std::filesystem::path& folder) {
  for (const std::filesystem::path& file : files_in(folder)) {
    const std::string name = file.filename().string();
    if (!name.ends_with(".sql")) continue;
    const std::size_t underscore = name.find('_');
    if (underscore == std::string::npos || !parse_int64(name.substr(0, underscore))) return false;
  }
  return true;
}

}  // namespace

std::optional<Tool> detect_tool_of_unnamed_folder(const std::filesystem::path& folder) {
  std::error_code error;
  if (!std::filesystem::is_directory(folder, error)) return std::nullopt;
  try {
    const Tool tool = detect_tool({folder});
    if (tool == Tool::Sqlx && !every_sql_file_versioned(folder)) return std::nullopt;
    return tool;
  } catch (const MigrationError&) {
    return std::nullopt;  // no tool's files: a folder of schema files
  }
}

}  // namespace devenv::migrations
