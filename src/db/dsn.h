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
// postgresql://; percent-escapes decoded. nullopt when `text` is not such a URL.
std::optional<Dsn> parse_dsn(const std::string& text);

}  // namespace devenv::db
