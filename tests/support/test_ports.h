#pragma once

namespace devenv::test {

// A 127.0.0.1 port that no other test process holds and nothing listens on, for a test
// that must write its port into a config (the compose runtime's host-network servers).
// Picked below the kernel's ephemeral range (32768+), so no client connection of a
// test running beside it can be using it as its source port, and held by a lock file
// in /tmp/devenv-test-ports/ for the life of the process, so two tests that pick at
// the same moment never get the same one.
int reserve_test_port();

// A socket of the test process listening on 127.0.0.1:port (0: one the kernel picks)
// until it goes away: the kernel completes connections to it, nothing answers them.
// SO_REUSEADDR as the servers bind, so a stopped server's TIME_WAIT leftovers on the
// port do not stand in the way. Throws when the port cannot be had.
class LoopbackListener {
 public:
  explicit LoopbackListener(int port = 0);
  ~LoopbackListener();
  LoopbackListener(const LoopbackListener&) = delete;
  LoopbackListener& operator=(const LoopbackListener&) = delete;
  int port() const { return port_; }

 private:
  int fd_ = -1;
  int port_ = 0;
};

}  // namespace devenv::test
