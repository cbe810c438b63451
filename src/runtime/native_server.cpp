#include "runtime/native_server.h"

#include <signal.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <fstream>
#include <functional>
#include <set>
#include <thread>

#include "db/session.h"
#include "runtime/data_dir_keys.h"
#include "runtime/database_reset.h"
#include "runtime/in_place_reset.h"
#include "runtime/init_scripts.h"
#include "runtime/owned_dir.h"
#include "runtime/port_check.h"
#include "runtime/process.h"
#include "runtime/reset_plan.h"
#include "util/copy_tree.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

const char* health_name(Health health) {
  switch (health) {
    case Health::NotInitialised: return "not initialised";
    case Health::InitFailed: return "init failed";
    case Health::Stopped: return "stopped";
    case Health::Running: return "running";
    case Health::Crashed: return "crashed";
  }
  return "?";
}

namespace {

// The server process ended before it answered: its data dir (or its settings) is the
// cause, not a port or a password. After a restore from the cache, the entry's.
struct ServerExited : util::RuntimeError {
  using util::RuntimeError::RuntimeError;
};

// Programs devenv runs on a data dir: the servers, and the tools that make data dirs
// (a script such as mariadb-install-db runs as `sh <script>`).
bool is_engine_program(const std::vector<std::string>& argv) {
  static const std::set<std::string> kNames = {"mariadbd",         "mysqld",   "mariadb-install-db",
                                               "mysql_install_db", "postgres", "initdb"};
  for (std::size_t i = 0; i < std::min<std::size_t>(2, argv.size()); ++i) {
    if (kNames.count(fs::path(argv[i]).filename().string())) return true;
  }
  return false;
}

// Whether `argv` names `dir` as its data dir, the way devenv passes it.
bool names_data_dir(const std::vector<std::string>& argv, const fs::path& dir) {
  for (std::size_t i = 0; i < argv.size(); ++i) {
    if (argv[i] == "--datadir=" + dir.string()) return true;
    if (argv[i] == "-D" && i + 1 < argv.size() && argv[i + 1] == dir.string()) return true;
  }
  return false;
}

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

void chown_to(const fs::path& path, const std::optional<RunAs>& user) {
  if (user && chown(path.c_str(), user->uid, user->gid) != 0) {
    throw util::RuntimeError("cannot give " + path.string() + " to user " + user->name);
  }
}

}  // namespace

NativeServer::NativeServer(const config::Config& config, const config::Server& server, std::string fingerprint,
                           const generator::ServerInit* init, Progress progress)
    : config_(config),
      server_(server),
      fingerprint_(std::move(fingerprint)),
      init_(init),
      progress_(std::move(progress)),
      layout_(ServerLayout::of(config, server)) {}

const NativeEngine& NativeServer::engine() const {
  if (!engine_) engine_ = make_native_engine(server_);
  return *engine_;
}

// A pid from the state file counts only if that process still runs on the data dir
// it was started on: after a reboot or a kill the pid may belong to anything. (Not
// the config's current data dir: with data_on_tmpfs switched, the running server
// must still be found, and stopped.)
bool NativeServer::running(const ServerState& state) const {
  if (state.pid <= 0 || !process_alive(state.pid)) return false;
  if (state.pid_started != 0 && process_start_ticks(state.pid) != state.pid_started) return false;
  const std::string data_dir = state.data_dir.empty() ? layout_.data_dir.string() : state.data_dir;
  return process_command_line(state.pid).find("--datadir=" + data_dir) != std::string::npos ||
         process_command_line(state.pid).find(" -D " + data_dir) != std::string::npos;
}

int NativeServer::resolve_port(const ServerState& state) const {
  if (server_.port != 0) return server_.port;
  return state.port != 0 ? state.port : pick_free_port(layout_.state_file.string());
}

// With `port = 0` the port is devenv's choice, kept across restarts so that URLs stay
// the same; when another server of this devenv or another program took it meanwhile
// (it was picked, or the server was down), a new free one is better than the "in use"
// error meant for a configured port.
int NativeServer::port_to_start_on(const ServerState& state) const {
  const int port = resolve_port(state);
  if (server_.port != 0) return port;
  if (claim_port(port, layout_.state_file.string()) && port_is_free(port)) return port;
  const int other = pick_free_port(layout_.state_file.string());
  progress_("port " + std::to_string(port) + " was taken since devenv picked it; using " + std::to_string(other));
  return other;
}

