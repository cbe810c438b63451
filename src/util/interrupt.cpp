#include "util/interrupt.h"

#include <signal.h>
#include <unistd.h>

#include <atomic>

namespace devenv::util {

static std::atomic<bool> requested{false};

static void on_signal(int signal) {
  if (requested.exchange(true)) _exit(128 + signal);
}

void catch_interrupts() {
  struct sigaction action {};
  action.sa_handler = on_signal;
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

void throw_if_interrupted() {
  if (requested.load()) throw Interrupted();
}

bool interrupt_requested() { return requested.load(); }

}  // namespace devenv::util
