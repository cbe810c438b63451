#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "engine/engine.h"

namespace devenv::adopt {

// What a compose service's `image:` says about the server it runs.
struct ImageFacts {
  engine::Engine engine;
  std::string version;    // the tag's leading version ("15" of "15-alpine"); "" for latest or none
  bool official = false;  // mysql, mariadb or postgres itself, whose variables devenv knows
};

// The engine an image runs, told by its repository's name: mariadb; mysql or percona;
// postgres and images built on it (postgis, timescaledb, pgvector). nullopt for any
// other image (redis, an app): not a database devenv runs.
std::optional<ImageFacts> image_facts(std::string_view image);

}  // namespace devenv::adopt