int NativeServer::port() const { return resolve_port(ServerState::load(layout_.state_file)); }

std::vector<std::string> NativeServer::log_tail(std::size_t count) const {
  std::ifstream in(layout_.server_log);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
    if (lines.size() > count) lines.erase(lines.begin());
  }
  return lines;
}

// Only a process with the recorded pid, start time and data dir: after a reboot or a
// kill the pid may belong to anything.
void NativeServer::stop_leftover_init(ServerState& state) const {
  if (state.init_pid <= 0) return;
  if (process_alive(state.init_pid) && process_start_ticks(state.init_pid) == state.init_pid_started &&
      process_command_line(state.init_pid).find(partial_data_dir().string()) != std::string::npos) {
    progress_("stopping the init server (pid " + std::to_string(state.init_pid) +
              ") that an interrupted devenv left running");
    stop_pid(state.init_pid);
  }
  state.init_pid = 0;
  state.init_pid_started = 0;
  state.save(layout_.state_file);
}

ServerStatus NativeServer::status() const {
  ServerState state = ServerState::load(layout_.state_file);
  stop_leftover_init(state);
  ServerStatus status;
  status.version = state.version;
  status.port = state.port;
  // Unknown (no initdb/ built yet) is not reported as changed.
  status.schema_changed = (state.phase == "ready" || state.phase == "resetting") && !fingerprint_.empty() &&
                          state.fingerprint != fingerprint_;
  if (state.phase == "failed" || state.phase == "initialising") {
    status.health = Health::InitFailed;
    status.failure = state.phase == "failed" ? state.failure : "init was interrupted";
  } else if (state.phase == "resetting") {
    status.health = Health::InitFailed;
    status.pid = running(state) ? state.pid : 0;
    status.failure = "a reset did not finish" + (state.failure.empty() ? "" : " (" + state.failure + ")") +
                     ": `devenv reset` finishes it";
  } else if (state.phase != "ready" || !fs::exists(layout_.data_dir)) {
    status.health = Health::NotInitialised;
  } else if (running(state)) {
    status.health = Health::Running;
    status.pid = state.pid;
  } else {
    status.health = state.should_run ? Health::Crashed : Health::Stopped;
    if (state.should_run) status.last_log_lines = log_tail(8);
  }
  return status;
}

// Every folder devenv uses, made and marked as devenv's (owned_dir.h); those outside
// the state dir, where other users could write, private to the server's user.
void NativeServer::prepare_dirs() {
  const fs::path& state = config_.project.state_dir;
  make_owned_dirs(state, layout_.root);
  if (layout_.run_dir_is_private) {
    make_private_dir(layout_.run_dir, engine().run_as());
  } else {
    make_owned_dirs(layout_.root, layout_.run_dir);
    fs::permissions(layout_.run_dir, fs::perms::owner_all);  // sockets and the client option file
    chown_to(layout_.run_dir, engine().run_as());
  }
  make_owned_dirs(layout_.run_dir, layout_.tmp_dir);
  chown_to(layout_.tmp_dir, engine().run_as());
  if (!layout_.private_home.empty()) make_private_dir(layout_.private_home, engine().run_as());
  make_owned_dirs(data_base(), layout_.data_dir.parent_path());
}

// Where the data dir's folders start: its private folder, or the state dir.
fs::path NativeServer::data_base() const {
  return layout_.private_home.empty() ? config_.project.state_dir : layout_.private_home;
}

// Never half a data dir where the next `up` would start it.
void NativeServer::remove_data_dir() { discard_owned_entry(layout_.data_dir); }

// Data dirs are made here, beside their place, and renamed into it only when
// complete: whatever an interruption leaves is never taken for a data dir.
fs::path NativeServer::partial_data_dir() const { return layout_.data_dir.string() + ".partial"; }

