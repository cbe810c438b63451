#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "support/run_command.h"

namespace devenv::test {

// Where tests/migrators/install.sh put the real migrators (drizzle-orm, sql.js, dbmate).
std::filesystem::path migrators_dir();

// False, with the reason printed, when the real migrators could not be installed.
bool have_migrators();

// The real dbmate on `url`'s database with `folder` as its migrations. It reads ./.env,
// so it runs from a folder of its own.
CommandResult dbmate(const std::string& url, const std::filesystem::path& folder, const std::string& command);

// drizzle-kit's meta/_journal.json for these (tag, when) entries, in this order.
std::string drizzle_journal(const std::vector<std::pair<std::string, long long>>& entries, const std::string& dialect);

// The real drizzle-orm SQLite migrator (through sql.js) on the database file `file`
// (made empty when missing): prints {"applied": N}.
CommandResult drizzle_sqlite_migrate(const std::filesystem::path& file, const std::filesystem::path& folder);

}  // namespace devenv::test
