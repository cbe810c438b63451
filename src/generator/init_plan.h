#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "generator/generated_file.h"

namespace devenv::generator {

// The init files of one server, in the order the entrypoint runs them.
struct ServerInit {
  const config::Server* server;
  std::string directory;  // "initdb/<server>"
  std::vector<GeneratedFile> files;
  std::string fingerprint;           // recorded by the last file; covers all the others
  std::vector<std::string> notices;  // what build says it changed in the sources (compiled_source.h)
};

// Generates every server's init files in memory. Throws sqltext::SourceError (or
// SourceErrors, every one found) for schema files devenv cannot split or qualify;
// writes nothing.
std::vector<ServerInit> plan_init(const config::Config& config);

}  // namespace devenv::generator
