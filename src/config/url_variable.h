#pragma once

#include <string>

#include "config/config.h"

namespace devenv::config {

// The environment variable `devenv env` sets for database `name` of `database`:
// DEVENV_<KEY>_URL, or DEVENV_<NAME>_URL for each database of a partition template;
// anything but letters and digits becomes '_'. The config must not map two
// databases to one variable (the loader checks).
std::string url_variable(const Database& database, const std::string& name);

}  // namespace devenv::config
