#pragma once

#include <filesystem>
#include <functional>
#include <string>

namespace devenv::runtime {

// One devenv command at a time per state dir. A second command waits (and says for
// whom) instead of racing: two `up`s must never initialise one data dir together.
// The lock is an flock, so a killed holder releases it.
class StateLock {
 public:
  using Notice = std::function<void(const std::string&)>;
  StateLock(const std::filesystem::path& state_dir, const std::string& command, const Notice& notice);
  ~StateLock();
  StateLock(const StateLock&) = delete;
  StateLock& operator=(const StateLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace devenv::runtime
