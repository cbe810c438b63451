#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace devenv::runtime {

// Who a child process runs as (PostgreSQL refuses to run as root).
struct RunAs {
  uid_t uid;
  gid_t gid;
  std::string name;
};

struct ProcessOptions {
  ProcessOptions() = default;
  ProcessOptions(std::vector<std::string> command) : argv(std::move(command)) {}  // NOLINT: run({{"cp", …}})

  std::vector<std::string> argv;                                 // argv[0] is a path or a name looked up in PATH
  std::vector<std::pair<std::string, std::string>> environment;  // set on top of ours
  std::optional<RunAs> run_as;
  std::string stdin_file;   // empty: /dev/null
  std::string output_file;  // stdout and stderr appended here; empty: captured by run()
  // stderr appended here instead, apart from stdout: a dump tool's warnings must not
  // land inside the dump it writes to output_file. Empty: with stdout.
  std::string error_file;
  bool new_session = false;  // detach from our terminal and signals (servers outlive devenv)
  // Killed when devenv dies, even by SIGKILL (PR_SET_PDEATHSIG): a dump whose devenv
  // was killed would otherwise run on into a folder the next command deletes.
  bool dies_with_devenv = false;
};

// Starts a process. A program that cannot be executed makes the child exit 127
// after writing why to its output.
pid_t spawn(const ProcessOptions& options);

struct RunResult {
  int exit_code;       // 128 + signal when killed
  std::string output;  // when ProcessOptions::output_file was empty
};

// Runs a process to completion.
RunResult run(const ProcessOptions& options);

// Starts a process whose stdout and stderr go to a pipe; `output` gets the pipe's
// read end (close-on-exec), for the caller to read and close.
pid_t spawn_reading(const ProcessOptions& options, int& output);

// True while `pid` exists and is not a zombie of ours (those are reaped here).
bool process_alive(pid_t pid);

// The exit status of a child of ours that has ended, if it has.
std::optional<int> child_exit_status(pid_t pid);

// Sends `signal`, waits up to `grace_seconds` for the process to end, then sends
// SIGKILL. Returns false when SIGKILL was needed.
bool stop_process(pid_t pid, int signal, double grace_seconds);

// Replaces this process with the command (an interactive client, `tail -f`).
// Returns only by throwing, when the program cannot be executed.
[[noreturn]] void exec_replace(const ProcessOptions& options);

// The command line of a running process, arguments joined by spaces.
std::string process_command_line(pid_t pid);

// A process as /proc shows it: its real uid and its arguments, each whole.
struct ProcessInfo {
  pid_t pid = 0;
  uid_t uid = 0;
  std::vector<std::string> argv;
};

// Every process but this one (those that end while being read are left out).
std::vector<ProcessInfo> list_processes();

// When the process started, in clock ticks since boot (0 when it is gone): with the
// pid, it tells a process from a later one that got the same pid.
unsigned long long process_start_ticks(pid_t pid);

}  // namespace devenv::runtime
