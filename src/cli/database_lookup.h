#pragma once

#include <string>
#include <utility>

#include "config/config.h"

namespace devenv::cli {

// A key (main) or a database name (partition_002) → its logical database and the
// database name (a key means its first). Unknown: UsageError with a did-you-mean.
std::pair<const config::Database*, std::string> find_database(const config::Config& config, const std::string& wanted);

}  // namespace devenv::cli
