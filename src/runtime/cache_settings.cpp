#include "runtime/cache_settings.h"

#include <pwd.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "util/usage_error.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

namespace {

std::string environment(const char* name) {
  const char* value = std::getenv(name);
  return value ? value : "";
}

// $HOME, else the password database's home of this user (a service without HOME).
fs::path home_dir() {
  if (const std::string home = environment("HOME"); !home.empty()) return home;
  const passwd* entry = getpwuid(geteuid());
  return entry && entry->pw_dir ? entry->pw_dir : "/";
}

// Root keeping another user's HOME (`sudo -E`) would make root-owned folders in that
// user's home, which their own devenv then refuses: root's cache stays in root's home.
fs::path cache_parent_for_this_user(const fs::path& wanted) {
  if (geteuid() != 0) return wanted;
  fs::path existing = wanted;
  struct stat info {};
  while (lstat(existing.c_str(), &info) != 0 && existing.has_parent_path() && existing != existing.parent_path()) {
    existing = existing.parent_path();
  }
  if (info.st_uid == 0) return wanted;
  const passwd* root = getpwuid(0);
  return fs::path(root && root->pw_dir ? root->pw_dir : "/root") / ".cache";
}

}  // namespace

std::optional<std::uintmax_t> parse_byte_size(const std::string& text) {
  if (text.empty()) return std::nullopt;
  std::uintmax_t number = 0;
  std::size_t at = 0;
  for (; at < text.size() && text[at] >= '0' && text[at] <= '9'; ++at) {
    if (number > (UINTMAX_MAX - 9) / 10) return std::nullopt;
    number = number * 10 + static_cast<std::uintmax_t>(text[at] - '0');
  }
  if (at == 0) return std::nullopt;
  std::string unit = text.substr(at);
  if (!unit.empty() && (unit.back() == 'B' || unit.back() == 'b')) unit.pop_back();  // "2GB", "2GiB"
  if (unit.size() == 2 && (unit[1] == 'i' || unit[1] == 'I')) unit.pop_back();
  int shift = 0;
  if (unit == "K" || unit == "k")
    shift = 10;
  else if (unit == "M" || unit == "m")
    shift = 20;
  else if (unit == "G" || unit == "g")
    shift = 30;
  else if (unit == "T" || unit == "t")
    shift = 40;
  else if (!unit.empty())
    return std::nullopt;
  if (shift > 0 && number > (UINTMAX_MAX >> shift)) return std::nullopt;
  return number << shift;
}

std::string byte_size_text(std::uintmax_t bytes) {
  char text[32];
  if (bytes >= (std::uintmax_t(1) << 30)) {
    std::snprintf(text, sizeof text, "%.1f GiB", static_cast<double>(bytes) / double(1 << 30));
  } else {
    std::snprintf(text, sizeof text, "%ju MiB", (bytes + (1 << 20) - 1) >> 20);
  }
  return text;
}

CacheSettings cache_settings_from_environment() {
  CacheSettings settings;
  const std::string xdg = environment("XDG_CACHE_HOME");
  // The XDG rule: a relative XDG_CACHE_HOME is invalid and ignored.
  settings.dir =
      cache_parent_for_this_user(!xdg.empty() && xdg.front() == '/' ? fs::path(xdg) : home_dir() / ".cache") / "devenv";
  settings.max_bytes = kDefaultCacheMaxBytes;
  if (const std::string size = environment("DEVENV_CACHE_MAX_SIZE"); !size.empty()) {
    const auto parsed = parse_byte_size(size);
    if (!parsed) {
      throw util::UsageError("DEVENV_CACHE_MAX_SIZE=\"" + size +
                             "\" is not a size; use e.g. 2G, 500M or a number of bytes (0 turns the cache off)");
    }
    settings.max_bytes = *parsed;
  }
  return settings;
}

}  // namespace devenv::runtime
