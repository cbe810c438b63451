#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>

#include "adopt/compose_service.h"

namespace devenv::adopt {

// The variables of a compose `env_file` (KEY=VALUE lines; `#` comments, `export `,
// quotes around a value), each with its file:line. nullopt when it cannot be read.
// `display` names the file in places.
std::optional<std::map<std::string, Located>> read_env_file(const std::filesystem::path& file,
                                                            const std::string& display);

}  // namespace devenv::adopt
