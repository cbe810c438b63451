#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/model.h"
#include "db/session.h"
#include "sqltext/dialect.h"

namespace devenv::catalog {

// Reads live databases into the model, with a fixed number of bulk queries per
// server (MySQL) or per database (PostgreSQL, which has no cross-database catalog):
// verifying a thousand partitions must not cost a thousand × tables round trips.
class Inspector {
 public:
  virtual ~Inspector() = default;
  // The user databases on the server (not the system's, not devenv's own).
  virtual std::vector<std::string> databases() = 0;
  // Each of `databases` the server holds, handed to `each` as soon as it is read, so
  // that a caller who keeps none holds a few at a time however many there are. The
  // order is the engine's; calls to `each` never overlap, but may come from another
  // thread, and an exception from `each` stops the reading and comes out of here.
  virtual void inspect_each(const std::vector<std::string>& databases, const std::function<void(Database&&)>& each) = 0;
  // All of them at once, by name.
  std::map<std::string, Database> inspect(const std::vector<std::string>& databases);
};

// A session on the named database ("" for the server's default).
using Connect = db::Connect;

std::unique_ptr<Inspector> make_inspector(sqltext::Dialect dialect, Connect connect);

}  // namespace devenv::catalog
