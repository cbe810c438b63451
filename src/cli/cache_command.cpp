// `devenv cache stats|clear`: the init cache is the user's, not a project's, so
// neither needs a config.
#include <fmt/format.h>

#include <ctime>
#include <ostream>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "runtime/data_dir_cache.h"

namespace devenv::cli {

namespace {

std::string local_time(std::time_t when) {
  if (when == 0) return "-";
  std::tm parts{};
  localtime_r(&when, &parts);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M", &parts);
  return text;
}

void print_stats(std::ostream& out, const runtime::DataDirCache& cache) {
  const runtime::DataDirCache::Report report = cache.report();
  out << "cache        " << report.dir.string() << "\n";
  if (!cache.enabled()) out << "             off (DEVENV_CACHE_MAX_SIZE=0)\n";
  out << "size         " << runtime::byte_size_text(report.bytes) << " of " << runtime::byte_size_text(report.max_bytes)
      << " (DEVENV_CACHE_MAX_SIZE), " << report.entries.size() << (report.entries.size() == 1 ? " entry" : " entries")
      << "\n";
  out << fmt::format("hits         {}\nmisses       {}\nstores       {}\nevictions    {}\n", report.hits, report.misses,
                     report.stores, report.evictions);
  if (report.unfinished > 0)
    out << "unfinished   " << report.unfinished << " (being written, or left by a killed devenv)\n";
  if (report.entries.empty()) return;
  out << fmt::format("\n{:<17} {:>8}  {}\n", "LAST USED", "SIZE", "ENTRY");
  for (const runtime::DataDirCache::Entry& entry : report.entries) {
    out << fmt::format("{:<17} {:>8}  {}\n", local_time(entry.last_used), runtime::byte_size_text(entry.bytes),
                       entry.key);
    if (!entry.description.empty()) out << fmt::format("{:<17} {:>8}  {}\n", "", "", entry.description);
  }
}

}  // namespace

int run_cache(const std::filesystem::path&, const CacheOptions& options, std::ostream& out, std::ostream&) {
  runtime::DataDirCache cache(runtime::cache_settings_from_environment());
  if (options.action == "clear") {
    const std::uintmax_t freed = cache.clear();
    out << "cleared " << cache.settings().dir.string() << " (" << runtime::byte_size_text(freed) << " freed)\n";
    return kOk;
  }
  print_stats(out, cache);
  return kOk;
}

}  // namespace devenv::cli
