#include "verify/sandbox_names.h"

#include <unistd.h>

#include <atomic>

#include "util/sha256.h"

namespace devenv::verify {

namespace {

constexpr std::size_t kHashLength = 8;

}  // namespace

std::string sandbox_prefix(std::string_view base, const config::Server& server) {
  if (!server.remote) return std::string(base);
  return std::string(base) + util::sha256_hex(server.remote->prefix).substr(0, 12) + "_";
}

std::string run_suffix() {
  static std::atomic<unsigned> loads{0};
  std::string suffix = "_" + std::to_string(getpid());
  suffix += "_" + std::to_string(++loads);
  return suffix;
}

std::string sandbox_name(std::string_view prefix, std::string_view label, std::string_view suffix,
                         const engine::Engine& engine) {
  std::string readable(label);
  for (char& c : readable) {
    if (c == '-') c = '_';
  }
  const std::size_t limit = engine.max_identifier_bytes();
  if (prefix.size() + readable.size() + suffix.size() <= limit) {
    return std::string(prefix) + readable + std::string(suffix);
  }
  const std::string hash = util::sha256_hex(label).substr(0, kHashLength);
  // No room for any of the label (a short limit): the hash alone; a name the server
  // still refuses as too long says so itself.
  if (prefix.size() + suffix.size() + hash.size() + 1 > limit) return std::string(prefix) + hash + std::string(suffix);
  const std::size_t room = limit - prefix.size() - suffix.size() - hash.size() - 1;
  return std::string(prefix) + readable.substr(0, room) + "_" + hash + std::string(suffix);
}

}  // namespace devenv::verify
