#include "runtime/compose_server.h"

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <regex>
#include <thread>

#include "db/session.h"
#include "generator/fingerprint.h"
#include "runtime/in_place_reset.h"
#include "runtime/init_scripts.h"
#include "runtime/owned_dir.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr const char* kRemade = "the container and volume";

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

ComposeServer::ComposeServer(const config::Config& config, const config::Server& server, std::string fingerprint,
                             const generator::ServerInit* init, std::shared_ptr<const ComposeTool> tool,
                             Progress progress)
    : config_(config),
      server_(server),
      fingerprint_(std::move(fingerprint)),
      init_(init),
      tool_(std::move(tool)),
      progress_(std::move(progress)) {}

int ComposeServer::inner_port() const {
  if (config_.project.network_mode == "host") return server_.port;
  return server_.engine.default_port();  // the official images listen on it
}

int ComposeServer::port() const {
  if (server_.port != 0) return server_.port;
  // port = 0: compose published a free one; ask which.
  const RunResult result = tool_->run({"port", server_.name, std::to_string(inner_port())});
  const std::string text = trim(result.output);
  const std::size_t colon = text.rfind(':');
  return result.exit_code == 0 && colon != std::string::npos ? std::stoi(text.substr(colon + 1)) : 0;
}

db::Endpoint ComposeServer::tcp_endpoint() const {
  db::Endpoint endpoint;
  endpoint.port = port();
  endpoint.user = server_.root_user;
  endpoint.password = server_.root_password.value;
  endpoint.database = server_.engine.fallback_database();
  return endpoint;
}

std::string ComposeServer::container() const {
  std::vector<std::string> arguments = {"ps", "-aq"};
  for (const std::string& filter : tool_->service_filter(server_.name)) arguments.push_back(filter);
  const std::string ids = trim(ComposeTool::docker(arguments).output);
  return ids.substr(0, ids.find('\n'));
}

std::string ComposeServer::volume() const { return tool_->project() + "_" + server_.name + "-data"; }

std::string ComposeServer::container_state(const std::string& id) const {
  return trim(ComposeTool::docker({"inspect", "-f", "{{.State.Status}} {{.State.ExitCode}}", id}).output);
}

std::string ComposeServer::log_tail(int lines) const {
  return tool_->run({"logs", "--no-color", "--tail", std::to_string(lines), server_.name}).output;
}

std::optional<std::string> ComposeServer::read_fingerprint() const {
  try {
    const db::Endpoint endpoint = tcp_endpoint();
    if (endpoint.port == 0) return std::nullopt;
    const auto rows = db::connect(server_.engine.dialect(), endpoint, 2)->column(generator::kFingerprintQuery);
    return rows.empty() ? std::nullopt : std::optional<std::string>(trim(rows.front()));
  } catch (const db::DbError&) {
    return std::nullopt;  // not listening yet, still initialising, or no fingerprint
  }
}

// "10.11.18" from "10.11.18-MariaDB-0+deb12u1", "15.14" from "15.14 (Debian …)".
std::string ComposeServer::server_version() const {
  try {
    const auto rows = db::connect(server_.engine.dialect(), tcp_endpoint(), 2)->column(server_.engine.version_query());
    if (rows.empty()) return "";
    const std::string& version = rows.front();
    return version.substr(0, version.find_first_not_of("0123456789."));
  } catch (const db::DbError&) {
    return "";
  }
}

ServerStatus ComposeServer::status() const {
  ServerStatus status;
  status.port = server_.port;
  const std::string id = container();
  const bool has_volume = ComposeTool::docker({"volume", "inspect", volume()}).exit_code == 0;
  if (id.empty()) {
    status.health = has_volume ? Health::Stopped : Health::NotInitialised;
    return status;
  }
  const ServerState record = load_record();
  if (record.phase == "resetting") {
    status.health = Health::InitFailed;
    status.pid = container_pid(id);  // it runs: `reset` lists its databases before replacing them
    status.failure = "a reset did not finish" + (record.failure.empty() ? "" : " (" + record.failure + ")") +
                     ": `devenv reset` finishes it";
    return status;
  }
  const std::string state = container_state(id);
  if (state.rfind("running", 0) == 0) {
    status.health = Health::Running;
    status.port = port();
    status.version = server_version();
    const auto fingerprint = read_fingerprint();
    status.schema_changed = fingerprint && !fingerprint_.empty() && *fingerprint != fingerprint_;
    return status;
  }
  const bool clean_exit = state == "exited 0";
  status.health = clean_exit ? Health::Stopped : Health::Crashed;
  if (!clean_exit) {
    std::string tail = log_tail(8), line;
    for (char c : tail) {
      if (c == '\n') {
        status.last_log_lines.push_back(line);
        line.clear();
      } else {
        line.push_back(c);
      }
    }
  }
  return status;
}

