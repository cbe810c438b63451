#include "util/change_watcher.h"

#include <Poco/Delegate.h>
#include <Poco/DirectoryWatcher.h>

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
    auto watcher = std::make_unique<DirectoryWatcher>(folder.string(), DirectoryWatcher::DW_FILTER_ENABLE_ALL);
    subscribe(*watcher, *listeners_.back());
    watchers_.push_back(std::move(watcher));
    folders_.insert(folder);
  }
}

ChangeWatcher::~ChangeWatcher() = default;

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
