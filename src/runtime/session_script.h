#pragma once

#include <filesystem>
#include <stdexcept>
#include <string>

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

// A statement of a script made in memory that the server rejected.
struct ScriptStatementError : std::runtime_error {
  ScriptStatementError(std::size_t line, const std::string& message) : std::runtime_error(message), line(line) {}
  std::size_t line;  // in the script
};

// The same for a script made in memory (a shared server's, generator/remote_script.h),
// which must need no client: throws ScriptStatementError for the first statement the
// server rejects, sqltext::SourceError when it cannot be split, std::logic_error when
// it needs the client, db::DbError when a session cannot be opened.
void run_script_with_sessions(const std::string& script, const std::string& name, const engine::Engine& engine,
                              const db::Endpoint& endpoint);

}  // namespace devenv::runtime