// With the docker CLI, not compose (a second of Python per call with v1).
void ComposeServer::remove_container_and_volume(std::vector<std::string>* removed) {
  for (std::string id = container(); !id.empty(); id = container()) {
    if (ComposeTool::docker({"rm", "-f", "-v", id}).exit_code != 0) {
      throw util::RuntimeError("docker rm -f " + id + " failed (container of " + server_.name + ")");
    }
    if (removed) removed->push_back("container " + id.substr(0, 12) + " (" + server_.name + ")");
  }
  if (ComposeTool::docker({"volume", "rm", volume()}).exit_code == 0 && removed)
    removed->push_back("volume " + volume());
}

// The container exited or never got ready: name the failing init file from its log
// (the images say "running /docker-entrypoint-initdb.d/<file>" before each one).
void ComposeServer::fail_init(const std::string& why) {
  const std::string tail = log_tail(40);
  static const std::regex running("running (/docker-entrypoint-initdb\\.d/[^\\s]+)");
  std::string file;
  for (auto it = std::sregex_iterator(tail.begin(), tail.end(), running); it != std::sregex_iterator(); ++it) {
    file = (*it)[1].str();
  }
  // The engine's own error lines first; then the last lines, for context.
  std::string errors, last;
  std::vector<std::string> lines;
  for (std::size_t start = 0, end; start < tail.size(); start = end + 1) {
    end = tail.find('\n', start);
    if (end == std::string::npos) end = tail.size();
    lines.push_back(tail.substr(start, end - start));
  }
  for (const std::string& line : lines) {
    if (line.find("ERROR") != std::string::npos || line.find("FATAL") != std::string::npos)
      errors += "  " + line + "\n";
  }
  for (std::size_t i = lines.size() > 6 ? lines.size() - 6 : 0; i < lines.size(); ++i) last += "  " + lines[i] + "\n";
  remove_container_and_volume(nullptr);
  throw util::RuntimeError(
      why + (file.empty() ? "" : " while running " + file.substr(file.rfind('/') + 1)) + ":\n" + errors +
          "last lines of the container's log:\n" + last,
      "fix it, then run `devenv up` again (its container and volume were removed, so init runs anew)");
}

