#pragma once

#include <chrono>
#include <iosfwd>
#include <mutex>
#include <string>

namespace devenv::cli {

// Progress lines on stderr, safe to call from the threads that start servers in
// parallel: "  0.41s mysql      running 01-main-schema.sql".
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::ostream& out);
  void say(const std::string& server, const std::string& message);

 private:
  std::ostream& out_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace devenv::cli
