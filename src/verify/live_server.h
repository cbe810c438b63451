#pragma once

#include "config/config.h"
#include "db/session.h"

namespace devenv::verify {

// A running server of the config, as verification sees it: root sessions on any
// of its databases, and whether its data dir was made from older init files. The
// runtime that runs it (native or compose) does not matter here.
struct LiveServer {
  const config::Server* server = nullptr;
  db::Connect connect;
  bool schema_changed = false;
  db::ConnectAs connect_as;  // the same server as another account: shadow loads run as one
  // SQLite: the folder of its database files, whose <name>.db files are its databases
  // (a folder has no catalog to list them). Empty for servers.
  std::string files_folder = {};
  // A shared server (runtime = "remote"): the developer's prefix, which the live
  // databases' names start with (alice_main for the config's main).
  std::string prefix = {};
  // And the databases its registry records under that prefix: the only ones whose
  // being undeclared is reported (another prefix may start with this one).
  std::vector<std::string> registered = {};
};

}  // namespace devenv::verify
