#include "config/config_error.h"

namespace devenv::config {

static std::string render(const std::string& where, const std::string& key, const std::string& message,
                          const std::string& hint) {
  std::string text = where + ": ";
  if (!key.empty()) text += key + ": ";
  text += message;
  if (!hint.empty()) text += "\n  hint: " + hint;
  return text;
}

ConfigError::ConfigError(const std::string& where, const std::string& key, const std::string& message,
                         const std::string& hint)
    : std::runtime_error(render(where, key, message, hint)), key_(key) {}

}  // namespace devenv::config
