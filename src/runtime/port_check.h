#pragma once

#include <optional>
#include <string>

namespace devenv::runtime {

// Whether 127.0.0.1:port can be bound right now.
bool port_is_free(int port);

// A port the kernel picks as free now (for `port = 0`), claimed for `claimant` (a
// server's state file): never one another claimant of this process holds. Throws
// util::RuntimeError when none can be had.
int pick_free_port(const std::string& claimant);

// Claims a port devenv chose earlier (kept in a server's state) for `claimant`; false
// when another claimant of this process holds it.
bool claim_port(int port, const std::string& claimant);

// Who listens on the TCP port, when this user can see it: "mariadbd (pid 1234)".
std::optional<std::string> port_owner(int port);

}  // namespace devenv::runtime
