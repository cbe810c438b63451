#pragma once

#include <stdexcept>
#include <string>

namespace devenv::util {

// A server, a script or the machine failed: exit code 3. `hint` says what to do.
class RuntimeError : public std::runtime_error {
 public:
  explicit RuntimeError(const std::string& message, std::string hint = {})
      : std::runtime_error(message), hint_(std::move(hint)) {}
  const std::string& hint() const { return hint_; }

 private:
  std::string hint_;
};

}  // namespace devenv::util
