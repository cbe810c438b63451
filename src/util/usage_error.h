#pragma once

#include <stdexcept>

namespace devenv::util {

// The user asked for something that cannot be: an unknown command, option,
// database or server. Exit code 2; the message says what to do.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace devenv::util
