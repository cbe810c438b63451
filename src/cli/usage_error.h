#pragma once

#include <stdexcept>

namespace devenv::cli {

// A request devenv cannot carry out as asked (a bad option, an unknown name): exit 2
// with a pointer to the command's help, never a runtime failure.
struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

}  // namespace devenv::cli
