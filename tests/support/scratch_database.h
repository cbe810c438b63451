#pragma once

#include <memory>
#include <string>

#include "db/session.h"

#include "support/native_example.h"
#include "support/run_command.h"

namespace devenv::test {

enum class ScratchEngine { MariaDB, Postgres };

// Scratch databases on one server of a running NativeExample, loaded as a user's
// client would load them: `mariadb` or `psql -v ON_ERROR_STOP=1` as root. The port is
// read once (asking `devenv status` per statement would dominate a long test).
class ScratchDatabase {
 public:
  ScratchDatabase(const NativeExample& example, ScratchEngine engine);

  // A fresh `database` (dropped first if it exists) holding `sql`; fails the test when
  // the client does. Returns its DSN.
  std::string load(const std::string& database, const std::string& sql) const;
  // Runs `sql` in `database` with the engine's client; psql in one transaction when
  // `atomic` ("" is the server's fallback database). Both clients stop at the first
  // error and say at which line of `sql` it was.
  CommandResult run(const std::string& database, const std::string& sql, bool atomic = false) const;
  std::string dsn(const std::string& database) const;
  // A session as root on `database`, for catalog queries.
  std::unique_ptr<db::Session> session(const std::string& database) const;
  ScratchEngine engine() const { return engine_; }
  int port() const { return port_; }

 private:
  std::string client(const std::string& database, bool atomic) const;

  const NativeExample& example_;
  ScratchEngine engine_;
  int port_;
};

}  // namespace devenv::test
