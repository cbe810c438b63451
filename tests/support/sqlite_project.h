#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace devenv::test {

// A project with one SQLite server `lite` and one database `app` whose [[databases]]
// entry ends with `database_keys` (its migrations), plus `files`. `devenv up` makes its
// database file (runtime/sqlite_server.h); purged when it goes away.
class SqliteProject {
 public:
  SqliteProject(const std::string& database_keys, const std::map<std::string, std::string>& files);
  ~SqliteProject();
  SqliteProject(const SqliteProject&) = delete;
  SqliteProject& operator=(const SqliteProject&) = delete;

  const TempDir& dir() const { return dir_; }
  CommandResult devenv(const std::string& arguments) const;
  // `devenv up`, required to succeed: it builds the init file and makes app.db from it.
  void make_database();
  std::filesystem::path database() const { return dir_.path() / ".devenv/lite/data/app.db"; }
  std::string init_file() const;
  // `devenv verify` and `verify --include-history` both clean: the file holds what the
  // init file makes, history table included.
  void check_verify_clean() const;

  void execute(const std::string& sql) const;
  // Every row, columns joined by '|', rows by '\n'; NULL as "-". In `file` when given
  // (a database the tool made itself), else in the one make_database() made.
  std::string query(const std::string& sql, const std::filesystem::path& file = {}) const;

 private:
  TempDir dir_;
};

}  // namespace devenv::test
