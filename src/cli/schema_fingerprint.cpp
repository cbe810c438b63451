#include "cli/schema_fingerprint.h"

#include <cctype>
#include <filesystem>

#include "util/file.h"
#include "util/sha256.h"

namespace devenv::cli {

namespace fs = std::filesystem;

namespace {

// NN-<key>-schema.sql, as generator/init_plan.cpp names it.
bool is_schema_file_of(const std::string& file, const std::string& key) {
  const std::size_t dash = file.find('-');
  if (dash == 0 || dash == std::string::npos) return false;
  for (std::size_t i = 0; i < dash; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(file[i]))) return false;
  }
  return file.substr(dash + 1) == key + "-schema.sql";
}

std::string built_fingerprint(const config::Config& config, const config::Database& database) {
  const fs::path folder = config.dir / "initdb" / database.server;
  std::error_code error;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder, error)) {
    if (!is_schema_file_of(entry.path().filename().string(), database.key)) continue;
    if (const std::optional<std::string> content = util::read_file(entry.path())) return util::sha256_hex(*content);
  }
  return "";
}

}  // namespace

std::string schema_fingerprint(const config::Config& config, const generator::BuildOutputs& outputs,
                               const config::Database& database) {
  if (outputs.servers.empty()) return built_fingerprint(config, database);
  for (const generator::GeneratedFile& file : outputs.server(database.server).files) {
    if (file.role == generator::InitRole::Schema &&
        is_schema_file_of(fs::path(file.path).filename().string(), database.key)) {
      return util::sha256_hex(file.content);
    }
  }
  return "";
}

}  // namespace devenv::cli
