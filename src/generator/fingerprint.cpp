#include "generator/fingerprint.h"

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

}  // namespace devenv::generator
