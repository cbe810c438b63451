#include "config/table_reader.h"

#include <algorithm>
#include <sstream>

#include "config/config_error.h"
#include "config/did_you_mean.h"

namespace devenv::config {

std::string join_words(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : ", ") + word;
  return out;
}

std::string type_name(const toml::node& node) {
  std::ostringstream out;
  out << node.type();
  return out.str();
}

TableReader::TableReader(const toml::table& table, std::string path, const std::string& file,
                         const Environment& environment, std::vector<std::string> allowed)
    : table_(table), path_(std::move(path)), file_(file), environment_(environment), allowed_(std::move(allowed)) {
  for (auto&& [key, node] : table_) {
    const std::string name(key.str());
    if (std::find(allowed_.begin(), allowed_.end(), name) != allowed_.end()) continue;
    const std::string guess = did_you_mean(name, allowed_);
    throw ConfigError(where(key.source()), key_path(name), "unknown key",
                      guess.empty() ? "allowed keys here: " + join_words(allowed_) : "did you mean '" + guess + "'?");
  }
}

std::string TableReader::key_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

std::string TableReader::where(const toml::source_region& region) const {
  return file_ + ":" + std::to_string(region.begin.line) + ":" + std::to_string(region.begin.column);
}

std::string TableReader::where_of(const std::string& key) const {
  const toml::node* found = table_.get(key);
  return found ? where(found->source()) : where();
}

std::string TableReader::where() const { return where(table_.source()); }

const toml::table& TableReader::table(const std::string& key, const toml::node& node) const {
  const toml::table* table = node.as_table();
  if (!table) wrong_type(key, node, "a table");
  return *table;
}

std::optional<Secret> TableReader::secret(const std::string& key) const {
  const toml::node* found = table_.get(key);
  if (!found) return std::nullopt;
  if (!found->is_string()) wrong_type(key, *found, "a string");
  Secret secret;
  secret.reference = **found->as_string();
  secret.value = resolve(key, secret.reference);
  return secret;
}

std::optional<std::string> TableReader::string(const std::string& key) const {
  std::optional<Secret> value = secret(key);
  return value ? std::optional<std::string>(value->value) : std::nullopt;
}

std::string TableReader::required_string(const std::string& key, const std::string& example) const {
  std::optional<std::string> value = string(key);
  if (!value) missing(key, "a string, e.g. " + example);
  if (value->empty()) throw ConfigError(where_of(key), key_path(key), "must not be empty");
  return *value;
}

std::optional<std::int64_t> TableReader::integer(const std::string& key) const {
  const toml::node* found = table_.get(key);
  if (!found) return std::nullopt;
  if (!found->is_integer()) wrong_type(key, *found, "an integer");
  return **found->as_integer();
}

std::optional<bool> TableReader::boolean(const std::string& key) const {
  const toml::node* found = table_.get(key);
  if (!found) return std::nullopt;
  if (!found->is_boolean()) wrong_type(key, *found, "true or false");
  return **found->as_boolean();
}

std::vector<std::string> TableReader::string_array(const std::string& key) const {
  const toml::node* found = table_.get(key);
  if (!found) return {};
  const toml::array* array = found->as_array();
  if (!array) wrong_type(key, *found, "an array of strings");
  std::vector<std::string> out;
  for (const toml::node& item : *array) {
    if (!item.is_string()) {
      throw ConfigError(where(item.source()), key_path(key), "expected a string, got " + type_name(item));
    }
    out.push_back(resolve(key, **item.as_string()));
  }
  return out;
}

std::string TableReader::resolve(const std::string& key, const std::string& raw) const {
  try {
    return interpolate(raw, environment_);
  } catch (const UnsetVariable& e) {
    throw ConfigError(where_of(key), key_path(key), e.what(),
                      "export " + e.variable + "=…, add " + e.variable +
                          "=… to the .env file beside the config, or write ${" + e.variable + ":-default}");
  } catch (const BadReference& e) {
    throw ConfigError(where_of(key), key_path(key), e.what(), "write $$ for a literal $");
  }
}

void TableReader::missing(const std::string& key, const std::string& expected) const {
  throw ConfigError(where(), key_path(key), "missing; expected " + expected);
}

void TableReader::wrong_type(const std::string& key, const toml::node& node, const std::string& expected) const {
  throw ConfigError(where(node.source()), key_path(key), "expected " + expected + ", got " + type_name(node));
}

}  // namespace devenv::config
