#include "runtime/sqlite_layout.h"

#include "engine/engine.h"

namespace devenv::runtime {

SqliteLayout SqliteLayout::of(const config::Config& config, const config::Server& server) {
  const std::filesystem::path root = config.project.state_dir / server.name;
  return {root, root / "data", root / "pristine", root / "state"};
}

std::filesystem::path SqliteLayout::database_file(const std::string& database) const {
  return data_dir / engine::Engine::database_file_name(database);
}

std::filesystem::path SqliteLayout::partial_file(const std::string& database) const {
  return data_dir / ("." + engine::Engine::database_file_name(database) + ".partial");
}

std::filesystem::path SqliteLayout::pristine_file(const std::string& database, const std::string& script_sha256) const {
  return pristine_dir / (database + "-" + script_sha256.substr(0, 16) + ".db");
}

}  // namespace devenv::runtime
