#include "runtime/compose_server.h"

#include <unistd.h>

#include <chrono>
#include <regex>
#include <thread>

#include "db/session.h"
#include "generator/fingerprint.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string trim(std::string text) {
  while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\r')) text.pop_back();
  return text;
}

}  // namespace

ComposeServer::ComposeServer(const config::Config& config, const config::Server& server, std::string fingerprint,
                             std::shared_ptr<const ComposeTool> tool, Progress progress)
    : config_(config),
      server_(server),
      fingerprint_(std::move(fingerprint)),
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
      return {fresh ? "initialised" : "started", seconds_since(started), port(), server_version(),
              *fingerprint != fingerprint_};
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
  const std::string id = container();
  if (!id.empty() && container_state(id).rfind("running", 0) == 0) {
    if (const auto fingerprint = read_fingerprint()) {
      const bool changed = *fingerprint != fingerprint_;
      if (changed && reset_on_change) {
        progress_("schema changed since this volume was initialised; resetting (--reset-on-change)");
        return reset(reset_request);
      }
      return {"already running", seconds_since(started), port(), server_version(), changed};
    }
  }
  const bool fresh = ComposeTool::docker({"volume", "inspect", volume()}).exit_code != 0;
  progress_(std::string(fresh ? "creating" : "starting") + " its container (" + tool_->description() + ")");
  const RunResult up = tool_->run({"up", "-d", server_.name});
  if (up.exit_code != 0) throw util::RuntimeError(tool_->description() + " up failed:\n" + up.output);
  if (fresh) progress_("waiting for the image's init to finish (the fingerprint over TCP)");
  UpResult result = wait_until_initialised(started, fresh);
  if (result.schema_changed && reset_on_change) {
    progress_("schema changed since this volume was initialised; resetting (--reset-on-change)");
    return reset(reset_request);
  }
  return result;
}

UpResult ComposeServer::reset(const ResetRequest& request) {
  if (request.before_replacing_data) request.before_replacing_data(*this);
  progress_("removing its container and volume");
  remove_container_and_volume(nullptr);
  return up(false, request);
}

void ComposeServer::stop() {
  progress_("stopping its container");
  tool_->run({"stop", server_.name});
}

std::vector<std::string> ComposeServer::purge() {
  std::vector<std::string> removed;
  remove_container_and_volume(&removed);
  remove_networks_when_unused(removed);
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

ProcessOptions ComposeServer::shell(const std::string& database, const config::User* user) const {
  const std::string name = user ? user->name : server_.root_user;
  const std::string password = user ? user->password.value : server_.root_password.value;
  const engine::ClientCommand client =
      server_.engine.tcp_client(server_.engine.image_client(), inner_port(), name, database);
  std::vector<std::string> arguments = {"exec"};
  if (!isatty(STDIN_FILENO)) arguments.push_back("-T");  // input from a pipe or file: no terminal
  arguments.insert(arguments.end(), {"-e", client.password_variable + "=" + password, server_.name});
  arguments.insert(arguments.end(), client.argv.begin(), client.argv.end());
  return tool_->command(arguments);
}

ProcessOptions ComposeServer::exec_as_root(const engine::ClientCommand& command, bool with_stdin) const {
  const std::string id = container();
  if (id.empty()) throw util::RuntimeError(server_.name + " has no container", "run `devenv up`");
  std::vector<std::string> argv = {"docker", "exec"};
  if (with_stdin) argv.push_back("-i");
  argv.insert(argv.end(), {"-e", command.password_variable, id});
  argv.insert(argv.end(), command.argv.begin(), command.argv.end());
  ProcessOptions options(argv);
  options.environment = {{command.password_variable, server_.root_password.value}};
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
