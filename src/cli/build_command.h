#pragma once

#include <filesystem>
#include <iosfwd>

namespace devenv::cli {

inline constexpr const char* kBuildHelp = R"HELP(Usage: devenv build [--check]

Writes, from config.toml and its schema files:
  initdb/<server>/00-init-databases.sql   databases, users, grants
  initdb/<server>/NN-<key>-schema.sql     one per logical database, in config order,
                                          every table name qualified with its database
  initdb/<server>/NN-devenv-fingerprint.sql  records a hash of the files before it
  docker-compose.yml                      for the compose runtime (another name:
                                          [project] compose_file = "devenv.compose.yml")
Output is byte-identical on every run. Files devenv did not generate are never
overwritten or removed; files it generated earlier and no longer needs are removed.

Options:
  --check   write nothing; exit 1 and list what is stale, missing or unexpected
            (use it in CI to catch an uncommitted `devenv build`)

Exit: 0 up to date / written, 1 stale (--check), 2 config or schema error, 3 I/O error.
)HELP";

struct BuildOptions {
  bool check = false;  // write nothing, exit 1 if anything is stale
};

int run_build(const std::filesystem::path& config_file, const BuildOptions& options, std::ostream& out,
              std::ostream& err);

}  // namespace devenv::cli
