#pragma once

#include <stdexcept>
#include <string>

namespace devenv::adopt {

// A project file `devenv init` cannot read (a compose file with a YAML error, one it
// cannot open): where (file:line:col, or the file), what is wrong, and what to do. The
// command exits 2 and writes nothing.
class InputError : public std::runtime_error {
 public:
  InputError(const std::string& where, const std::string& message, std::string hint = {})
      : std::runtime_error(where + ": " + message), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

}  // namespace devenv::adopt
