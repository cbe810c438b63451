#include "runtime/process.h"

#include <fcntl.h>
#include <grp.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <thread>

#include "util/file.h"
#include "util/runtime_error.h"

namespace devenv::runtime {
namespace {

// Between fork and exec only async-signal-safe calls are allowed: everything the
// child needs is prepared before fork.
struct PreparedExec {
  std::vector<std::string> argv_storage;
  std::vector<char*> argv;
  std::vector<std::string> environment_storage;
  std::vector<char*> environment;
};

PreparedExec prepare(const ProcessOptions& options) {
  PreparedExec prepared;
  prepared.argv_storage = options.argv;
  for (std::string& arg : prepared.argv_storage) prepared.argv.push_back(arg.data());
  prepared.argv.push_back(nullptr);
  for (char** entry = environ; *entry; ++entry) {
    const std::string variable(*entry);
    const std::string name = variable.substr(0, variable.find('='));
    bool overridden = false;
    for (const auto& [key, value] : options.environment) overridden |= key == name;
    if (!overridden) prepared.environment_storage.push_back(variable);
  }
  for (const auto& [key, value] : options.environment) prepared.environment_storage.push_back(key + "=" + value);
  for (std::string& entry : prepared.environment_storage) prepared.environment.push_back(entry.data());
  prepared.environment.push_back(nullptr);
  return prepared;
}

[[noreturn]] void child_fail(const char* what) {
  const char* reason = std::strerror(errno);
  (void)!write(STDERR_FILENO, what, std::strlen(what));
  (void)!write(STDERR_FILENO, ": ", 2);
  (void)!write(STDERR_FILENO, reason, std::strlen(reason));
  (void)!write(STDERR_FILENO, "\n", 1);
  _exit(127);
}

void exec_child(const ProcessOptions& options, PreparedExec& prepared, int output_fd, int error_fd, int input_fd) {
  if (options.new_session) setsid();
  if (options.dies_with_devenv) prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (dup2(input_fd, STDIN_FILENO) < 0 || dup2(output_fd, STDOUT_FILENO) < 0 || dup2(error_fd, STDERR_FILENO) < 0) {
    child_fail("devenv: dup2");
  }
  // Only the standard streams are inherited: a server must not keep devenv's lock
  // file or pipes open for its whole life.
  for (int fd = 3; fd < 1024; ++fd) close(fd);
  if (options.run_as) {
    if (setgroups(0, nullptr) != 0 || setgid(options.run_as->gid) != 0 || setuid(options.run_as->uid) != 0) {
      child_fail("devenv: cannot switch user");
    }
  }
  signal(SIGPIPE, SIG_DFL);
  execvpe(prepared.argv[0], prepared.argv.data(), prepared.environment.data());
  child_fail(prepared.argv[0]);
}

int open_or_throw(const std::string& path, int flags, const char* what) {
  const int fd = open(path.c_str(), flags | O_CLOEXEC, 0640);
  if (fd < 0) throw util::RuntimeError(std::string("cannot open ") + what + " " + path + ": " + std::strerror(errno));
  return fd;
}

int decode_status(int status) { return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status); }

pid_t spawn_with(const ProcessOptions& options, int output_fd) {
  if (options.argv.empty()) throw util::RuntimeError("devenv: empty command");
  PreparedExec prepared = prepare(options);
  const int input_fd =
      open_or_throw(options.stdin_file.empty() ? "/dev/null" : options.stdin_file, O_RDONLY, "input file");
  const int error_fd = options.error_file.empty()
                           ? output_fd
                           : open_or_throw(options.error_file, O_WRONLY | O_CREAT | O_APPEND, "error file");
  const pid_t pid = fork();
  if (pid < 0) {
    close(input_fd);
    if (error_fd != output_fd) close(error_fd);
    throw util::RuntimeError(std::string("fork failed: ") + std::strerror(errno));
  }
  if (pid == 0) exec_child(options, prepared, output_fd, error_fd, input_fd);
  close(input_fd);
  if (error_fd != output_fd) close(error_fd);
  return pid;
}

}  // namespace

pid_t spawn(const ProcessOptions& options) {
  const int output_fd = open_or_throw(options.output_file.empty() ? "/dev/null" : options.output_file,
                                      O_WRONLY | O_CREAT | O_APPEND, "log file");
  const pid_t pid = spawn_with(options, output_fd);
  close(output_fd);
  return pid;
}

