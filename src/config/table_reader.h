#pragma once

#include <toml++/toml.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "config/interpolate.h"

namespace devenv::config {

// Reads one TOML table of config.toml, knowing nothing of what the keys mean:
// typed getters with `${VAR}` interpolation, and a ConfigError (file:line:col, the
// key path, what was expected, a did-you-mean) for every key that is not one of
// `allowed` and every value of the wrong type.
class TableReader {
 public:
  // `path` is the table's key path ("servers.mysql"; "" for the top level), `file`
  // the config's name as shown in messages.
  TableReader(const toml::table& table, std::string path, const std::string& file, const Environment& environment,
              std::vector<std::string> allowed);

  std::string key_path(const std::string& key) const;
  std::string where(const toml::source_region& region) const;  // file:line:col
  std::string where_of(const std::string& key) const;          // the key's, else the table's
  std::string where() const;

  const toml::node* node(const std::string& key) const { return table_.get(key); }
  // A table under `key`: wrong type is an error.
  const toml::table& table(const std::string& key, const toml::node& node) const;

  std::optional<Secret> secret(const std::string& key) const;
  std::optional<std::string> string(const std::string& key) const;
  std::string required_string(const std::string& key, const std::string& example) const;
  std::optional<std::int64_t> integer(const std::string& key) const;
  std::optional<bool> boolean(const std::string& key) const;
  std::vector<std::string> string_array(const std::string& key) const;

  // `raw` with `${VAR}` references replaced; errors name `key`.
  std::string resolve(const std::string& key, const std::string& raw) const;

  [[noreturn]] void missing(const std::string& key, const std::string& expected) const;
  [[noreturn]] void wrong_type(const std::string& key, const toml::node& node, const std::string& expected) const;

 private:
  const toml::table& table_;
  std::string path_;
  const std::string& file_;
  const Environment& environment_;
  std::vector<std::string> allowed_;
};

// "a, b, c", for hints that list what is allowed.
std::string join_words(const std::vector<std::string>& words);

// "string", "integer", … as TOML names the node's type.
std::string type_name(const toml::node& node);

}  // namespace devenv::config
