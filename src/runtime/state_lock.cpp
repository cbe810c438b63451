#include "runtime/state_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "util/runtime_error.h"

namespace devenv::runtime {

static constexpr const char* kUnknownHolder = "another devenv command";

static std::string read_holder(int fd) {
  char buffer[256] = {};
  const ssize_t n = pread(fd, buffer, sizeof buffer - 1, 0);
  std::string holder = n > 0 ? std::string(buffer, static_cast<std::size_t>(n)) : kUnknownHolder;
  while (!holder.empty() && holder.back() == '\n') holder.pop_back();
  return holder;
}

StateLock::StateLock(const std::filesystem::path& state_dir, const std::string& command, const Notice& notice) {
  std::filesystem::create_directories(state_dir);
  const std::string path = (state_dir / "lock").string();
  fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd_ < 0) throw util::RuntimeError("cannot open " + path + ": " + std::strerror(errno));
  if (flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    std::string holder = read_holder(fd_);
    if (holder == kUnknownHolder) {  // it may be between taking the lock and saying who it is
      usleep(50000);
      holder = read_holder(fd_);
    }
    notice("waiting for " + holder + " to finish…");
    while (flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
    }
  }
  const std::string holder = "pid " + std::to_string(getpid()) + " (devenv " + command + ")\n";
  if (ftruncate(fd_, 0) == 0) (void)!pwrite(fd_, holder.data(), holder.size(), 0);
}

StateLock::~StateLock() {
  if (fd_ >= 0) close(fd_);  // releases the flock
}

}  // namespace devenv::runtime
