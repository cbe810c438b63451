#pragma once

#include <functional>
#include <string>
#include <vector>

#include "catalog/differ.h"
#include "catalog/fix_sql.h"
#include "config/config.h"
#include "config/database_lookup.h"
#include "verify/ignore_rules.h"
#include "verify/live_server.h"

namespace devenv::verify {

// "building the expected schema of main in a shadow database": what a long step is doing.
using Progress = std::function<void(const std::string& message)>;

// Compares the live databases of one server with what their schema sources make:
// each logical database's sources are loaded once into a shadow database and
// inspected; every expanded partition is compared with that one expected model.
// With `report_everything` (no databases named), databases the config does not
// declare and a data dir made from other init files are differences too. What
// `ignore` matches is left out. The models compared are kept in `models` when given,
// by live database name, for fix-up SQL that needs what depends on what.
std::vector<catalog::Difference> verify_server(const config::Config& config, const LiveServer& live,
                                               const config::DatabaseSelection& selection, bool report_everything,
                                               const IgnoreRules& ignore, const Progress& progress,
                                               catalog::ComparedModels* models = nullptr);

// Whether `selection` names any database of `server`.
bool selects_server(const config::Config& config, const config::DatabaseSelection& selection,
                    const std::string& server);

}  // namespace devenv::verify