pid_t spawn_reading(const ProcessOptions& options, int& output) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) throw util::RuntimeError(std::string("pipe failed: ") + std::strerror(errno));
  try {
    const pid_t pid = spawn_with(options, pipe_fds[1]);
    close(pipe_fds[1]);
    output = pipe_fds[0];
    return pid;
  } catch (...) {
    close(pipe_fds[0]);
    close(pipe_fds[1]);
    throw;
  }
}

RunResult run(const ProcessOptions& options) {
  if (!options.output_file.empty()) {
    const pid_t pid = spawn(options);
    int status = 0;
    while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return {decode_status(status), {}};
  }
  int output_fd = -1;
  const pid_t pid = spawn_reading(options, output_fd);
  std::string output;
  char buffer[4096];
  ssize_t n;
  while ((n = read(output_fd, buffer, sizeof buffer)) != 0) {
    if (n > 0)
      output.append(buffer, static_cast<std::size_t>(n));
    else if (errno != EINTR)
      break;
  }
  close(output_fd);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {
  }
  return {decode_status(status), output};
}

std::optional<int> child_exit_status(pid_t pid) {
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) == pid) return decode_status(status);
  return std::nullopt;
}

// A process that has exited but whose parent has not reaped it yet ("Z"). Servers
// outlive devenv and are reparented to PID 1, which may reap them late (it does
// here), so a stopped server can stay a zombie for a while.
static bool is_zombie(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat;
  std::getline(in, stat);
  const std::size_t close = stat.rfind(')');  // the command name may hold spaces and parentheses
  return close != std::string::npos && close + 2 < stat.size() && (stat[close + 2] == 'Z' || stat[close + 2] == 'X');
}

bool process_alive(pid_t pid) {
  if (pid <= 0) return false;
  int status = 0;
  if (waitpid(pid, &status, WNOHANG) == pid) return false;  // our child, just ended
  if (kill(pid, 0) != 0 && errno != EPERM) return false;
  return !is_zombie(pid);
}

bool stop_process(pid_t pid, int signal, double grace_seconds) {
  if (!process_alive(pid)) return true;
  kill(pid, signal);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(grace_seconds);
  while (std::chrono::steady_clock::now() < deadline) {
    if (!process_alive(pid)) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  kill(pid, SIGKILL);
  for (int i = 0; i < 500 && process_alive(pid); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  return false;
}

void exec_replace(const ProcessOptions& options) {
  PreparedExec prepared = prepare(options);
  execvpe(prepared.argv[0], prepared.argv.data(), prepared.environment.data());
  throw util::RuntimeError("cannot run " + options.argv.front() + ": " + std::strerror(errno));
}

std::string process_command_line(pid_t pid) {
  std::string text = util::read_file("/proc/" + std::to_string(pid) + "/cmdline").value_or("");
  for (char& c : text) {
    if (c == '\0') c = ' ';
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  return text;
}

std::vector<ProcessInfo> list_processes() {
  std::vector<ProcessInfo> processes;
  std::error_code error;
  for (auto it = std::filesystem::directory_iterator("/proc", error);
       !error && it != std::filesystem::directory_iterator(); it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.empty() || name.find_first_not_of("0123456789") != std::string::npos) continue;
    ProcessInfo process;
    process.pid = static_cast<pid_t>(std::stol(name));
    struct stat info {};
    if (process.pid == getpid() || stat(it->path().c_str(), &info) != 0) continue;
    process.uid = info.st_uid;
    const std::string arguments = util::read_file(it->path() / "cmdline").value_or("");
    for (std::size_t at = 0; at < arguments.size();) {
      const std::size_t end = std::min(arguments.find('\0', at), arguments.size());
      process.argv.push_back(arguments.substr(at, end - at));
      at = end + 1;
    }
    if (!process.argv.empty()) processes.push_back(std::move(process));
  }
  return processes;
}

unsigned long long process_start_ticks(pid_t pid) {
  const std::string stat = util::read_file("/proc/" + std::to_string(pid) + "/stat").value_or("");
  // Field 22; the second field, the command name in parentheses, may hold spaces.
  const std::size_t after_name = stat.rfind(')');
  if (after_name == std::string::npos) return 0;
  std::istringstream fields(stat.substr(after_name + 2));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i == 22) return std::strtoull(field.c_str(), nullptr, 10);
  }
  return 0;
}

}  // namespace devenv::runtime
