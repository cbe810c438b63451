#include "support/background_watch.h"

#include <signal.h>

#include <fstream>
#include <thread>

#include "support/run_command.h"
#include "support/temp_dir.h"

namespace devenv::test {

namespace {

using Clock = std::chrono::steady_clock;
using namespace std::chrono_literals;

// Gone, or a zombie nobody has reaped yet (the shell that started it has exited).
bool alive(pid_t pid) {
  std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
  std::string line;
  if (!std::getline(stat, line)) return false;
  const std::size_t end = line.rfind(')');
  return end != std::string::npos && end + 2 < line.size() && line[end + 2] != 'Z';
}

}  // namespace

BackgroundWatch::BackgroundWatch(const std::filesystem::path& dir, const std::string& environment,
                                 const std::string& arguments)
    : log_(dir / "watch.log") {
  const CommandResult started =
      run_command("cd '" + dir.string() + "' && " + environment + " '" DEVENV_BINARY "' watch " + arguments + " > '" +
                  log_.string() + "' 2>&1 & echo $!");
  pid_ = std::stoi(started.output);
}

BackgroundWatch::~BackgroundWatch() {
  if (pid_ > 0) stop();
}

std::string BackgroundWatch::output() const { return read_file(log_); }

std::size_t BackgroundWatch::count(const std::string& text) const {
  const std::string all = output();
  std::size_t found = 0;
  for (std::size_t at = all.find(text); at != std::string::npos; at = all.find(text, at + text.size())) ++found;
  return found;
}

bool BackgroundWatch::wait_for(const std::string& text, std::chrono::seconds timeout, std::size_t times) const {
  for (const auto until = Clock::now() + timeout; Clock::now() < until; std::this_thread::sleep_for(50ms)) {
    if (count(text) >= times) return true;
  }
  return false;
}

bool BackgroundWatch::stop() {
  const pid_t pid = pid_;
  pid_ = 0;
  ::kill(pid, SIGINT);
  for (const auto until = Clock::now() + 10s; Clock::now() < until; std::this_thread::sleep_for(50ms)) {
    if (!alive(pid)) return true;
  }
  ::kill(pid, SIGKILL);
  return false;
}

}  // namespace devenv::test
