#include "runtime/data_dir_cache.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "runtime/owned_dir.h"
#include "runtime/process.h"
#include "util/copy_tree.h"
#include "util/file.h"
#include "util/random.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifestHeader = "devenv data-dir cache 1";

// An flock on a file in the cache folder, released when it goes (or its holder dies).
class CacheLock {
 public:
  enum class Mode { Shared, Exclusive, TryExclusive };

  CacheLock(const fs::path& file, Mode mode) {
    fd_ = open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd_ < 0) throw util::RuntimeError("cannot open " + file.string() + ": " + std::strerror(errno));
    const int operation = mode == Mode::Shared ? LOCK_SH : mode == Mode::Exclusive ? LOCK_EX : LOCK_EX | LOCK_NB;
    int result;
    while ((result = flock(fd_, operation)) != 0 && errno == EINTR) {
    }
    held_ = result == 0;
  }
  ~CacheLock() { close(fd_); }
  CacheLock(const CacheLock&) = delete;
  CacheLock& operator=(const CacheLock&) = delete;

  bool held() const { return held_; }
  int fd() const { return fd_; }

 private:
  int fd_ = -1;
  bool held_ = false;
};

bool is_real_dir(const fs::path& path) {
  struct stat info {};
  return lstat(path.c_str(), &info) == 0 && S_ISDIR(info.st_mode);
}

// Every file, folder and link as "f <size> <path>", "d <path>", "l <path>", sorted:
// what a manifest records and restore compares. From a copy's own list of what it
// copied, so that neither store nor restore walks the tree twice.
std::vector<std::string> manifest_lines(const std::vector<util::TreeItem>& items, std::uintmax_t* bytes) {
  std::vector<std::string> lines;
  lines.reserve(items.size());
  std::uintmax_t total = 0;
  for (const util::TreeItem& item : items) {
    if (item.type == 'f') {
      lines.push_back("f " + std::to_string(item.size) + " " + item.path);
      total += item.size;
    } else {
      lines.push_back(std::string(1, item.type) + " " + item.path);
    }
  }
  std::sort(lines.begin(), lines.end());
  if (bytes) *bytes = total;
  return lines;
}

// The same lines for a tree on disk, never following a link.
std::vector<std::string> tree_listing(const fs::path& dir, std::uintmax_t* bytes) {
  std::vector<std::string> lines;
  std::uintmax_t total = 0;
  std::vector<fs::path> folders = {dir};
  while (!folders.empty()) {
    const fs::path folder = folders.back();
    folders.pop_back();
    for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
      const std::string path = entry.path().lexically_relative(dir).string();
      struct stat info {};
      if (lstat(entry.path().c_str(), &info) != 0) continue;
      if (S_ISDIR(info.st_mode)) {
        lines.push_back("d " + path);
        folders.push_back(entry.path());
      } else if (S_ISREG(info.st_mode)) {
        lines.push_back("f " + std::to_string(info.st_size) + " " + path);
        total += static_cast<std::uintmax_t>(info.st_size);
      } else if (S_ISLNK(info.st_mode)) {
        lines.push_back("l " + path);
      }
    }
  }
  std::sort(lines.begin(), lines.end());
  if (bytes) *bytes = total;
  return lines;
}

struct Manifest {
  std::string description;
  std::vector<std::string> files;
  std::uintmax_t bytes = 0;
};

std::optional<Manifest> read_manifest(const fs::path& entry) {
  const std::optional<std::string> text = util::read_file(entry / "manifest");
  if (!text) return std::nullopt;
  std::istringstream in(*text);
  std::string line;
  if (!std::getline(in, line) || line != kManifestHeader) return std::nullopt;
  Manifest manifest;
  if (!std::getline(in, line) || line.rfind("description ", 0) != 0) return std::nullopt;
  manifest.description = line.substr(12);
  if (!std::getline(in, line) || line.rfind("bytes ", 0) != 0) return std::nullopt;
  manifest.bytes = std::strtoull(line.c_str() + 6, nullptr, 10);
  while (std::getline(in, line)) manifest.files.push_back(line);
  return manifest;
}

