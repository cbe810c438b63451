#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace devenv::runtime {

// What devenv remembers about one server between commands. Written atomically. The
// compose runtime keeps one too (<state>/<server>/compose-state), for what a reset in
// place needs: the phase, the fingerprint, the init files, the setup, the volume's name.
struct ServerState {
  // "" (never initialised), "initialising" (an init is running or was interrupted),
  // "failed" (init failed: never started as is), "ready" (initialised), "resetting"
  // (a reset in place is running, failed or was interrupted: the server runs, some
  // databases may be half made; the next reset or up finishes it).
  std::string phase;
  std::string fingerprint;  // of the initdb/ files the data dir was made from
  std::string init_key;     // snapshot key: engine version + every file that ran
  std::string version;      // the server's version at init
  std::string failure;      // why init failed
  int port = 0;
  pid_t pid = 0;                       // the server devenv started, while it should be running
  unsigned long long pid_started = 0;  // its start time (process_start_ticks)
  // The socket-only init server, recorded before devenv waits on it: a devenv killed
  // during init leaves it running, and the next command stops it.
  pid_t init_pid = 0;
  unsigned long long init_pid_started = 0;
  // The data dir it was started on (the config may move it later). Compose: the name of
  // the volume the databases live in.
  std::string data_dir;
  bool should_run = false;  // set by up, cleared by down: a dead pid then means "crashed"
  // Every file of initdb/<server> the databases were made from: its name and the
  // sha256 of its bytes. A reset in place re-runs only what changed since.
  std::vector<std::pair<std::string, std::string>> init_files;
  std::string init_setup;  // DataDirKeys::setup of the init: what else the server was made with
  // While the phase is "resetting": the databases that reset set out to make again
  // (the next one makes them again too, whatever else it does).
  std::vector<std::string> resetting_databases;

  // A missing file is a server never initialised; a corrupt one is util::RuntimeError
  // naming it and what to do.
  static ServerState load(const std::filesystem::path& file);
  void save(const std::filesystem::path& file) const;
};

}  // namespace devenv::runtime
