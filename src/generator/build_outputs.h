#pragma once

#include <vector>

#include "config/config.h"
#include "generator/generated_file.h"
#include "generator/init_plan.h"

namespace devenv::generator {

// Everything `devenv build` writes for a config, generated in memory.
struct BuildOutputs {
  std::vector<ServerInit> servers;
  GeneratedFile compose;

  std::vector<GeneratedFile> files() const;
  const ServerInit& server(const std::string& name) const;
};

// Throws sqltext::SourceError for a schema file devenv cannot split or qualify.
BuildOutputs generate_outputs(const config::Config& config);

}  // namespace devenv::generator
