#include "generator/build_outputs.h"

#include <stdexcept>

#include "generator/compose_file.h"

namespace devenv::generator {

std::vector<GeneratedFile> BuildOutputs::files() const {
  std::vector<GeneratedFile> out;
  for (const ServerInit& server : servers) out.insert(out.end(), server.files.begin(), server.files.end());
  out.push_back(compose);
  return out;
}

const ServerInit& BuildOutputs::server(const std::string& name) const {
  for (const ServerInit& server : servers) {
    if (server.server->name == name) return server;
  }
  throw std::out_of_range("no init plan for server " + name);
}

BuildOutputs generate_outputs(const config::Config& config) { return {plan_init(config), compose_file(config)}; }

}  // namespace devenv::generator
