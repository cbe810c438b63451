#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>

#include "config/interpolate.h"

namespace devenv::config {

// A `.env` file as docker compose reads it: `NAME=value` lines, `export ` before the
// name allowed, `#` comments, blank lines. A value is
//   unquoted       trimmed, ` #…` at its end is a comment, variables expanded;
//   '…'            taken as written;
//   "…"            \n \t \" \\ and \$ escapes, variables expanded, may span lines.
// Variables in a value see the environment first, then the names defined above.
// Mistakes throw ConfigError at file:line:col.
std::map<std::string, std::string> parse_dotenv(std::string_view text, const std::string& display,
                                                const Environment& environment);

// The environment a config sees: the process environment, and for names it does not
// set, the `.env` file beside the config, if there is one (as compose: the
// environment wins).
Environment project_environment(const std::filesystem::path& config_file,
                                const Environment& environment = process_environment());

}  // namespace devenv::config
