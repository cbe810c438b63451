#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/progress.h"
#include "config/config.h"
#include "generator/build_outputs.h"
#include "runtime/server.h"
#include "runtime/state_lock.h"

namespace devenv::cli {

// What a runtime command works on: the config, the init files it generates, the
// state-dir lock (held for the command's life), and one runtime::Server per server,
// native or compose (project.runtime, or `--runtime` to override it).
class Workspace {
 public:
  // Whether the command reads the schema files (up, reset, verify, diff). Those that
  // do not (down, logs, env, shell, dump) must work while a schema file is broken:
  // they take the fingerprint of the last build from initdb/ instead. `status` tries
  // (to report edits not yet built) and falls back to that when a file is broken.
  enum class Schemas { Read, TryRead, Skip };

  Workspace(const std::filesystem::path& config_file, const std::string& command, ProgressPrinter& progress,
            const std::optional<std::string>& runtime = std::nullopt, Schemas schemas = Schemas::Read);

  const config::Config& config() const { return config_; }
  const std::string& runtime() const { return runtime_; }
  const generator::BuildOutputs& outputs() const { return outputs_; }
  std::vector<runtime::Server*> servers(const std::vector<std::string>& names = {}) const;
  runtime::Server& server(const std::string& name) const;

  // Writes initdb/ and docker-compose.yml when they differ from the config; true if it did.
  bool rebuild_if_stale();

  // Runs `work` for each server on its own thread; collects the errors by server.
  std::vector<std::optional<std::string>> in_parallel(const std::vector<runtime::Server*>& servers,
                                                      const std::function<void(runtime::Server&)>& work) const;

 private:
  config::Config config_;
  generator::BuildOutputs outputs_;
  ProgressPrinter& progress_;
  std::unique_ptr<runtime::StateLock> lock_;
  std::vector<std::unique_ptr<runtime::Server>> servers_;
  std::string runtime_;
};

}  // namespace devenv::cli
