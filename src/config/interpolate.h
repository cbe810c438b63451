#pragma once

#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace devenv::config {

using Environment = std::function<std::optional<std::string>(const std::string&)>;

// The process environment.
Environment process_environment();

struct UnsetVariable : std::runtime_error {
  explicit UnsetVariable(const std::string& name)
      : std::runtime_error("${" + name + "} is not set and has no default"), variable(name) {}
  std::string variable;
};

struct BadReference : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Replaces ${VAR} and ${VAR:-default} (default used when VAR is unset or empty, as
// in the shell and docker compose); $$ stands for a literal $. Throws UnsetVariable
// or BadReference.
std::string interpolate(std::string_view text, const Environment& environment);

}  // namespace devenv::config