void write_manifest(const fs::path& entry, const std::string& description, const std::vector<util::TreeItem>& items) {
  std::uintmax_t bytes = 0;
  const std::vector<std::string> files = manifest_lines(items, &bytes);
  std::ofstream out(entry / "manifest", std::ios::trunc);
  out << kManifestHeader << "\ndescription " << description << "\nbytes " << bytes << "\n";
  for (const std::string& line : files) out << line << "\n";
  out.close();
  if (!out) throw util::RuntimeError("cannot write " + (entry / "manifest").string());
}

// Whether the entry still holds exactly what was stored: a truncated, deleted or
// added file (a disk that filled up, a user's clean-up) is caught here.
bool is_intact(const fs::path& entry) {
  if (!is_real_dir(entry)) return false;
  const std::optional<Manifest> manifest = read_manifest(entry);
  return manifest && is_real_dir(entry / "data") && tree_listing(entry / "data", nullptr) == manifest->files;
}

// The last use, in nanoseconds of the clock, as `used` holds it. In the file, not its
// mtime: file times tick coarsely (jiffies) on some filesystems, and the LRU order
// needs uses a millisecond apart told apart.
std::int64_t last_use_ns(const fs::path& entry) {
  const std::string text = util::read_file(entry / "used").value_or("0");
  return std::strtoll(text.c_str(), nullptr, 10);
}

void mark_used(const fs::path& entry) {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  const std::string text = std::to_string(std::int64_t(now.tv_sec) * 1000000000 + now.tv_nsec) + "\n";
  const int fd = open((entry / "used").c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return;  // the order of eviction only
  (void)!write(fd, text.data(), text.size());
  close(fd);
}

// An incoming entry is named <pid>.<start ticks>.<random>.<key>: its writer, and one
// name per store, also for two threads of one devenv storing the same key (two
// servers of one engine share their bare data dir).
std::string incoming_name(const std::string& key) {
  return std::to_string(getpid()) + "." + std::to_string(process_start_ticks(getpid())) + "." + util::random_hex(4) +
         "." + key;
}

bool writer_is_alive(const std::string& incoming) {
  char* end = nullptr;
  const long pid = std::strtol(incoming.c_str(), &end, 10);
  if (end == incoming.c_str() || *end != '.') return false;
  const unsigned long long ticks = std::strtoull(end + 1, nullptr, 10);
  return pid > 0 && process_alive(static_cast<pid_t>(pid)) && process_start_ticks(static_cast<pid_t>(pid)) == ticks;
}

// Moved out of entries/ first, so no reader ever finds it half-deleted. Called with
// the lock held exclusively; one already gone is fine.
void throw_away(const fs::path& root, const fs::path& entry) {
  const fs::path doomed = root / "trash" / (entry.filename().string() + "." + util::random_hex(4));
  std::error_code error;
  fs::rename(entry, doomed, error);
  if (error == std::errc::no_such_file_or_directory) return;
  if (error) throw util::RuntimeError("cannot remove " + entry.string() + " from the cache: " + error.message());
  remove_owned_entry(doomed);
}

// The entry's data dir to `target`; a failed copy leaves no part of it behind.
void copy_out(const fs::path& entry, const fs::path& target, std::vector<util::TreeItem>* copied) {
  // Made by this copy just now (restore refuses an existing target): ours to remove.
  const auto discard = [&] {
    std::error_code ignored;
    fs::remove_all(target, ignored);
  };
  try {
    util::copy_tree(entry / "data", target, copied);
  } catch (const util::RuntimeError&) {
    discard();
    throw;
  } catch (const std::exception& e) {
    discard();
    throw util::RuntimeError("cannot copy " + (entry / "data").string() + " from the cache: " + e.what());
  }
}

// The items of one of the cache's folders, without devenv's marker file.
std::vector<fs::path> items_of(const fs::path& folder) {
  std::vector<fs::path> items;
  for (const fs::directory_entry& entry : fs::directory_iterator(folder)) {
    if (entry.path().filename() != kOwnerMarker) items.push_back(entry.path());
  }
  return items;
}

// What killed devenvs left: entries half-written or half-deleted.
void remove_leftovers(const fs::path& root) {
  for (const fs::path& item : items_of(root / "incoming")) {
    if (!writer_is_alive(item.filename().string())) remove_owned_entry(item);
  }
  for (const fs::path& item : items_of(root / "trash")) remove_owned_entry(item);
}

std::vector<DataDirCache::Entry> list_entries(const fs::path& root) {
  std::vector<DataDirCache::Entry> entries;
  for (const fs::path& item : items_of(root / "entries")) {
    if (!is_real_dir(item)) continue;
    DataDirCache::Entry entry;
    entry.key = item.filename().string();
    if (const auto manifest = read_manifest(item)) {
      entry.description = manifest->description;
      entry.bytes = manifest->bytes;
    }
    entry.last_used_ns = last_use_ns(item);
    entry.last_used = static_cast<std::time_t>(entry.last_used_ns / 1000000000);
    entries.push_back(entry);
  }
  std::sort(entries.begin(), entries.end(),
            [](const auto& a, const auto& b) { return a.last_used_ns > b.last_used_ns; });
  return entries;
}

std::map<std::string, std::uintmax_t> read_counters(int fd) {
  std::map<std::string, std::uintmax_t> counters;
  char buffer[512] = {};
  const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  std::istringstream in(n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : "");
  std::string name;
  std::uintmax_t value = 0;
  while (in >> name >> value) counters[name] = value;
  return counters;
}

// Statistics only: never a reason to fail. Under an flock of the counters file, so
// that concurrent devenvs add up.
void update_counters(const fs::path& file, const std::function<void(std::map<std::string, std::uintmax_t>&)>& change) {
  const int fd = open(file.c_str(), O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) return;
  if (flock(fd, LOCK_EX) == 0) {
    std::map<std::string, std::uintmax_t> counters = read_counters(fd);
    change(counters);
    std::string text;
    for (const auto& [name, value] : counters) text += name + " " + std::to_string(value) + "\n";
    if (pwrite(fd, text.data(), text.size(), 0) == static_cast<ssize_t>(text.size())) {
      (void)!ftruncate(fd, static_cast<off_t>(text.size()));
    }
  }
  close(fd);
}

}  // namespace

