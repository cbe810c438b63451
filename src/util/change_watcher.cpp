#include "util/change_watcher.h"

#include <Poco/Delegate.h>
#include <Poco/DirectoryWatcher.h>
#include <sys/stat.h>

namespace devenv::util {

namespace fs = std::filesystem;

using Poco::DirectoryWatcher;

// Poco's events call members of an object: this one hands every kind of change to one
// function. A scan error (the folder went away) counts as a change of the folder
// itself, so that the caller sets the watch up again.
struct ChangeListener {
  std::function<void(const fs::path&)> changed;
  fs::path folder;

  void on_item(const void*, const DirectoryWatcher::DirectoryEvent& event) { changed(event.item.path()); }
  void on_error(const void*, const Poco::Exception&) { changed(folder); }
};

namespace {

void subscribe(DirectoryWatcher& watcher, ChangeListener& listener) {
  watcher.itemAdded += Poco::delegate(&listener, &ChangeListener::on_item);
  watcher.itemRemoved += Poco::delegate(&listener, &ChangeListener::on_item);
  watcher.itemModified += Poco::delegate(&listener, &ChangeListener::on_item);
  watcher.itemMovedFrom += Poco::delegate(&listener, &ChangeListener::on_item);
  watcher.itemMovedTo += Poco::delegate(&listener, &ChangeListener::on_item);
  watcher.scanError += Poco::delegate(&listener, &ChangeListener::on_error);
}

}  // namespace

ChangeWatcher::ChangeWatcher(const std::set<fs::path>& folders) {
  for (const fs::path& folder : folders) {
    std::error_code error;
    if (!fs::is_directory(folder, error)) continue;
    listeners_.push_back(
        std::make_unique<ChangeListener>(ChangeListener{[this](const fs::path& path) { record(path); }, folder}));
    try {
      auto watcher = std::make_unique<DirectoryWatcher>(folder.string(), DirectoryWatcher::DW_FILTER_ENABLE_ALL);
      subscribe(*watcher, *listeners_.back());
      watchers_.push_back(std::move(watcher));
      folders_.insert(folder);
      identities_[folder] = identity_of(folder);
    } catch (const Poco::Exception& e) {  // gone meanwhile, or no inotify instance left
      failures_.push_back(folder.string() + ": " + e.displayText());
    }
  }
}

ChangeWatcher::Identity ChangeWatcher::identity_of(const fs::path& folder) {
  struct stat info {};
  if (::stat(folder.c_str(), &info) != 0) return {0, 0};
  return {info.st_dev, info.st_ino};
}

// inotify watches a folder's inode: one deleted and made again (a `git checkout`, a
// tool that writes its folder afresh) is a new folder the old watch never reports on.
bool ChangeWatcher::still_watching() const {
  for (const auto& [folder, identity] : identities_) {
    if (identity_of(folder) != identity) return false;
  }
  return true;
}

void ChangeWatcher::add(const std::set<fs::path>& paths) {
  for (const fs::path& path : paths) record(path);
}

// The watchers' threads call record(), which uses the members declared after them:
// stop and join those threads first.
ChangeWatcher::~ChangeWatcher() { watchers_.clear(); }

void ChangeWatcher::record(const fs::path& path) {
  {
    std::lock_guard lock(mutex_);
    const auto now = Clock::now();
    if (pending_.empty()) first_change_ = now;
    last_change_ = now;
    pending_.insert(path);
  }
  changed_.notify_all();
}

std::set<fs::path> ChangeWatcher::wait(std::chrono::milliseconds quiet, std::chrono::milliseconds longest,
                                       const std::function<bool()>& stop) {
  constexpr auto kPoll = std::chrono::milliseconds(100);
  std::unique_lock lock(mutex_);
  // Changes seen while the caller was busy (its own writes, a save during a round)
  // count from now: a burst under way must still get its quiet time.
  first_change_ = std::max(first_change_, Clock::now());
  for (;;) {
    if (stop()) return {};
    if (pending_.empty()) {
      changed_.wait_for(lock, kPoll);
      continue;
    }
    const auto now = Clock::now();
    const auto due = std::min(last_change_ + quiet, first_change_ + longest);
    if (now >= due) break;
    changed_.wait_for(lock, std::min<Clock::duration>(due - now, kPoll));
  }
  std::set<fs::path> changed;
  changed.swap(pending_);
  return changed;
}

std::set<fs::path> ChangeWatcher::take() {
  std::lock_guard lock(mutex_);
  std::set<fs::path> changed;
  changed.swap(pending_);
  return changed;
}

}  // namespace devenv::util