// The fingerprint is looked for every 50 ms (a refused connection costs nothing); the
// container, whose check costs two docker calls, every second.
UpResult ComposeServer::wait_until_initialised(Clock::time_point started, bool fresh) {
  const auto deadline = Clock::now() + std::chrono::seconds(300);
  auto next_container_check = Clock::now() + std::chrono::seconds(1);
  while (Clock::now() < deadline) {
    if (const auto fingerprint = read_fingerprint()) {
      return {fresh ? "initialised" : "started",
              seconds_since(started),
              port(),
              server_version(),
              *fingerprint != fingerprint_,
              {}};
    }
    if (Clock::now() >= next_container_check) {
      const std::string id = container();
      const std::string state = id.empty() ? "gone" : container_state(id);
      if (state.rfind("running", 0) != 0 && state.rfind("created", 0) != 0 && state.rfind("restarting", 0) != 0) {
        fail_init("the container stopped (" + state + ") before init finished");
      }
      next_container_check = Clock::now() + std::chrono::seconds(1);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  fail_init("init did not finish within 300 s");
}

UpResult ComposeServer::up(bool reset_on_change, const ResetRequest& reset_request) {
  const auto started = Clock::now();
  resets_in_place_.clear();
  if (load_record().phase == "resetting") {
    progress_("the last reset did not finish; finishing it");
    ResetRequest finish = reset_request;
    finish.only_changed = true;  // what it was making, and what changed since: not every database
    return reset(finish);
  }
  const std::string id = container();
  if (!id.empty() && container_state(id).rfind("running", 0) == 0) {
    if (const auto fingerprint = read_fingerprint()) {
      const bool changed = *fingerprint != fingerprint_;
      if (changed && reset_on_change) {
        progress_("schema changed since this volume was initialised; resetting (--reset-on-change)");
        return reset(reset_request);
      }
      return {"already running", seconds_since(started), port(), server_version(), changed, {}};
    }
  }
  const bool fresh = ComposeTool::docker({"volume", "inspect", volume()}).exit_code != 0;
  if (fresh) forget_record();
  const DataDirKeys* made_from = fresh ? &keys() : nullptr;  // read before the init runs them
  progress_(std::string(fresh ? "creating" : "starting") + " its container (" + tool_->description() + ")");
  const RunResult up = tool_->run({"up", "-d", server_.name});
  if (up.exit_code != 0) throw util::RuntimeError(tool_->description() + " up failed:\n" + up.output);
  if (fresh) progress_("waiting for the image's init to finish (the fingerprint over TCP)");
  UpResult result = wait_until_initialised(started, fresh);
  if (made_from) record_fresh_volume(result, *made_from);
  if (result.schema_changed && reset_on_change) {
    progress_("schema changed since this volume was initialised; resetting (--reset-on-change)");
    return reset(reset_request);
  }
  return result;
}

// A reset in place that did not finish is finished in place, in the running server:
// a stopped container is started on its volume first (and waited for until root's
// session answers: the reset may have dropped the fingerprint already). Without this,
// the reset would find no running server and replace the whole volume.
void ComposeServer::start_container_for_reset() {
  const std::string id = container();
  if (!id.empty() && container_state(id).rfind("running", 0) == 0) return;
  progress_("starting its container to finish the reset in place");
  const RunResult up = tool_->run({"up", "-d", server_.name});
  if (up.exit_code != 0) throw util::RuntimeError(tool_->description() + " up failed:\n" + up.output);
  const auto deadline = Clock::now() + std::chrono::seconds(120);
  while (Clock::now() < deadline) {
    util::throw_if_interrupted();
    try {
      db::connect(server_.engine.dialect(), tcp_endpoint(), 2)->column("SELECT 1");
      return;
    } catch (const db::DbError&) {
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  }
  throw util::RuntimeError("the container did not answer within 120 s after it was started to finish a reset",
                           "`devenv logs " + server_.name + "` shows why");
}

UpResult ComposeServer::reset(const ResetRequest& request) {
  const auto started = Clock::now();
  resets_in_place_.clear();
  if (load_record().phase == "resetting") start_container_for_reset();
  if (std::optional<UpResult> result = reset_in_place(request, started)) return *result;
  util::throw_if_interrupted();  // never replace the data because a Ctrl-C stopped the reset in place
  if (request.before_replacing_data) request.before_replacing_data(*this);
  progress_("removing its container and volume");
  remove_container_and_volume(nullptr);
  forget_record();
  return up(false, request);
}

// Asked two or three times per server before a reset acts (up_command.cpp), at about
// 0.2 s of docker calls and a login each: the answer is kept until the server acts.
bool ComposeServer::resets_in_place(const ResetRequest& request) const {
  const auto known = resets_in_place_.find(request.only_changed);
  if (known != resets_in_place_.end()) return known->second;
  bool answer = false;
  if (init_) {
    const ServerState state = load_record();
    answer = running(container()) && record_problem(state).empty() &&
             plans_in_place(state, keys().setup, current_init_files(keys().files, *init_), request.only_changed);
  }
  resets_in_place_[request.only_changed] = answer;
  return answer;
}

// Root's sessions over TCP to the published port; the user's files through the
// client inside the container, as the image's init ran them.
std::optional<UpResult> ComposeServer::reset_in_place(const ResetRequest& request, Clock::time_point started) {
  const std::string id = container();
  if (!init_ || !running(id)) return std::nullopt;
  ServerState state = load_record();
  if (const std::string problem = record_problem(state); !problem.empty()) {
    progress_("making " + std::string(kRemade) + " again: " + problem);
    return std::nullopt;
  }
  const db::Endpoint session = tcp_endpoint();
  state.port = session.port;
  const InPlaceServer server{
      {&server_, session, reset_log(), [this, id](const fs::path& file) { run_in_container(file, id); }, progress_},
      config_.dir / "initdb" / server_.name,
      state_file(),
      keys().setup,
      current_init_files(keys().files, *init_),
      [this](ServerState& made) {
        record_init_files(made, fingerprint_, keys().setup, keys().files);
        save_record(made);
      },
      kRemade};
  return reset_server_in_place(state, server, request.only_changed, started);
}

// The database the image's init ran files in: PostgreSQL's POSTGRES_DB, which devenv's
// compose file leaves to default to the root user's name; none for MySQL.
std::string ComposeServer::init_database() const {
  return server_.engine.image_variables().database_defaults_to_root_user ? server_.root_user
                                                                         : server_.engine.fallback_database();
}

// docker exec rather than compose's (a second of Python with v1). Root's password
// goes through the environment: `-e NAME` alone makes docker pass on its own value.
void ComposeServer::run_in_container(const fs::path& file, const std::string& id) const {
  const engine::ClientCommand client =
      server_.engine.tcp_client(server_.engine.image_client(), inner_port(), server_.root_user, init_database());
  ProcessOptions options = exec_client(id, client, server_.root_password.value, true, false);
  for (const std::string& flag : server_.engine.script_flags()) options.argv.push_back(flag);
  options.stdin_file = file.string();
  progress_("running " + file.filename().string() + " in the container");
  std::ofstream(reset_log(), std::ios::app) << "devenv: running " << file.string() << " in " << id << "\n";
  run_client_on_file(file, options, reset_log(), "`devenv reset`");
}

pid_t ComposeServer::container_pid(const std::string& id) const {
  const std::string pid = trim(ComposeTool::docker({"inspect", "-f", "{{.State.Pid}}", id}).output);
  return pid.empty() || pid.find_first_not_of("0123456789") != std::string::npos ? 0 : std::stoi(pid);
}

bool ComposeServer::running(const std::string& id) const {
  return !id.empty() && container_state(id).rfind("running", 0) == 0;
}

fs::path ComposeServer::state_file() const { return config_.project.state_dir / server_.name / "compose-state"; }

fs::path ComposeServer::reset_log() const { return config_.project.state_dir / server_.name / "compose-reset.log"; }

ServerState ComposeServer::load_record() const { return ServerState::load(state_file()); }

void ComposeServer::save_record(ServerState& state) const {
  make_owned_dirs(config_.project.state_dir, state_file().parent_path());
  state.save(state_file());
}

void ComposeServer::forget_record() const {
  for (const fs::path& file : {state_file(), reset_log()}) {
    if (fs::exists(fs::symlink_status(file))) remove_owned_entry(file);
  }
}

const DataDirKeys& ComposeServer::keys() const {
  if (!keys_) keys_ = volume_keys(server_, config_.dir / "initdb" / server_.name);
  return *keys_;
}

void ComposeServer::record_fresh_volume(const UpResult& result, const DataDirKeys& keys) {
  if (result.schema_changed || fingerprint_.empty()) return;
  ServerState state;
  record_init_files(state, fingerprint_, keys.setup, keys.files);
  state.version = result.version;
  state.port = result.port;
  state.data_dir = volume();
  save_record(state);
}

// The volume's `_devenv` fingerprint must be the recorded one: a volume made again
// from other files (outside devenv) is not what the record describes. In the middle of
// a reset in place it is gone, or already the new one. With root's password changed it
// cannot be read: the changed setup is the reason the reset then gives.
std::string ComposeServer::record_problem(const ServerState& state) const {
  if (state.phase != "ready" && state.phase != "resetting") {
    return "devenv has no record of the init files its volume was made from (it did not see the image's init "
           "finish)";
  }
  if (state.data_dir != volume()) return "the record is of volume " + state.data_dir + ", not " + volume();
  if (state.init_setup != keys().setup) return "";
  const std::optional<std::string> found = read_fingerprint();
  const bool expected = found == state.fingerprint || (state.phase == "resetting" && (!found || found == fingerprint_));
  if (expected) return "";
  return found ? "the volume's fingerprint is not the one devenv recorded with its init files"
               : "the volume's fingerprint cannot be read";
}

void ComposeServer::stop() {
  resets_in_place_.clear();
  progress_("stopping its container");
  tool_->run({"stop", server_.name});
}

std::vector<std::string> ComposeServer::purge() {
  resets_in_place_.clear();
  std::vector<std::string> removed;
  remove_container_and_volume(&removed);
  remove_networks_when_unused(removed);
  forget_record();
  remove_owned_dir_if_empty(state_file().parent_path());
  return removed;
}

// The project's networks (compose's `<project>_default`) belong to no one service: the
// purge of the last service with a container removes them, as `down -v` does.
void ComposeServer::remove_networks_when_unused(std::vector<std::string>& removed) const {
  std::vector<std::string> arguments = {"ps", "-aq"};
  for (const std::string& filter : tool_->project_filter()) arguments.push_back(filter);
  if (!trim(ComposeTool::docker(arguments).output).empty()) return;
  arguments = {"network", "ls", "--format", "{{.Name}}"};
  for (const std::string& filter : tool_->project_filter()) arguments.push_back(filter);
  const std::string names = ComposeTool::docker(arguments).output;
  for (std::size_t start = 0, end; start < names.size(); start = end + 1) {
    end = names.find('\n', start);
    if (end == std::string::npos) end = names.size();
    const std::string name = trim(names.substr(start, end - start));
    if (name.empty()) continue;
    if (ComposeTool::docker({"network", "rm", name}).exit_code != 0) {
      throw util::RuntimeError("docker network rm " + name + " failed (network of compose project " + tool_->project() +
                               ")");
    }
    removed.push_back("network " + name);
  }
}

// docker exec, not compose's: `-e NAME` alone passes the password on from docker's own
// environment, so it never shows on a command line (`ps`).
ProcessOptions ComposeServer::shell(const std::string& database, const config::User* user) const {
  const std::string name = user ? user->name : server_.root_user;
  const std::string& password = user ? user->password.value : server_.root_password.value;
  return exec_client(existing_container(),
                     server_.engine.tcp_client(server_.engine.image_client(), inner_port(), name, database), password,
                     true, isatty(STDIN_FILENO) != 0);
}

ProcessOptions ComposeServer::exec_as_root(const engine::ClientCommand& command, bool with_stdin) const {
  return exec_client(existing_container(), command, server_.root_password.value, with_stdin, false);
}

std::string ComposeServer::existing_container() const {
  const std::string id = container();
  if (id.empty()) throw util::RuntimeError(server_.name + " has no container", "run `devenv up`");
  return id;
}

ProcessOptions ComposeServer::exec_client(const std::string& id, const engine::ClientCommand& command,
                                          const std::string& password, bool with_stdin, bool terminal) const {
  std::vector<std::string> argv = {"docker", "exec"};
  if (with_stdin) argv.push_back("-i");
  if (terminal) argv.push_back("-t");
  argv.insert(argv.end(), {"-e", command.password_variable, id});
  argv.insert(argv.end(), command.argv.begin(), command.argv.end());
  ProcessOptions options(argv);
  options.environment = {{command.password_variable, password}};
  return options;
}

// The image's own tools, inside the container: the dump streams out through stdout.
ProcessOptions ComposeServer::dump_database(const std::string& database) const {
  return exec_as_root(
      server_.engine.dump_command(server_.engine.dump_program(), inner_port(), server_.root_user, database), false);
}

ProcessOptions ComposeServer::load_database(const std::string& database) const {
  return exec_as_root(
      server_.engine.load_command(server_.engine.load_program(), inner_port(), server_.root_user, database), true);
}

// The container's log holds the images' init output too: --init shows the same.
LogCommand ComposeServer::logs(const LogRequest& request) const {
  std::vector<std::string> arguments = {"logs", "--no-color", "--tail", std::to_string(request.lines)};
  if (request.follow) arguments.push_back("-f");
  if (request.timestamps) arguments.push_back("-t");
  if (request.prefixed) arguments.push_back("--no-log-prefix");
  arguments.push_back(server_.name);
  return {tool_->command(arguments), false};
}

}  // namespace devenv::runtime