bool is_cache_key(const std::string& key) {
  if (key.empty() || key.size() > 200 || key.front() == '.') return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
           c == '_';
  });
}

DataDirCache::DataDirCache(CacheSettings settings) : settings_(std::move(settings)) {}

fs::path DataDirCache::root() const {
  const fs::path& dir = settings_.dir;
  std::error_code ignored;
  fs::create_directories(dir.parent_path(), ignored);  // ~/.cache: the user's, not marked
  try {
    // Not adopting a folder of that name it did not make: "devenv" is a common word.
    make_private_dir(dir, std::nullopt, "point XDG_CACHE_HOME elsewhere (DEVENV_CACHE_MAX_SIZE=0 turns the cache off)",
                     false);
    for (const char* folder : {"entries", "incoming", "trash"}) make_owned_dirs(dir, dir / folder);
  } catch (const util::RuntimeError& e) {
    throw CacheUnusable(e.what(), e.hint());
  }
  return dir;
}

DataDirCache::Lookup DataDirCache::restore(const std::string& key, const fs::path& target, std::string* log) {
  if (!enabled() || !is_cache_key(key)) return Lookup::Missing;
  if (fs::exists(fs::symlink_status(target))) throw util::RuntimeError("internal: " + target.string() + " exists");
  const fs::path dir = root();
  const fs::path entry = dir / "entries" / key;
  {
    CacheLock lock(dir / "lock", CacheLock::Mode::Shared);
    if (!fs::exists(fs::symlink_status(entry))) {
      count("misses");
      return Lookup::Missing;
    }
    // Checked against its manifest as it is copied: what was copied is what counts.
    const std::optional<Manifest> manifest = is_real_dir(entry) ? read_manifest(entry) : std::nullopt;
    if (manifest && is_real_dir(entry / "data")) {
      std::vector<util::TreeItem> copied;
      copy_out(entry, target, &copied);
      if (manifest_lines(copied, nullptr) == manifest->files) {
        if (log) *log = util::read_file(entry / "init.log").value_or("");
        mark_used(entry);
        count("hits");
        return Lookup::Hit;
      }
      std::error_code ignored;
      fs::remove_all(target, ignored);  // a copy of a damaged entry, made just now: never used
    }
  }
  // Removed only while no other devenv reads entries: one may be copying it.
  CacheLock lock(dir / "lock", CacheLock::Mode::Exclusive);
  if (fs::exists(fs::symlink_status(entry)) && !is_intact(entry)) throw_away(dir, entry);
  count("misses");
  return Lookup::Damaged;
}

