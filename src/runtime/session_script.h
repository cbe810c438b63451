#pragma once

#include <filesystem>

#include "db/endpoint.h"
#include "engine/engine.h"

namespace devenv::runtime {

// Runs a generated init file through devenv's own sessions instead of the engine's
// client (whose start costs 25–40 ms a file), as that client would: statements split
// as it splits them (DELIMITER, dollar quotes), one session for the file (so its SET
// and USE stay its own), psql's `\connect db` as a new session on db, the first
// failing statement an init_file_failure naming its line. Returns false, having run
// nothing, when the file needs the client after all: another psql meta-command, or
// COPY … FROM stdin data. `endpoint` reaches the server as root (its database: the
// one a file starts in).
bool run_with_sessions(const std::filesystem::path& file, const engine::Engine& engine, const db::Endpoint& endpoint,
                       const std::filesystem::path& log);

}  // namespace devenv::runtime
