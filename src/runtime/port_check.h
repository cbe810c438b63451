#pragma once

#include <optional>
#include <string>

namespace devenv::runtime {

// Whether 127.0.0.1:port can be bound right now.
bool port_is_free(int port);

// A port the kernel picks as free now (for `port = 0`), never one this process
// picked before; 0 when none can be had.
int pick_free_port();

// Who listens on the TCP port, when this user can see it: "mariadbd (pid 1234)".
std::optional<std::string> port_owner(int port);

}  // namespace devenv::runtime
