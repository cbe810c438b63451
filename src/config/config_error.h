#pragma once

#include <stdexcept>
#include <string>

namespace devenv::config {

// A mistake in config.toml: where (file:line:col), which key, what was expected,
// and what to do. Commands turn it into exit code 2.
class ConfigError : public std::runtime_error {
 public:
  ConfigError(const std::string& where, const std::string& key, const std::string& message,
              const std::string& hint = {});
  const std::string& key() const { return key_; }

 private:
  std::string key_;
};

}  // namespace devenv::config
