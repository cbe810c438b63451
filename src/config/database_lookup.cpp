#include "config/database_lookup.h"

#include "config/did_you_mean.h"
#include "config/schema_files.h"
#include "util/usage_error.h"

namespace devenv::config {

namespace {

// Every key and name of the config, for did-you-mean.
std::vector<std::string> known_names(const Config& config) {
  std::vector<std::string> known;
  for (const Database& database : config.databases) {
    known.push_back(database.key);
    known.insert(known.end(), database.names.begin(), database.names.end());
  }
  return known;
}

[[noreturn]] void unknown_database(const Config& config, const std::string& wanted) {
  const std::string guess = did_you_mean(wanted, known_names(config));
  throw util::UsageError("no database '" + wanted + "' in the config" +
                         (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
}

}  // namespace

std::pair<const Database*, std::string> find_database(const Config& config, const std::string& wanted) {
  for (const Database& database : config.databases) {
    if (database.key == wanted) return {&database, database.names.front()};
    for (const std::string& name : database.names) {
      if (name == wanted) return {&database, name};
    }
  }
  unknown_database(config, wanted);
}

const Database* database_with_source(const Config& config, const std::filesystem::path& file) {
  std::error_code error;
  const std::filesystem::path wanted = std::filesystem::weakly_canonical(file, error);
  for (const Database& database : config.databases) {
    for (const SchemaSource& source : database.sources) {
      if (std::filesystem::weakly_canonical(source.path, error) == wanted) return &database;
    }
  }
  return nullptr;
}

const Database* database_of_path(const Config& config, const std::filesystem::path& path) {
  std::error_code error;
  const std::filesystem::path wanted = std::filesystem::weakly_canonical(path, error);
  for (const Database& database : config.databases) {
    if (!database.migrations) continue;
    for (const std::filesystem::path& folder : database.migrations->folders) {
      if (std::filesystem::weakly_canonical(folder, error) == wanted) return &database;
    }
  }
  if (std::filesystem::is_directory(path, error)) {
    for (const auto& file : sql_files_in(path)) {
      if (const Database* database = database_with_source(config, file)) return database;
    }
    return nullptr;
  }
  return database_with_source(config, path);
}

DatabaseSelection select_databases(const Config& config, const std::vector<std::string>& wanted) {
  DatabaseSelection selection;
  if (wanted.empty()) {
    for (const Database& database : config.databases) selection[database.key] = database.names;
    return selection;
  }
  for (const std::string& name : wanted) {
    const auto [database, database_name] = find_database(config, name);
    if (database->key == name) {
      selection[database->key] = database->names;
    } else {
      selection[database->key].push_back(database_name);
    }
  }
  return selection;
}

}  // namespace devenv::config
