#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace devenv::adopt {

// A value as a compose file writes it: literal text and variable references, which
// compose fills in from the shell and the project's .env file:
//   $VAR, ${VAR}       the value
//   ${VAR:-default}    default when VAR is unset or empty; ${VAR-default}: when unset
//   ${VAR:?message}    an error when unset or empty; ${VAR?message}: when unset
//   ${VAR:+other}      other when VAR is set and not empty; ${VAR+other}: when set
//   $$                 a literal $
// `devenv init` never looks the variables up: the config it writes must mean the same
// on every machine, so it keeps the references and reasons with their defaults.
class ComposeText {
 public:
  // Throws std::invalid_argument for a `$` that starts no reference, or an unclosed `${`.
  explicit ComposeText(std::string_view text);

  // The value when no variable is set: each default filled in, other references empty.
  std::string unset_value() const;
  bool has_variables() const;
  // The references that have no default (a value, or an error, without the variable).
  std::vector<std::string> variables_without_default() const;
  // The text as config.toml writes it: each reference as ${VAR:-default}, the form
  // config.toml reads, `fallback` as the default of one that had none, and ${VAR:+…}
  // as the value it has when nothing is set. A literal `$` is written `$$`.
  std::string config_text(const std::string& fallback) const;

 private:
  struct Part {
    bool is_reference = false;
    std::string text;       // a literal's text, or a reference's variable name
    std::string operation;  // "", ":-", "-", ":?", "?", ":+", "+"
    std::string word;       // the default, message or other, as written
  };
  std::vector<Part> parts_;
};

// `$` doubled, so that config.toml and compose read `text` as written.
std::string literal_dollars(std::string_view text);

}  // namespace devenv::adopt
