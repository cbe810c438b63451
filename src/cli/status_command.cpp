#include <fmt/format.h>

#include <ostream>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/workspace.h"
#include "schema/render.h"

namespace devenv::cli {

namespace {

void print_text(std::ostream& out, const std::vector<runtime::Server*>& servers,
                const std::vector<runtime::ServerStatus>& statuses, const std::string& storage) {
  out << fmt::format("{:<10} {:<16} {:<16} {:<8} {}\n", "SERVER", "STATUS", "ADDRESS", "PID", "NOTE");
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const runtime::ServerStatus& status = statuses[i];
    const std::string address = status.port ? "127.0.0.1:" + std::to_string(status.port) : "-";
    std::string note;
    if (status.schema_changed) note = "schema changed since this " + storage + " was initialised — run `devenv reset`";
    if (!status.failure.empty()) note = status.failure.substr(0, status.failure.find('\n'));
    out << fmt::format("{:<10} {:<16} {:<16} {:<8} {}\n", servers[i]->server().name,
                       runtime::health_name(status.health), address, status.pid ? std::to_string(status.pid) : "-",
                       note);
    for (const std::string& line : status.last_log_lines) out << "           | " << line << "\n";
  }
}

// A stable shape: {"servers": [{"name", "engine", "status", "port", "pid", "version", "schema_changed",
// "failure", "log_tail": [...]}]}
void print_json(std::ostream& out, const std::vector<runtime::Server*>& servers,
                const std::vector<runtime::ServerStatus>& statuses) {
  out << "{\"servers\": [";
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const runtime::ServerStatus& status = statuses[i];
    out << (i ? ", " : "") << "{\"name\": " << schema::json_string(servers[i]->server().name)
        << ", \"engine\": " << schema::json_string(config::engine_name(servers[i]->server().engine))
        << ", \"status\": " << schema::json_string(runtime::health_name(status.health)) << ", \"port\": " << status.port
        << ", \"pid\": " << status.pid << ", \"version\": " << schema::json_string(status.version)
        << ", \"schema_changed\": " << (status.schema_changed ? "true" : "false")
        << ", \"failure\": " << schema::json_string(status.failure) << ", \"log_tail\": [";
    for (std::size_t l = 0; l < status.last_log_lines.size(); ++l) {
      out << (l ? ", " : "") << schema::json_string(status.last_log_lines[l]);
    }
    out << "]}";
  }
  out << "]}\n";
}

}  // namespace

int run_status(const std::filesystem::path& config, const StatusOptions& options, std::ostream& out, std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "status", progress, options.runtime);
  const auto servers = workspace.servers();
  std::vector<runtime::ServerStatus> statuses;
  for (runtime::Server* server : servers) statuses.push_back(server->status());
  if (options.format == "json") {
    print_json(out, servers, statuses);
  } else {
    print_text(out, servers, statuses, workspace.runtime() == "compose" ? "volume" : "data dir");
  }
  return kOk;
}

}  // namespace devenv::cli
