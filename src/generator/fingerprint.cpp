#include "generator/fingerprint.h"

#include <regex>

#include "util/file.h"
#include "util/sha256.h"

namespace devenv::generator {

std::string fingerprint_of(const std::vector<GeneratedFile>& files) {
  util::Sha256 hash;
  for (const GeneratedFile& file : files) {
    hash.update(file.path);
    hash.update(std::string_view("\0", 1));
    hash.update(file.content);
    hash.update(std::string_view("\0", 1));
  }
  return hash.hex();
}

std::string built_fingerprint(const std::filesystem::path& config_dir, const std::string& server) {
  const std::filesystem::path dir = config_dir / "initdb" / server;
  std::error_code error;
  std::filesystem::path newest;  // the highest-numbered one, if an old build left several
  for (const auto& entry : std::filesystem::directory_iterator(dir, error)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with("-devenv-fingerprint.sql") && entry.path() > newest) newest = entry.path();
  }
  static const std::regex value("VALUES \\('([0-9a-f]{64})'\\)");
  const std::string text = newest.empty() ? "" : util::read_file(newest).value_or("");
  std::smatch match;
  return std::regex_search(text, match, value) ? match[1].str() : "";
}

}  // namespace devenv::generator
