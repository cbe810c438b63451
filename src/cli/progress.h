#pragma once

#include <chrono>
#include <iosfwd>
#include <mutex>
#include <string>

namespace devenv::cli {

// How much progress the commands print: --quiet none (errors and results still
// show), --verbose also the details (which config, runtime, paths).
enum class Verbosity { Quiet, Normal, Verbose };

// Progress lines on stderr, safe to call from the threads that start servers in
// parallel: "  0.41s mysql      running 01-main-schema.sql".
class ProgressPrinter {
 public:
  explicit ProgressPrinter(std::ostream& out);
  // Chosen once, by the command line, before any command runs.
  static void set_verbosity(Verbosity verbosity);
  static Verbosity verbosity();

  void say(const std::string& server, const std::string& message);
  // Only with --verbose.
  void detail(const std::string& server, const std::string& message);

 private:
  std::ostream& out_;
  std::mutex mutex_;
  std::chrono::steady_clock::time_point start_;
};

}  // namespace devenv::cli
