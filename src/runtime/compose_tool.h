#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "runtime/process.h"

namespace devenv::runtime {

// `docker compose` (v2 plugin) or `docker-compose` (v1), run on the config's
// docker-compose.yml under a project named after the config.
class ComposeTool {
 public:
  // Finds the tool and checks that an engine answers; util::RuntimeError otherwise, with
  // "start Docker, or use the native runtime".
  explicit ComposeTool(const config::Config& config);

  const std::string& description() const { return description_; }  // "docker-compose 1.29.2"
  const std::string& project() const { return project_; }

  // compose -p <project> -f <file> <arguments…>
  ProcessOptions command(const std::vector<std::string>& arguments) const;
  RunResult run(const std::vector<std::string>& arguments) const;

  // `docker ps` filters for the containers compose made for `service` (its labels):
  // the docker CLI answers in 50 ms where compose v1, Python, takes a second.
  std::vector<std::string> service_filter(const std::string& service) const;
  // The same for everything compose made for the project: containers, networks.
  std::vector<std::string> project_filter() const;

  // docker <arguments…>
  static RunResult docker(const std::vector<std::string>& arguments);

 private:
  std::vector<std::string> prefix_;
  std::string description_;
  std::string project_;
  std::string file_;
};

}  // namespace devenv::runtime