// A devenv killed between starting a process and recording it in the state leaves it
// unrecorded: an init server (on the socket the next init would reach, with root's
// password already set), a server, install-db or initdb. Such a process is found by
// what only devenv runs: an engine's program, as this user or the server's, on one of
// these private folders, named exactly as devenv names it; and stopped by its pid.
void NativeServer::stop_unrecorded_processes(const std::vector<fs::path>& dirs) const {
  const std::optional<RunAs> server_user = engine().run_as();
  for (const ProcessInfo& process : list_processes()) {
    if (process.uid != geteuid() && !(server_user && process.uid == server_user->uid)) continue;
    if (!is_engine_program(process.argv)) continue;
    for (const fs::path& dir : dirs) {
      if (!names_data_dir(process.argv, dir)) continue;
      progress_("stopping pid " + std::to_string(process.pid) + ", left running on " + dir.string() +
                " by an interrupted devenv");
      stop_pid(process.pid);
      break;
    }
  }
}

void NativeServer::discard_partial_data_dir() {
  if (!fs::exists(fs::symlink_status(partial_data_dir()))) return;
  progress_("discarding a half-made data dir an interrupted devenv left");
  remove_owned_entry(partial_data_dir());
}

pid_t NativeServer::start_process(const ServerLayout& layout, int port, bool socket_only) {
  if (!socket_only && !port_is_free(port)) {
    const auto owner = port_owner(port);
    std::string hint = "stop that process, or change servers." + server_.name + ".port in " +
                       config_.file.filename().string() + " (0 picks a free port)";
    // Debian's server packages run a system service on the engine's port from boot on:
    // a likely owner when the owner is that server program, or one this user cannot see.
    const engine::Engine& engine = server_.engine;
    const std::string program = std::string(engine.server_program()) + " (";
    if (owner ? owner->rfind(program, 0) == 0 : port == engine.default_port()) {
      hint +=
          "; if it is the system's own service: sudo systemctl disable --now " + std::string(engine.system_service());
    }
    throw util::RuntimeError(
        "port " + std::to_string(port) + " on 127.0.0.1 is in use" + (owner ? " by " + *owner : ""), hint);
  }
  std::ofstream(layout_.server_log, std::ios::app)
      << "devenv: starting " << (socket_only ? "socket-only " : "") << "server\n";
  return spawn(engine().server_process(layout, port, socket_only));
}

