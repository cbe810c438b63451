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
};

}  // namespace devenv::db
