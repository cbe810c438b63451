#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "runtime/native_engine.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

// The files of initdb/<server> the official images would run: the top level only,
// in glob (byte) order.
std::vector<std::filesystem::path> init_files(const std::filesystem::path& dir);

// Runs the init files against the socket-only server with the images' contract:
// `.sql` (and `.sql.gz/.xz/.zst/.bz2`) through the engine's client, `.sh` executed
// when executable and sourced otherwise, anything else ignored (and said so).
// Each file's output is appended to the init log. The first failure throws
// util::RuntimeError naming the file and line, the line's schema source when devenv
// generated it, and the client's error text.
void run_init_files(const std::filesystem::path& dir, const NativeEngine& engine, const ServerLayout& layout, int port,
                    const std::function<void(const std::string&)>& progress);

// One of them, the same way (a reset in place re-runs some). `then` is what to run
// after fixing a failing file, for the error's hint: "`devenv reset`".
void run_init_file(const std::filesystem::path& file, const NativeEngine& engine, const ServerLayout& layout, int port,
                   const std::function<void(const std::string&)>& progress, const std::string& then);

// Runs `client`, already given init file `file` (on stdin, or as its argument), with
// its output appended to `log`: util::RuntimeError (init_file_failure) when it fails.
// The compose runtime's client runs inside the container.
void run_client_on_file(const std::filesystem::path& file, const ProcessOptions& client,
                        const std::filesystem::path& log, const std::string& then);

// The error for init file `file` failing at `line` (0: unknown) with the client's or
// server's `output` ("ERROR 1064 … at line 57: …" or a bare message): where, the
// line's schema source when devenv generated the file, the error lines, the log.
util::RuntimeError init_file_failure(const std::filesystem::path& file, int line, const std::string& output,
                                     const std::filesystem::path& log, const std::string& then);

}  // namespace devenv::runtime
