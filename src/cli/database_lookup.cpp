#include "cli/database_lookup.h"

#include "cli/usage_error.h"
#include "config/did_you_mean.h"

namespace devenv::cli {

std::pair<const config::Database*, std::string> find_database(const config::Config& config, const std::string& wanted) {
  std::vector<std::string> known;
  for (const config::Database& database : config.databases) {
    if (database.key == wanted) return {&database, database.names.front()};
    for (const std::string& name : database.names) {
      if (name == wanted) return {&database, name};
      known.push_back(name);
    }
    known.push_back(database.key);
  }
  const std::string guess = config::did_you_mean(wanted, known);
  throw UsageError("no database '" + wanted + "' in the config" + (guess.empty() ? "" : "; did you mean '" + guess + "'?"));
}

}  // namespace devenv::cli
