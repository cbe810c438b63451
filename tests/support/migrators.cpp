#include "support/migrators.h"

#include <catch2/catch.hpp>

#include <optional>

#include "support/temp_dir.h"

namespace devenv::test {

namespace fs = std::filesystem;

fs::path migrators_dir() { return DEVENV_MIGRATORS_DIR; }

static std::optional<std::string> migrators_missing() {
  const fs::path dir = migrators_dir();
  if (fs::exists(dir / "ready")) return std::nullopt;
  const std::string reason = fs::exists(dir / "skipped") ? read_file(dir / "skipped") : "not installed";
  return "REAL MIGRATOR TEST SKIPPED (" + reason + "): run tests/migrators/install.sh " + dir.string();
}

bool have_migrators() {
  const auto missing = migrators_missing();
  if (missing) WARN(*missing);
  return !missing;
}

CommandResult dbmate(const std::string& url, const fs::path& folder, const std::string& command) {
  return run_command("cd '" + migrators_dir().string() + "' && node_modules/@dbmate/linux-x64/bin/dbmate --url '" +
                     url + "' --migrations-dir '" + folder.string() + "' --no-dump-schema " + command);
}

std::string drizzle_journal(const std::vector<std::pair<std::string, long long>>& entries, const std::string& dialect) {
  std::string out = "{\"version\": \"7\", \"dialect\": \"" + dialect + "\", \"entries\": [";
  for (std::size_t i = 0; i < entries.size(); ++i) {
    out += (i ? ", " : "") + std::string("{\"idx\": ") + std::to_string(i) +
           ", \"version\": \"7\", \"when\": " + std::to_string(entries[i].second) + ", \"tag\": \"" + entries[i].first +
           "\", \"breakpoints\": true}";
  }
  return out + "]}";
}

CommandResult drizzle_sqlite_migrate(const fs::path& file, const fs::path& folder) {
  return run_command("cd '" + migrators_dir().string() + "' && node drizzle_sqlite_migrate.mjs '" + file.string() +
                     "' '" + folder.string() + "'");
}

}  // namespace devenv::test
