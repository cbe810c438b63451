#pragma once

#include <map>
#include <string>
#include <vector>

#include "catalog/differ.h"
#include "catalog/ignore_pattern.h"
#include "config/config.h"

namespace devenv::verify {

// What one verify or diff leaves out of its report: the config's ignore patterns (top
// level: everywhere; in a [[databases]] entry: that database's) and the command line's
// --ignore (everywhere). Built as soon as the config is loaded, so a pattern that does
// not parse stops every command: a config one is a config::ConfigError naming its
// file:line:col and key, a command-line one a util::UsageError naming --ignore; both
// list the kinds there are.
class IgnoreRules {
 public:
  // A database's migration tool's history table (generator/history_table.h) is data,
  // not schema: left out too unless `include_history`.
  explicit IgnoreRules(const config::Config& config, const std::vector<std::string>& command_line = {},
                       bool include_history = false);

  // Removes from `differences` what the global patterns, those of `database`'s config
  // entry (nullptr: a database of no config entry) and its history table match. A
  // `diff` of a migration folder passes its stand-in database.
  void remove_ignored(std::vector<catalog::Difference>& differences, const config::Database* database) const;

 private:
  std::vector<catalog::IgnorePattern> history_of(const config::Database& database) const;

  const config::Config& config_;
  bool include_history_;
  std::vector<catalog::IgnorePattern> everywhere_;
  std::map<std::string, std::vector<catalog::IgnorePattern>> by_database_;  // by key
};

}  // namespace devenv::verify
