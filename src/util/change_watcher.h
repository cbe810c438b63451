#pragma once

#include <chrono>
#include <condition_variable>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <vector>

namespace Poco {
class DirectoryWatcher;
}

namespace devenv::util {

struct ChangeListener;

// Tells which files changed in a set of folders (not their subfolders: list each
// one), through inotify (Poco::DirectoryWatcher). Editors save in bursts (a write
// per chunk, a backup, a rename over the old file), so changes are handed out only
// after the folders have been quiet for a while: one burst, one answer.
class ChangeWatcher {
 public:
  using Clock = std::chrono::steady_clock;

  // Folders that do not exist are left out (a migration folder made later is found
  // when the watch is set up again).
  explicit ChangeWatcher(const std::set<std::filesystem::path>& folders);
  ~ChangeWatcher();
  ChangeWatcher(const ChangeWatcher&) = delete;
  ChangeWatcher& operator=(const ChangeWatcher&) = delete;

  const std::set<std::filesystem::path>& folders() const { return folders_; }

  // Blocks until something changed and then nothing more for `quiet` (but no longer
  // than `longest` after the first change), and returns the paths that changed;
  // returns early with nothing when `stop()` says so (it is asked every 100 ms).
  std::set<std::filesystem::path> wait(std::chrono::milliseconds quiet, std::chrono::milliseconds longest,
                                       const std::function<bool()>& stop);
  // What changed since the last wait, without waiting: when a new watch replaces this
  // one, nothing saved meanwhile is lost.
  std::set<std::filesystem::path> take();

 private:
  void record(const std::filesystem::path& path);

  std::set<std::filesystem::path> folders_;
  // Declared before the watchers, so destroyed after them: a watcher's thread calls
  // its listener until the watcher is gone.
  std::vector<std::unique_ptr<ChangeListener>> listeners_;
  std::vector<std::unique_ptr<Poco::DirectoryWatcher>> watchers_;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::set<std::filesystem::path> pending_;
  Clock::time_point first_change_, last_change_;
};

}  // namespace devenv::util
