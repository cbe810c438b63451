#pragma once

#include <stdexcept>

namespace devenv::util {

struct Interrupted : std::runtime_error {
  Interrupted() : std::runtime_error("interrupted") {}
};

// Ctrl-C and SIGTERM only set a flag while work that must clean up is under way
// (shadow databases): the work checks it between statements and unwinds, so
// destructors drop what was made. A second signal ends the process at once.
void catch_interrupts();
void throw_if_interrupted();
// Whether Ctrl-C or SIGTERM came, for loops that end cleanly instead of unwinding.
bool interrupt_requested();

}  // namespace devenv::util
