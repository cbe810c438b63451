#include "verify/ignore_rules.h"

#include <algorithm>

#include "config/config_error.h"
#include "generator/history_table.h"
#include "util/usage_error.h"

namespace devenv::verify {

namespace {

const char* const kSyntax = "write kind:glob, e.g. \"table:_sqlx_migrations\" or \"column:users.legacy_*\"";

catalog::IgnorePattern from_config(const config::IgnoreSetting& setting) {
  if (const auto pattern = catalog::parse_ignore_pattern(setting.pattern)) return *pattern;
  throw config::ConfigError(setting.where, setting.key, "\"" + setting.pattern + "\" is not an ignore pattern",
                            std::string(kSyntax) + "; kinds: " + catalog::ignore_kinds());
}

catalog::IgnorePattern from_command_line(const std::string& text) {
  if (const auto pattern = catalog::parse_ignore_pattern(text)) return *pattern;
  throw util::UsageError("--ignore \"" + text + "\" is not an ignore pattern: " + kSyntax +
                         "; kinds: " + catalog::ignore_kinds());
}

bool matched_by(const std::vector<catalog::IgnorePattern>& patterns, const catalog::Difference& difference) {
  return std::any_of(patterns.begin(), patterns.end(),
                     [&](const catalog::IgnorePattern& pattern) { return catalog::ignores(pattern, difference); });
}

}  // namespace

IgnoreRules::IgnoreRules(const config::Config& config, const std::vector<std::string>& command_line,
                         bool include_history)
    : config_(config), include_history_(include_history) {
  for (const config::IgnoreSetting& setting : config.ignore) everywhere_.push_back(from_config(setting));
  for (const std::string& text : command_line) everywhere_.push_back(from_command_line(text));
  for (const config::Database& database : config.databases) {
    for (const config::IgnoreSetting& setting : database.ignore)
      by_database_[database.key].push_back(from_config(setting));
  }
}

// Only the database's own tool's table (and on PostgreSQL the schema Drizzle and Atlas
// keep it in), so that a user's table of the same name elsewhere is still compared.
std::vector<catalog::IgnorePattern> IgnoreRules::history_of(const config::Database& database) const {
  const config::Server* server = config_.find_server(database.server);
  const auto history = server ? generator::history_table(database, *server) : std::nullopt;
  if (include_history_ || !history) return {};
  if (history->schema.empty()) return {{catalog::Kind::Table, history->table}};
  std::vector<catalog::IgnorePattern> out = {{catalog::Kind::Table, history->schema + "." + history->table}};
  if (history->schema != database.schema) out.push_back({catalog::Kind::Schema, history->schema});
  return out;
}

void IgnoreRules::remove_ignored(std::vector<catalog::Difference>& differences,
                                 const config::Database* database) const {
  const auto own = database ? by_database_.find(database->key) : by_database_.end();
  const std::vector<catalog::IgnorePattern> history =
      database ? history_of(*database) : std::vector<catalog::IgnorePattern>{};
  std::erase_if(differences, [&](const catalog::Difference& difference) {
    return matched_by(everywhere_, difference) || matched_by(history, difference) ||
           (own != by_database_.end() && matched_by(own->second, difference));
  });
}

}  // namespace devenv::verify
