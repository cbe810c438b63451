#include "cli/progress.h"

#include <fmt/format.h>

#include <ostream>

namespace devenv::cli {

ProgressPrinter::ProgressPrinter(std::ostream& out) : out_(out), start_(std::chrono::steady_clock::now()) {}

void ProgressPrinter::say(const std::string& server, const std::string& message) {
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  std::lock_guard<std::mutex> lock(mutex_);
  out_ << fmt::format("{:6.2f}s {:<10} {}\n", seconds, server, message) << std::flush;
}

}  // namespace devenv::cli
