#pragma once

#include <string>

namespace devenv::db {

// How to reach a server: a unix socket when `socket` is set, else TCP to `host`.
struct Endpoint {
  std::string socket;  // MySQL: the socket file; PostgreSQL: the socket directory
  int port = 0;
  std::string user;
  std::string password;
  std::string database;  // empty: the engine's default
  std::string host = "127.0.0.1";
  // A shared server's (runtime = "remote"): TLS as libpq's sslmode names it ("" or
  // "prefer": the library's default; "disable", "require", "verify-full"), the CA
  // that signed its certificate, and how long a query may wait for the server's
  // answer before the session gives up (0: as long as it takes).
  std::string tls = {};
  std::string ca_file = {};
  int read_timeout_seconds = 0;
  // How long to wait to connect; 0: the timeout db::connect is given. Set for a shared
  // server's `connect_timeout`, so every session made from the endpoint (the init's,
  // verify's) waits as long as the admin's does.
  int connect_timeout_seconds = 0;
};

}  // namespace devenv::db
