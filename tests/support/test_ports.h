#pragma once

namespace devenv::test {

// A 127.0.0.1 port that no other test process holds and nothing listens on, for a test
// that must write its port into a config (the compose runtime's host-network servers).
// Picked below the kernel's ephemeral range (32768+), so no client connection of a
// test running beside it can be using it as its source port, and held by a lock file
// in /tmp/devenv-test-ports/ for the life of the process, so two tests that pick at
// the same moment never get the same one.
int reserve_test_port();

}  // namespace devenv::test
