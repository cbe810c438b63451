#include "config/config.h"

#include <algorithm>

namespace devenv::config {

std::vector<std::string> Database::schemas() const {
  std::vector<std::string> out;
  const auto add = [&](const std::string& name) {
    if (std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  if (!schema.empty()) add(schema);
  for (const std::string& name : declared_schemas) add(name);
  for (const SchemaSource& source : sources) add(source.schema);
  return out;
}

void Database::throw_if_unreadable() const {
  if (migrations && migrations->failure) std::rethrow_exception(migrations->failure);
}

std::vector<std::string> Database::schemas_before_sources() const {
  if (!migrations) return schemas();
  return schema.empty() ? std::vector<std::string>{} : std::vector<std::string>{schema};
}

std::vector<std::string> Database::schemas_after_sources() const {
  if (!migrations) return {};
  std::vector<std::string> out = schemas();
  std::erase(out, schema);
  return out;
}

const Server* Config::find_server(const std::string& name) const {
  for (const Server& server : servers) {
    if (server.name == name) return &server;
  }
  return nullptr;
}

const Database* Config::find_database(const std::string& key) const {
  for (const Database& database : databases) {
    if (database.key == key) return &database;
  }
  return nullptr;
}

std::vector<const Database*> Config::databases_on(const std::string& server) const {
  std::vector<const Database*> out;
  for (const Database& database : databases) {
    if (database.server == server) out.push_back(&database);
  }
  return out;
}

}  // namespace devenv::config
