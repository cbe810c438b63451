#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>

namespace devenv::runtime {

// Where this user's data-dir cache lives and how big it may grow, from the
// environment, as other tools' caches are found: $XDG_CACHE_HOME/devenv (else
// ~/.cache/devenv), capped by $DEVENV_CACHE_MAX_SIZE ("2G", "500M", bytes; "0" turns
// the cache off). One cache per user and machine, shared by every project.
struct CacheSettings {
  std::filesystem::path dir;
  std::uintmax_t max_bytes = 0;
  bool enabled() const { return max_bytes > 0; }
};

inline constexpr std::uintmax_t kDefaultCacheMaxBytes = std::uintmax_t(2) << 30;

// A bad DEVENV_CACHE_MAX_SIZE is a util::UsageError naming it.
CacheSettings cache_settings_from_environment();

// "2G", "512M", "64K", "1048576" (bytes); nullopt when it is none of these.
std::optional<std::uintmax_t> parse_byte_size(const std::string& text);

// 31457280 → "30 MiB"; 2147483648 → "2.0 GiB".
std::string byte_size_text(std::uintmax_t bytes);

}  // namespace devenv::runtime
