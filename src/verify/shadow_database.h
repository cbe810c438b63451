#pragma once

#include <functional>
#include <memory>
#include <string>

#include "config/config.h"
#include "db/session.h"
#include "generator/script_writer.h"

namespace devenv::verify {

// A throwaway database on a running server holding what one logical database's
// schema sources make: the server parses and normalises them, exactly as it did
// the live database (Skeema's and Atlas's approach). Named _devenv_shadow_<key>_<pid>;
// dropped by the destructor, on success, failure or interrupt alike.
class ShadowDatabase {
 public:
  using Connect = db::Connect;

  // Loads the sources; a statement the server rejects throws util::RuntimeError naming
  // its source file and line.
  ShadowDatabase(const config::Config& config, const config::Server& server, const config::Database& database,
                 Connect connect);
  ~ShadowDatabase();
  ShadowDatabase(const ShadowDatabase&) = delete;
  ShadowDatabase& operator=(const ShadowDatabase&) = delete;

  const std::string& name() const { return name_; }

  // Drops shadow databases a killed devenv left behind on this server.
  static void drop_leftovers(const config::Server& server, db::Session& session);

 private:
  void load(const config::Config& config, const config::Database& database);
  void drop();

  const config::Server& server_;
  std::unique_ptr<generator::ScriptWriter> writer_;
  Connect connect_;
  std::string name_;
  bool created_ = false;
};

}  // namespace devenv::verify
