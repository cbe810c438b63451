#pragma once

#include <filesystem>
#include <string_view>

#include "config/config.h"
#include "config/config_error.h"
#include "config/interpolate.h"

namespace devenv::config {

// Reads and validates config.toml. Every mistake throws ConfigError naming
// file:line:col and the key; nothing is half-loaded. Variables come from the process
// environment, then from the `.env` file beside the config (see dotenv.h).
Config load_config(const std::filesystem::path& file);

// The same with variables from `environment` only.
Config load_config(const std::filesystem::path& file, const Environment& environment);

// The same from text already in memory (`file` names it in messages and anchors
// relative paths).
Config parse_config(std::string_view text, const std::filesystem::path& file,
                    const Environment& environment = process_environment());

}  // namespace devenv::config
