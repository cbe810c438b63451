#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "runtime/server.h"

namespace devenv::cli {

// A connection URL for one database, for the app under development.
struct DatabaseUrl {
  std::string variable;  // DEVENV_MAIN_URL, DEVENV_PARTITION_001_URL
  std::string url;       // mysql://unkey:…@127.0.0.1:3306/unkey
  std::string masked;    // the same with the password as ****
};

// One URL per database of `database` (a partition template gives one per
// partition), for the first user granted it, else the server's root; on `server`'s
// host and `port`, with a shared server's names (alice_main, user alice_app).
std::vector<DatabaseUrl> database_urls(const config::Config& config, const config::Database& database,
                                       const runtime::Server& server, int port);

}  // namespace devenv::cli
