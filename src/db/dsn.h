#pragma once

#include <optional>
#include <string>

#include "db/endpoint.h"
#include "engine/engine.h"

namespace devenv::db {

struct Dsn {
  engine::Engine engine;  // MySQL for mysql://: MariaDB speaks the same protocol
  Endpoint endpoint;
};

// mysql://user:password@host:port/database (also mariadb://), postgres:// or
// postgresql://; percent-escapes decoded. SQLite: sqlite:///<absolute path> (as
// `devenv env` prints it; also sqlite:<path>), or the path of an existing SQLite
// database file itself ("./keygen.db"), told by the file's first bytes, never by its
// name; the endpoint's `database` is then the file's path. nullopt when `text` is none
// of these.
std::optional<Dsn> parse_dsn(const std::string& text);

}  // namespace devenv::db
