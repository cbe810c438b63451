#include "config/name_rules.h"

#include <regex>

namespace devenv::config {

bool is_file_safe_name(const std::string& name) {
  static const std::regex rule("[a-z0-9][a-z0-9_-]*");
  return std::regex_match(name, rule);
}

bool is_plain_name(const std::string& name) {
  static const std::regex rule("[A-Za-z_][A-Za-z0-9_]*");
  return std::regex_match(name, rule);
}

bool is_plain_schema_name(const std::string& name) {
  static const std::regex rule("[a-z_][a-z0-9_]*");
  return std::regex_match(name, rule);
}

bool is_charset_name(const std::string& name) {
  static const std::regex rule("[A-Za-z0-9_][A-Za-z0-9_.-]*");
  return std::regex_match(name, rule);
}

bool is_setting_name(const std::string& name) {
  static const std::regex rule("[A-Za-z_][A-Za-z0-9_.-]*");
  return std::regex_match(name, rule);
}

bool is_compose_project_name(const std::string& name) { return is_file_safe_name(name); }

}  // namespace devenv::config
