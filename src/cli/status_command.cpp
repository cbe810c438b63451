#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include <unistd.h>

#include <iostream>
#include <ostream>

#include "cli/colour.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/workspace.h"

namespace devenv::cli {

namespace {

fmt::text_style style_of(runtime::Health health) {
  switch (health) {
    case runtime::Health::Running: return fmt::fg(fmt::terminal_color::green);
    case runtime::Health::Crashed:
    case runtime::Health::InitFailed: return fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold;
    case runtime::Health::Stopped:
    case runtime::Health::NotInitialised: return fmt::fg(fmt::terminal_color::yellow);
  }
  return {};
}

void print_text(std::ostream& out, const std::vector<runtime::Server*>& servers,
                const std::vector<runtime::ServerStatus>& statuses, const std::string& storage, bool colour) {
  out << fmt::format("{:<10} {:<16} {:<16} {:<8} {}\n", "SERVER", "STATUS", "ADDRESS", "PID", "NOTE");
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const runtime::ServerStatus& status = statuses[i];
    const std::string address = servers[i]->address(status.port);
    std::string note;
    if (status.schema_changed) note = "schema changed since this " + storage + " was initialised — run `devenv reset`";
    if (!status.failure.empty()) note = status.failure.substr(0, status.failure.find('\n'));
    // Padded before it is coloured: the escapes take no room on the screen.
    const std::string health =
        styled(colour, style_of(status.health), fmt::format("{:<16}", runtime::health_name(status.health)));
    out << fmt::format("{:<10} {} {:<16} {:<8} {}\n", servers[i]->server().name, health, address,
                       status.pid ? std::to_string(status.pid) : "-", note);
    for (const std::string& line : status.last_log_lines) out << "           | " << line << "\n";
  }
}

// A stable shape: {"servers": [{"name", "engine", "status", "port", "pid" (null when
// none), "version", "schema_changed", "failure", "log_tail": [...]}]}
void print_json(std::ostream& out, const std::vector<runtime::Server*>& servers,
                const std::vector<runtime::ServerStatus>& statuses) {
  Poco::JSON::Array list;
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const runtime::ServerStatus& status = statuses[i];
    Poco::JSON::Object item(Poco::JSON_PRESERVE_KEY_ORDER);
    item.set("name", servers[i]->server().name);
    item.set("engine", std::string(servers[i]->server().engine.name()));
    item.set("status", std::string(runtime::health_name(status.health)));
    item.set("port", status.port);
    item.set("pid", status.pid ? Poco::Dynamic::Var(static_cast<int>(status.pid)) : Poco::Dynamic::Var());
    item.set("version", status.version);
    item.set("schema_changed", status.schema_changed);
    item.set("failure", status.failure);
    Poco::JSON::Array log_tail;
    for (const std::string& line : status.last_log_lines) log_tail.add(line);
    item.set("log_tail", log_tail);
    list.add(item);
  }
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  document.set("servers", list);
  document.stringify(out, 2);
  out << "\n";
}

// As `systemctl status`: 0 all running as configured, 1 running with a schema that
// changed since (a reset is due), 3 one is not running at all.
int exit_code_of(const std::vector<runtime::ServerStatus>& statuses) {
  int code = kOk;
  for (const runtime::ServerStatus& status : statuses) {
    if (status.health != runtime::Health::Running) return kRuntime;
    if (status.schema_changed) code = kDrift;
  }
  return code;
}

}  // namespace

int run_status(const std::filesystem::path& config, const StatusOptions& options, std::ostream& out,
               std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "status", progress, options.runtime, Workspace::Schemas::TryRead);
  const auto servers = workspace.servers();
  std::vector<runtime::ServerStatus> statuses;
  for (runtime::Server* server : servers) statuses.push_back(server->status());
  if (options.format == "json") {
    print_json(out, servers, statuses);
  } else {
    print_text(out, servers, statuses, workspace.runtime() == "compose" ? "volume" : "data dir",
               &out == &std::cout && colour_on(STDOUT_FILENO));
  }
  return exit_code_of(statuses);
}

}  // namespace devenv::cli
