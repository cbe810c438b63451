#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/workspace.h"
#include "sqltext/dialect.h"

namespace devenv::cli {

// The running server `devenv diff` loads schema files into, and why that one (said to
// the user, since a file's engine is a guess until the server parses it).
struct FileServer {
  runtime::Server* server;
  std::string reason;
};

// In this order: `wanted` (--server); the server of a config database one of whose
// sources is among `paths`; a server of the family the other side of the diff has
// (`other`), else that the files' dialect markers say; else the first running server.
// A usage error when these disagree; a runtime error when the server is not running.
// The engine family `path` (schema files or a migration folder) is written for, from
// its dialect markers; nullopt when nothing tells.
std::optional<sqltext::Dialect> path_dialect(const std::string& path);

FileServer file_server(const Workspace& workspace, const std::vector<std::string>& paths,
                       std::optional<sqltext::Dialect> other, const std::optional<std::string>& wanted);

}  // namespace devenv::cli
