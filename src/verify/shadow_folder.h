#pragma once

#include <filesystem>
#include <string>

#include "db/session.h"

namespace devenv::verify {

// Where a verify's SQLite shadows live: a private folder of its own (0700, under the
// system's temp dir, per user), never the live server's folder, removed with everything
// in it by the destructor. A folder a killed devenv left behind is removed by the next
// verify (drop_leftovers), once the process that made it is gone.
class ShadowFolder {
 public:
  // `suffix`: the load's run_suffix(), "_<pid>_<n>".
  explicit ShadowFolder(const std::string& suffix);
  ~ShadowFolder();
  ShadowFolder(const ShadowFolder&) = delete;
  ShadowFolder& operator=(const ShadowFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Sessions on <folder>/<name>.db, made empty on first use.
  db::Connect connector() const;

  static void drop_leftovers();

 private:
  std::filesystem::path path_;
};

}  // namespace devenv::verify
