#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace devenv::test {

// A project with one SQLite server `lite` and one database `app` whose [[databases]]
// entry ends with `database_keys` (its migrations), plus `files`. Its database is made
// as the SQLite runtime makes it: `devenv build`, then the init file of `app` run into a
// new file through the C library (runtime/sqlite_server.h).
class SqliteProject {
 public:
  SqliteProject(const std::string& database_keys, const std::map<std::string, std::string>& files);

  const TempDir& dir() const { return dir_; }
  CommandResult devenv(const std::string& arguments) const;
  // `devenv build` (required to succeed), then a fresh app.db from the init file.
  void make_database();
  std::filesystem::path database() const { return dir_.path() / "made" / "app.db"; }
  std::string init_file() const;

  void execute(const std::string& sql) const;
  // Every row, columns joined by '|', rows by '\n'; NULL as "-". In `file` when given
  // (a database the tool made itself), else in the one make_database() made.
  std::string query(const std::string& sql, const std::filesystem::path& file = {}) const;

 private:
  TempDir dir_;
};

}  // namespace devenv::test
