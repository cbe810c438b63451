#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "runtime/server.h"

namespace devenv::cli {

struct LogStream {
  std::string server;
  runtime::LogCommand command;
};

// Runs every stream's command at once and writes their lines as they come, each
// prefixed with its server ("mysql     | …", as `docker compose logs` does) when
// `prefixed`, and with the line's own time stamp in front when `timestamps` and the
// command's lines carry one. Returns when every command has ended (with -f: never,
// until Ctrl-C): 0, or the first failing command's exit code.
int stream_logs(const std::vector<LogStream>& streams, bool prefixed, bool timestamps, bool colour, std::ostream& out);

}  // namespace devenv::cli