// Ready means a real query answers, not that a port is open.
void NativeServer::wait_until_ready(pid_t pid, const db::Endpoint& endpoint, const std::string& what) {
  const auto deadline = Clock::now() + std::chrono::seconds(60);
  std::string last_error;
  while (Clock::now() < deadline) {
    util::throw_if_interrupted();
    if (!process_alive(pid)) {
      std::string tail;
      for (const std::string& line : log_tail(8)) tail += "\n  " + line;
      throw ServerExited("the " + what + " exited during start-up; last lines of " + layout_.server_log.string() + ":" +
                         tail);
    }
    try {
      db::connect(server_.engine.dialect(), endpoint, 2)->column("SELECT 1");
      return;
    } catch (const db::DbError& e) {
      last_error = e.what();
      // The server answered and said no: waiting longer will not change that.
      if (last_error.find("Access denied") != std::string::npos ||
          last_error.find("password authentication failed") != std::string::npos) {
        throw util::RuntimeError(
            "the " + what + " refused devenv's root login: " + last_error,
            "the data dir was made with another root password; `devenv reset " + server_.name + "` re-creates it");
      }
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  throw util::RuntimeError("the " + what + " did not answer within 60 s: " + last_error,
                           "see " + layout_.server_log.string());
}

// A data dir made by another major version (an upgrade of the machine's packages)
// cannot be opened: say so before the server's own log does.
void NativeServer::check_engine_version(const ServerState& state) const {
  const std::string current = engine().version();
  if (state.version.empty() || current == "unknown") return;
  if (server_.engine.major_version(state.version) == server_.engine.major_version(current)) return;
  throw util::RuntimeError("the data dir of " + server_.name + " was made by " + server_.engine.name() + " " +
                               state.version + "; this machine now has " + current + ", which cannot open it",
                           "`devenv reset " + server_.name +
                               "` makes a new one (dump its data first with the old "
                               "version if you need it)");
}

bool NativeServer::answers(int port) const {
  try {
    db::connect(server_.engine.dialect(), engine().tcp_endpoint(port), 2)->column("SELECT 1");
    return true;
  } catch (const db::DbError&) {
    return false;
  }
}

bool NativeServer::stop_pid(pid_t pid) const {
  if (stop_process(pid, engine().stop_signal(), 30)) return true;
  progress_("did not stop within 30 s; killed it");
  return false;
}

DataDirCache& NativeServer::cache() {
  if (!cache_) cache_.emplace(cache_settings_from_environment());
  return *cache_;
}

// A cache folder devenv cannot use is said, and then done without.
void NativeServer::warn_cache_unusable(const CacheUnusable& error) {
  progress_("not using the init cache: " + std::string(error.what()) + " (" + error.hint() + ")");
  cache_.emplace(CacheSettings{cache().settings().dir, 0});
}

// The cache only saves time: whatever goes wrong in `work` is said in one line
// (`failing`, then why), and the command goes on as if the cache had nothing. Only an
// interruption goes through. Returns whether `work` ran to its end.
bool NativeServer::try_cache(const std::string& failing, const std::function<void()>& work) {
  try {
    work();
    return true;
  } catch (const CacheUnusable& e) {
    warn_cache_unusable(e);
  } catch (const util::Interrupted&) {
    throw;
  } catch (const std::exception& e) {
    progress_(failing + ": " + e.what());
  }
  return false;
}

bool NativeServer::restore_from_cache(const std::string& key, const fs::path& target, std::string* log) {
  DataDirCache::Lookup found = DataDirCache::Lookup::Missing;
  try_cache("could not copy from the init cache (initialising instead)",
            [&] { found = cache().restore(key, target, log); });
  if (found == DataDirCache::Lookup::Damaged) {
    progress_("a cache entry's files differ from its manifest (damaged); removed it from " +
              cache().settings().dir.string());
  }
  return found == DataDirCache::Lookup::Hit;
}

// Not fatal: the server runs; the next init of the same files is only slower.
void NativeServer::store_in_cache(const std::string& key, const fs::path& data_dir, const std::string& what,
                                  const fs::path& log) {
  try_cache("not kept in the cache (the next init of these files runs them again)",
            [&] { cache().store(key, data_dir, what, log); });
}

void NativeServer::remove_from_cache(const std::string& key) {
  try_cache("could not remove a bad entry from the init cache", [&] { cache().remove(key); });
}

// What mariadb-install-db or initdb makes depends only on the engine and its options:
// made once per machine, copied from the cache after that. Returns whether it came
// from the cache.
bool NativeServer::make_bare_data_dir(const ServerLayout& init_layout, const std::string& key, bool may_use_cache) {
  if (may_use_cache && restore_from_cache(key, init_layout.data_dir)) return true;
  fs::create_directory(init_layout.data_dir);
  fs::permissions(init_layout.data_dir, fs::perms::owner_all);
  chown_to(init_layout.data_dir, engine().run_as());
  progress_("creating the data dir");
  engine().create_data_dir(init_layout);
  store_in_cache(key, init_layout.data_dir,
                 std::string(server_.engine.name()) + " " + engine().version() + " bare data dir");
  return false;
}

// The official images' contract: a socket-only server, root prepared, the init files
// in order; stopped again, so that the data dir can be copied whole into the cache.
// Returns false when the server had to be killed: its files are then a crash's, not
// to be cached.
bool NativeServer::run_init_server(ServerState& state, const ServerLayout& init_layout) {
  const int port = resolve_port(state);
  const fs::path scripts = config_.dir / "initdb" / server_.name;
  progress_("starting a socket-only server for init");
  const pid_t pid = start_process(init_layout, port, true);
  state.init_pid = pid;  // before waiting on it: a killed devenv leaves it for the next command to stop
  state.init_pid_started = process_start_ticks(pid);
  state.save(layout_.state_file);
  try {
    wait_until_ready(pid, engine().socket_endpoint(init_layout, port, false), "init server");
    engine().prepare_root(init_layout, port);
    engine().prepare_run_dir(init_layout);
    run_init_files(scripts, engine(), init_layout, port, progress_);
  } catch (const std::exception& e) {
    stop_pid(pid);
    remove_owned_entry(partial_data_dir());
    state.init_pid = 0;
    state.phase = "failed";
    state.failure = e.what();
    state.save(layout_.state_file);
    throw;
  }
  const bool stopped = stop_pid(pid);
  state.init_pid = 0;
  state.port = port;
  return stopped;
}

void NativeServer::finish_init(ServerState& state, const DataDirKeys& keys) {
  fs::rename(partial_data_dir(), layout_.data_dir);
  state.port = resolve_port(state);  // chosen once: the progress line and the start agree
  record_init(state, keys);
}

// The databases are what these init files make: ready, and what a reset in place
// compares the files with next time.
void NativeServer::record_init(ServerState& state, const DataDirKeys& keys) {
  record_init_files(state, fingerprint_, keys.setup, keys.files);
  state.init_key = keys.init;
  state.save(layout_.state_file);
}

// The state says "initialising" until the data dir is complete and in its place, so a
// failed or interrupted init is never started as if it were fine. The data dir is
// made beside its place and renamed into it when complete.
std::string NativeServer::initialise(ServerState& state, bool may_use_cache) {
  const auto started = Clock::now();
  state.phase = "initialising";
  state.fingerprint.clear();
  state.version = engine().version();
  prepare_dirs();
  state.save(layout_.state_file);
  stop_unrecorded_processes({layout_.data_dir, partial_data_dir()});
  remove_data_dir();
  discard_partial_data_dir();
  const DataDirKeys& keys = init_keys(state.version);
  const auto elapsed = [&] { return std::to_string(static_cast<int>(seconds_since(started) * 1000)) + " ms"; };
  std::string log;
  if (may_use_cache && keys.init_cacheable && restore_from_cache(keys.init, partial_data_dir(), &log)) {
    // `devenv logs --init` shows what the init that made this data dir printed.
    std::ofstream(layout_.init_log, std::ios::trunc)
        << "devenv: " << layout_.data_dir.string() << " restored from the init cache (entry " << keys.init
        << "); the log of the init that made it:\n"
        << log;
    finish_init(state, keys);
    progress_("restored from the init cache in " + elapsed() + " (this machine ran the same init files before)");
    return kRestoredFromCache;
  }
  std::ofstream(layout_.init_log, std::ios::trunc) << "devenv: initialising " << layout_.data_dir.string() << "\n";
  ServerLayout init_layout = layout_;  // the same, but on the data dir being made
  init_layout.data_dir = partial_data_dir();
  bool clean = true;
  const bool bare_from_cache = make_bare_data_dir(init_layout, keys.bare, may_use_cache);
  try {
    clean = run_init_server(state, init_layout);
  } catch (const ServerExited&) {
    if (!bare_from_cache) throw;
    // The cached bare data dir is the likely cause: without it, once more.
    progress_(
        "the init server did not start from the cached bare data dir; removing that cache entry and "
        "making a new one");
    remove_from_cache(keys.bare);
    state.phase = "initialising";
    state.save(layout_.state_file);
    make_bare_data_dir(init_layout, keys.bare, false);
    clean = run_init_server(state, init_layout);
  }
  if (keys.init_cacheable && clean) {
    store_in_cache(keys.init, partial_data_dir(),
                   std::string(server_.engine.name()) + " " + state.version + " init of " +
                       (config_.dir / "initdb" / server_.name).string(),
                   layout_.init_log);
  }
  finish_init(state, keys);
  progress_("initialised in " + elapsed());
  return kInitialised;
}

// Only a server that exited during start-up is blamed on the entry it started from:
// a port in use, a timeout or a refused login would be the same after an init.
UpResult NativeServer::initialise_and_start(ServerState& state, Clock::time_point started) {
  UpResult result;
  result.action = initialise(state, true);
  try {
    start(state);
  } catch (const ServerExited& e) {
    if (result.action != kRestoredFromCache) throw;
    progress_("did not start from the cached data dir (" + std::string(e.what()) +
              "); removing that cache entry and initialising");
    remove_from_cache(state.init_key);
    result.action = initialise(state, false);
    start(state);
  }
  result.seconds = seconds_since(started);
  result.port = state.port;
  result.version = state.version;
  return result;
}

void NativeServer::start(ServerState& state) {
  prepare_dirs();
  // A pid file with no recorded server: maybe one a killed devenv started (or a
  // crash's leftover). Looking costs a scan of /proc, so only then.
  if (fs::exists(engine().pid_file(layout_))) stop_unrecorded_processes({layout_.data_dir});
  engine().prepare_run_dir(layout_);
  const int port = port_to_start_on(state);
  progress_("starting on 127.0.0.1:" + std::to_string(port));
  const pid_t pid = start_process(layout_, port, false);
  state.pid = pid;
  state.pid_started = process_start_ticks(pid);
  state.data_dir = layout_.data_dir.string();
  state.port = port;
  state.should_run = true;
  state.save(layout_.state_file);
  wait_until_ready(pid, engine().tcp_endpoint(port), "server");
}

UpResult NativeServer::up(bool reset_on_change, const ResetRequest& reset_request) {
  const auto started = Clock::now();
  ServerState state = ServerState::load(layout_.state_file);
  stop_leftover_init(state);
  UpResult result;
  if (state.phase == "resetting") {
    progress_("the last reset did not finish; finishing it");
    ResetRequest finish = reset_request;
    finish.only_changed = true;  // what it was making, and what changed since: not every database
    return reset(finish);
  }
  if (state.phase == "ready" && running(state) && !answers(state.port)) {
    // A devenv killed while starting or stopping it leaves a server on its way up or
    // down: wait for either; one that ends is started afresh below.
    progress_("running but not answering yet (an interrupted start or stop?); waiting for it");
    try {
      wait_until_ready(state.pid, engine().tcp_endpoint(state.port), "server");
    } catch (const util::RuntimeError&) {
      if (running(state)) stop_pid(state.pid);
    }
  }
  if (state.phase == "ready" && running(state)) {
    if (!state.data_dir.empty() && state.data_dir != layout_.data_dir.string()) {
      progress_("running on " + state.data_dir + ", but the config now puts data in " + layout_.data_dir.string() +
                ": `devenv down` and `devenv up` to move");
    }
    result.schema_changed = state.fingerprint != fingerprint_;
    if (!(result.schema_changed && reset_on_change)) {
      return {"already running", seconds_since(started), state.port, state.version, result.schema_changed, {}};
    }
  }
  if (state.phase == "failed" || state.phase == "initialising") {
    progress_("the last init " + std::string(state.phase == "failed" ? "failed" : "was interrupted") +
              "; re-initialising from scratch");
  }
  if (state.phase == "ready" && !fs::exists(layout_.data_dir)) {
    progress_("the data dir is gone (a reboot empties /dev/shm, or a reset was interrupted); initialising");
    state.phase.clear();
  }
  if (state.phase == "ready" && state.fingerprint != fingerprint_ && reset_on_change) {
    progress_("schema changed since this data dir was initialised; resetting (--reset-on-change)");
    result = reset(reset_request);
    result.seconds = seconds_since(started);
    return result;
  }
  if (state.phase == "ready" && state.should_run && !running(state)) progress_("was crashed; starting it again");
  if (state.phase != "ready") return initialise_and_start(state, started);
  check_engine_version(state);
  result.action = "started";
  result.schema_changed = state.fingerprint != fingerprint_;
  return start_and_report(state, result, started);
}

UpResult NativeServer::start_and_report(ServerState& state, UpResult result, Clock::time_point started) {
  start(state);
  result.seconds = seconds_since(started);
  result.port = state.port;
  result.version = state.version;
  return result;
}

UpResult NativeServer::reset(const ResetRequest& request) {
  const auto started = Clock::now();
  ServerState state = ServerState::load(layout_.state_file);
  stop_leftover_init(state);
  if (std::optional<UpResult> result = reset_in_place(state, request, started)) return *result;
  util::throw_if_interrupted();  // never replace the data because a Ctrl-C stopped the reset in place
  if (request.before_replacing_data) request.before_replacing_data(*this);
  if (running(state)) {
    progress_("stopping");
    stop_pid(state.pid);
  }
  state.pid = 0;
  state.should_run = false;
  return initialise_and_start(state, started);
}

// In place, the running server's databases are made again by SQL; not in place, the
// whole data dir is (from the init cache or by the init).
// A server on another port or data dir than the config now names is restarted by
// making its data dir again.
bool NativeServer::can_reset_in_place(const ServerState& state) const {
  return init_ && (state.phase == "ready" || state.phase == "resetting") && running(state) &&
         (state.data_dir.empty() || state.data_dir == layout_.data_dir.string()) &&
         (server_.port == 0 || server_.port == state.port);
}

const DataDirKeys& NativeServer::init_keys(const std::string& version) const {
  auto known = init_keys_.find(version);
  if (known == init_keys_.end()) {
    known =
        init_keys_.emplace(version, data_dir_keys(server_, engine(), version, config_.dir / "initdb" / server_.name))
            .first;
  }
  return known->second;
}

bool NativeServer::resets_in_place(const ResetRequest& request) const {
  const ServerState state = ServerState::load(layout_.state_file);
  if (!can_reset_in_place(state)) return false;
  const DataDirKeys& keys = init_keys(state.version);
  return plans_in_place(state, keys.setup, current_init_files(keys.files, *init_), request.only_changed);
}

// Root's session on the socket; the user's files through the client, as the init ran
// them.
std::optional<UpResult> NativeServer::reset_in_place(ServerState& state, const ResetRequest& request,
                                                     Clock::time_point started) {
  if (!can_reset_in_place(state)) return std::nullopt;
  const DataDirKeys& keys = init_keys(state.version);
  const int port = state.port;
  const InPlaceServer server{{&server_, engine().socket_endpoint(layout_, port, true), layout_.init_log,
                              [this, port](const fs::path& file) {
                                run_init_file(file, engine(), layout_, port, progress_, "`devenv reset`");
                              },
                              progress_},
                             config_.dir / "initdb" / server_.name,
                             layout_.state_file,
                             keys.setup,
                             current_init_files(keys.files, *init_),
                             [this, &keys](ServerState& made) { record_init(made, keys); },
                             "the data dir"};
  return reset_server_in_place(state, server, request.only_changed, started);
}

void NativeServer::stop() {
  ServerState state = ServerState::load(layout_.state_file);
  stop_leftover_init(state);
  if (running(state)) {
    progress_("stopping (pid " + std::to_string(state.pid) + ")");
    stop_pid(state.pid);
  }
  if (state.pid != 0 || state.should_run) {
    state.pid = 0;
    state.should_run = false;
    state.save(layout_.state_file);
  }
}

namespace {

// Root over TCP, as users connect; the password only in the environment.
ProcessOptions as_root(const engine::ClientCommand& command, const config::Server& server) {
  ProcessOptions options(command.argv);
  options.environment = {{command.password_variable, server.root_password.value}};
  return options;
}

}  // namespace

ProcessOptions NativeServer::dump_database(const std::string& database) const {
  const std::string program = engine().tool(server_.engine.dump_program()).string();
  return as_root(server_.engine.dump_command(program, port(), server_.root_user, database), server_);
}

ProcessOptions NativeServer::load_database(const std::string& database) const {
  const std::string program = engine().tool(server_.engine.load_program()).string();
  return as_root(server_.engine.load_command(program, port(), server_.root_user, database), server_);
}

LogCommand NativeServer::logs(const LogRequest& request) const {
  const fs::path log = request.init ? layout_.init_log : layout_.server_log;
  if (!fs::exists(log)) {
    throw util::RuntimeError(server_.name + ": no log yet at " + log.string(), "has `devenv up` run?");
  }
  std::vector<std::string> argv = {"tail", "-n", std::to_string(request.lines)};
  if (request.follow) argv.push_back("-F");
  argv.push_back(log.string());
  return {ProcessOptions(argv), request.timestamps};
}

// Only what devenv made: the data dir (and the per-project snapshots of devenv
// versions before the init cache) as entries of its marked
// folders, then the marked folders themselves, never through a link.
std::vector<std::string> NativeServer::purge() {
  stop();
  std::vector<std::string> removed;
  // With what an interrupted init, copy or delete may have left beside them.
  const std::string data = layout_.data_dir.string(), snapshots = layout_.snapshots.string();
  for (const fs::path entry : {data, data + ".partial", data + ".removing", snapshots, snapshots + ".removing"}) {
    if (!fs::exists(fs::symlink_status(entry)) || !is_owned_dir(entry.parent_path())) continue;
    remove_owned_entry(entry);
    removed.push_back(entry.string());
  }
  for (const fs::path& dir : {layout_.run_dir, layout_.root}) {
    if (remove_owned_dir(dir)) removed.push_back(dir.string());
  }
  // The folders around a data dir outside the state dir go when nothing else is left.
  for (const fs::path& dir : {layout_.data_dir.parent_path(), layout_.snapshots.parent_path(), layout_.private_home}) {
    remove_owned_dir_if_empty(dir);
  }
  return removed;
}

}  // namespace devenv::runtime
