#pragma once

#include <filesystem>
#include <optional>
#include <string>

#include "adopt/compose_service.h"

namespace devenv::adopt {

// The compose file names docker compose looks for in a folder, in its order.
const std::vector<std::string>& compose_file_names();

// The first of those in `dir` that the user wrote (a file devenv generated is not the
// project's own), nullopt when there is none.
std::optional<std::filesystem::path> find_compose_file(const std::filesystem::path& dir);

// Reads a compose file: services, their environment (with env_file files read as
// compose reads them), ports, bind mounts and command. Throws InputError at
// file:line:col for YAML errors and for values of the wrong shape.
ComposeProject read_compose(const std::filesystem::path& file, const std::filesystem::path& project_dir);

}  // namespace devenv::adopt