void DataDirCache::store(const std::string& key, const fs::path& data_dir, const std::string& description,
                         const fs::path& log) {
  if (!enabled() || !is_cache_key(key)) return;
  const fs::path dir = root();
  const fs::path incoming = dir / "incoming" / incoming_name(key);
  remove_owned_entry(incoming);
  try {
    fs::create_directory(incoming);
    std::vector<util::TreeItem> copied;
    util::copy_tree(data_dir, incoming / "data", &copied);
    write_manifest(incoming, description, copied);
    if (!log.empty() && fs::is_regular_file(fs::symlink_status(log))) fs::copy_file(log, incoming / "init.log");
    mark_used(incoming);
  } catch (...) {
    remove_owned_entry(incoming);
    throw;
  }
  {
    CacheLock lock(dir / "lock", CacheLock::Mode::Shared);
    // Another devenv that stored the same key first wins: the two are the same files.
    if (rename(incoming.c_str(), (dir / "entries" / key).c_str()) != 0)
      remove_owned_entry(incoming);
    else
      count("stores");
  }
  evict_over_limit(dir);
}

void DataDirCache::remove(const std::string& key) {
  if (!enabled() || !is_cache_key(key)) return;
  const fs::path dir = root();
  CacheLock lock(dir / "lock", CacheLock::Mode::Exclusive);
  throw_away(dir, dir / "entries" / key);
}

// Least recently used first, until the rest fits. Skipped while another devenv holds
// the lock: the next store evicts.
void DataDirCache::evict_over_limit(const fs::path& dir) {
  CacheLock lock(dir / "lock", CacheLock::Mode::TryExclusive);
  if (!lock.held()) return;
  remove_leftovers(dir);
  std::vector<Entry> entries = list_entries(dir);
  std::uintmax_t total = 0;
  for (const Entry& entry : entries) total += entry.bytes;
  while (total > settings_.max_bytes && !entries.empty()) {
    throw_away(dir, dir / "entries" / entries.back().key);
    total -= entries.back().bytes;
    entries.pop_back();
    count("evictions");
  }
}

void DataDirCache::count(const char* counter) const {
  update_counters(settings_.dir / "counters", [&](auto& counters) { ++counters[counter]; });
}

DataDirCache::Report DataDirCache::report() const {
  Report report;
  report.dir = settings_.dir;
  report.max_bytes = settings_.max_bytes;
  if (!is_real_dir(settings_.dir)) return report;
  const fs::path dir = root();
  report.entries = list_entries(dir);
  for (const Entry& entry : report.entries) report.bytes += entry.bytes;
  report.unfinished = static_cast<int>(items_of(dir / "incoming").size());
  const int fd = open((dir / "counters").c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd >= 0) {
    std::map<std::string, std::uintmax_t> counters;
    if (flock(fd, LOCK_SH) == 0) counters = read_counters(fd);
    close(fd);
    report.hits = counters["hits"];
    report.misses = counters["misses"];
    report.stores = counters["stores"];
    report.evictions = counters["evictions"];
  }
  return report;
}

std::uintmax_t DataDirCache::clear() {
  if (!is_real_dir(settings_.dir)) return 0;
  const fs::path dir = root();
  CacheLock lock(dir / "lock", CacheLock::Mode::Exclusive);
  std::uintmax_t freed = 0;
  for (const Entry& entry : list_entries(dir)) freed += entry.bytes;
  for (const fs::path& item : items_of(dir / "entries")) throw_away(dir, item);
  remove_leftovers(dir);
  update_counters(dir / "counters", [](auto& counters) { counters.clear(); });
  return freed;
}

}  // namespace devenv::runtime
