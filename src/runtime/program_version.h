#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace devenv::runtime {

// The version a server program reports, asked (`ask`: runs `mariadbd --version`)
// once per build of the program on this machine: asking costs 40–70 ms here, as much
// as restoring a database's data dir from the init cache. Remembered in the init
// cache's folder (program-versions), keyed by the program's path, inode, size and
// modification time, so an upgraded package is asked again. Without a usable cache
// folder (missing, not devenv's, not private), it just asks.
std::string program_version(const std::filesystem::path& program, const std::function<std::string()>& ask);

}  // namespace devenv::runtime
