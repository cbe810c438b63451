// A folder of SQLite database files for tests that need no server: each database is
// <folder>/<name>.db, made by loading SQL with the C library, read back with devenv's
// inspector.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/differ.h"
#include "catalog/model.h"
#include "db/session.h"
#include "support/temp_dir.h"

namespace devenv::test {

class SqliteFiles {
 public:
  const std::filesystem::path& folder() const { return dir_.path(); }
  std::string path(const std::string& name) const;
  // Sessions on <folder>/<name>.db, made when missing.
  db::Connect connector() const;
  // A fresh <name>.db holding what `sql` makes.
  void load(const std::string& name, const std::string& sql) const;
  catalog::Database model(const std::string& name) const;

 private:
  TempDir dir_;
};

// "changed column t.a", "missing table t", "extra view v": one line per difference.
std::vector<std::string> described(const std::vector<catalog::Difference>& differences);

}  // namespace devenv::test
