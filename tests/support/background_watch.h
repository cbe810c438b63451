#pragma once

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <string>

namespace devenv::test {

// `devenv watch ARGUMENTS` running in the background in `dir`, its output in a file
// there; stopped with SIGINT (Ctrl-C) when it goes away.
class BackgroundWatch {
 public:
  BackgroundWatch(const std::filesystem::path& dir, const std::string& environment, const std::string& arguments = "");
  ~BackgroundWatch();
  BackgroundWatch(const BackgroundWatch&) = delete;
  BackgroundWatch& operator=(const BackgroundWatch&) = delete;

  std::string output() const;
  // How often `text` is in the output.
  std::size_t count(const std::string& text) const;
  // Waits until `text` is in the output `times` times; false after `timeout`.
  bool wait_for(const std::string& text, std::chrono::seconds timeout = std::chrono::seconds(30),
                std::size_t times = 1) const;
  // Ctrl-C; whether it ended within 10 s (else it is killed).
  bool stop();

 private:
  std::filesystem::path log_;
  pid_t pid_ = 0;
};

}  // namespace devenv::test
