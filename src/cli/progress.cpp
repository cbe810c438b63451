#include "cli/progress.h"

#include <fmt/format.h>

#include <ostream>

namespace devenv::cli {

namespace {
Verbosity chosen_verbosity = Verbosity::Normal;
}

ProgressPrinter::ProgressPrinter(std::ostream& out) : out_(out), start_(std::chrono::steady_clock::now()) {}

void ProgressPrinter::set_verbosity(Verbosity chosen) { chosen_verbosity = chosen; }
Verbosity ProgressPrinter::verbosity() { return chosen_verbosity; }

void ProgressPrinter::detail(const std::string& server, const std::string& message) {
  if (chosen_verbosity == Verbosity::Verbose) say(server, message);
}

void ProgressPrinter::say(const std::string& server, const std::string& message) {
  if (chosen_verbosity == Verbosity::Quiet) return;
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::lock_guard<std::mutex> lock(mutex_);
  out_ << fmt::format("{:6.2f}s {:<10} {}\n", seconds, server, message) << std::flush;
}

}  // namespace devenv::cli
