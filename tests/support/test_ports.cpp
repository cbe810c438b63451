#include "support/test_ports.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <sys/file.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <random>
#include <stdexcept>
#include <string>

namespace devenv::test {
namespace {

// Above the db fixtures' ports (tests/fixtures/test_servers.sh scans up from 23306 and
// 25432), below the ephemeral range.
constexpr int kFirstPort = 27000;
constexpr int kLastPort = 32000;

bool nothing_listens_on(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  const int on = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);  // as the servers bind
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool free = bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return free;
}

}  // namespace

int reserve_test_port() {
  const std::string folder = "/tmp/devenv-test-ports";
  mkdir(folder.c_str(), 0777);
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> pick(kFirstPort, kLastPort);
  for (int attempt = 0; attempt < 500; ++attempt) {
    const int port = pick(random);
    const std::string lock = folder + "/" + std::to_string(port) + ".lock";
    const int fd = open(lock.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) continue;
    // Kept open (so locked) until the process ends; the kernel drops it after kill -9.
    if (flock(fd, LOCK_EX | LOCK_NB) == 0 && nothing_listens_on(port)) return port;
    close(fd);
  }
  throw std::runtime_error("no free 127.0.0.1 port in 27000-32000 after 500 tries");
}

LoopbackListener::LoopbackListener(int port) : fd_(socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0)) {
  const int on = 1;
  setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  socklen_t length = sizeof address;
  if (fd_ < 0 || bind(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 || listen(fd_, 16) != 0 ||
      getsockname(fd_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
    if (fd_ >= 0) close(fd_);
    throw std::runtime_error("cannot listen on 127.0.0.1:" + std::to_string(port));
  }
  port_ = ntohs(address.sin_port);
}

LoopbackListener::~LoopbackListener() { close(fd_); }

}  // namespace devenv::test
