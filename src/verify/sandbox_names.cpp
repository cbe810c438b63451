#include "verify/sandbox_names.h"

#include <unistd.h>

#include <atomic>

#include "util/sha256.h"

namespace devenv::verify {

namespace {

constexpr std::size_t kHashLength = 8;
constexpr std::string_view kAccountLabel = "run";
// "_" + pid (pid_max is at most 4194304) + "_" + up to 9999 loads of one process.
constexpr std::size_t kLongestRunSuffix = 1 + 7 + 1 + 4;
constexpr std::string_view kShortAccountBase = "_dvv_";

std::string prefix_tag(const config::Server& server, std::size_t length) {
  return util::sha256_hex(server.remote->prefix).substr(0, length) + "_";
}

}  // namespace

std::string sandbox_prefix(std::string_view base, const config::Server& server) {
  if (!server.remote) return std::string(base);
  return std::string(base) + prefix_tag(server, 12);
}

std::string account_prefix(const config::Server& server) {
  std::string prefix = sandbox_prefix(kAccountPrefix, server);
  if (prefix.size() + kAccountLabel.size() + kLongestRunSuffix <= server.engine.max_user_name_bytes()) return prefix;
  if (!server.remote) return std::string(kShortAccountBase);
  return std::string(kShortAccountBase) + prefix_tag(server, kHashLength);
}

std::string account_name(const config::Server& server, std::string_view suffix) {
  return account_prefix(server) + std::string(kAccountLabel) + std::string(suffix);
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
