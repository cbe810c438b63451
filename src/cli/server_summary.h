#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "config/config.h"
#include "runtime/server.h"

namespace devenv::cli {

// The table `up` and `reset` end with: servers, what happened, how long it took,
// and one masked URL per database.
void print_summary(std::ostream& out, const config::Config& config, const std::vector<runtime::Server*>& servers,
                   const std::vector<runtime::UpResult>& results,
                   const std::vector<std::optional<std::string>>& errors);

// Says which servers run a data dir made from older init files.
void warn_schema_changed(std::ostream& err, const std::vector<runtime::Server*>& servers,
                         const std::vector<runtime::UpResult>& results, const std::string& storage);

}  // namespace devenv::cli
