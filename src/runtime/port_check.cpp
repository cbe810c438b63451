#include "runtime/port_check.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <sstream>

#include "runtime/process.h"
#include "util/runtime_error.h"

namespace devenv::runtime {
namespace {

int bind_loopback(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  const int one = 1;
  setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);  // TIME_WAIT leftovers are not "in use"
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

// Socket inodes listening on `port`, from /proc/net/tcp and tcp6.
std::vector<std::string> listening_inodes(int port) {
  std::vector<std::string> inodes;
  for (const char* table : {"/proc/net/tcp", "/proc/net/tcp6"}) {
    std::ifstream in(table);
    std::string line;
    std::getline(in, line);  // header
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      std::string slot, local, remote, state, queues, timer, retransmits, uid, timeout, inode;
      fields >> slot >> local >> remote >> state >> queues >> timer >> retransmits >> uid >> timeout >> inode;
      const auto colon = local.rfind(':');
      if (colon == std::string::npos || state != "0A") continue;  // 0A = LISTEN
      if (std::stoi(local.substr(colon + 1), nullptr, 16) == port) inodes.push_back(inode);
    }
  }
  return inodes;
}

}  // namespace

bool port_is_free(int port) {
  const int fd = bind_loopback(port);
  if (fd < 0) return false;
  close(fd);
  return true;
}

namespace {

int kernel_free_port() {
  const int fd = bind_loopback(0);
  if (fd < 0) return 0;
  sockaddr_in address{};
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// Which server of this process holds which port devenv chose. A picked port stays
// unbound until its server starts, seconds later (after its init), and a kept one
// while its server is down: meanwhile the kernel may hand it out again, to another
// server of the same `up` (seen in CI: MariaDB and PostgreSQL both given 35293).
struct PortClaims {
  std::mutex mutex;
  std::map<int, std::string> claimant_of;
};

PortClaims& port_claims() {
  static PortClaims claims;
  return claims;
}

}  // namespace

int pick_free_port(const std::string& claimant) {
  PortClaims& claims = port_claims();
  const std::lock_guard lock(claims.mutex);
  for (int attempt = 0; attempt < 64; ++attempt) {
    const int port = kernel_free_port();
    if (port == 0) break;
    if (claims.claimant_of.emplace(port, claimant).second) return port;
  }
  throw util::RuntimeError("no free TCP port on 127.0.0.1 for " + claimant,
                           "too many ports are in use; stop what you do not need, or set the server's port");
}

bool claim_port(int port, const std::string& claimant) {
  PortClaims& claims = port_claims();
  const std::lock_guard lock(claims.mutex);
  return claims.claimant_of.emplace(port, claimant).first->second == claimant;
}

std::optional<std::string> port_owner(int port) try {
  const std::vector<std::string> inodes = listening_inodes(port);
  if (inodes.empty()) return std::nullopt;
  std::error_code error;
  for (const auto& process : std::filesystem::directory_iterator("/proc", error)) {
    const std::string pid = process.path().filename().string();
    if (pid.find_first_not_of("0123456789") != std::string::npos) continue;
    for (const auto& fd : std::filesystem::directory_iterator(process.path() / "fd", error)) {
      const std::string target = std::filesystem::read_symlink(fd.path(), error).string();
      for (const std::string& inode : inodes) {
        if (target == "socket:[" + inode + "]") {
          std::string command = process_command_line(std::stoi(pid));
          command = command.substr(0, command.find(' '));
          command = command.substr(command.rfind('/') + 1);
          return command + " (pid " + pid + ")";
        }
      }
    }
  }
  return std::nullopt;
} catch (const std::exception&) {
  return std::nullopt;  // a process vanished or hid its fds while we looked: owner unknown
}

}  // namespace devenv::runtime
