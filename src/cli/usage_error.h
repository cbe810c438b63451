#pragma once

#include "util/usage_error.h"

namespace devenv::cli {

// The commands' usage errors are the one kind every layer throws (exit 2).
using util::UsageError;

}  // namespace devenv::cli
