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
  UnsetVariable(const std::string& name, const std::string& message) : std::runtime_error(message), variable(name) {}
  explicit UnsetVariable(const std::string& name)
      : UnsetVariable(name, "$" + name + " is not set and has no default") {}
  std::string variable;
};

struct BadReference : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// Replaces variables as docker compose does, so a value means the same in config.toml
// as in a compose file:
//   $VAR, ${VAR}          the value; unset is an error (compose would warn and use "",
//                         which turned a password into an empty one without a word)
//   ${VAR:-default}       default when VAR is unset or empty; ${VAR-default}: when unset
//   ${VAR:?message}       error with the message when VAR is unset or empty; ${VAR?message}: when unset
//   ${VAR:+other}         other when VAR is set and not empty, else ""; ${VAR+other}: when set
//   $$                    a literal $
// Defaults, messages and others may hold variables themselves. A $ followed by
// anything else is a BadReference, as in compose. Throws UnsetVariable or BadReference.
std::string interpolate(std::string_view text, const Environment& environment);

// The syntax interpolate() reads, for readers that keep references instead of
// expanding them (devenv init's compose reader):
// the length of the variable name at the start of `text`, 0 if there is none;
std::size_t variable_name_length(std::string_view text);
// the `}` closing a `${` whose body starts at `from`, past nested `${…}` and `$$`.
std::size_t closing_brace(std::string_view text, std::size_t from);

}  // namespace devenv::config
