// `devenv remote list|prune`: what devenv made on the config's shared servers
// (runtime = "remote"), by prefix, from each server's registry (docs/remote.md).
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <ostream>
#include <regex>

#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/usage_error.h"
#include "cli/workspace.h"
#include "runtime/remote_server.h"
#include "util/interrupt.h"

namespace devenv::cli {

namespace {

// One developer's things on one server.
struct PrefixSummary {
  std::string prefix;
  std::size_t databases = 0;
  std::size_t users = 0;
  std::size_t unfinished = 0;  // databases whose init did not finish
  std::int64_t created_at = 0;
  std::int64_t used_at = 0;
};

std::map<std::string, PrefixSummary> by_prefix(const std::vector<runtime::RegistryEntry>& entries) {
  std::map<std::string, PrefixSummary> out;
  for (const runtime::RegistryEntry& entry : entries) {
    PrefixSummary& summary = out[entry.prefix];
    summary.prefix = entry.prefix;
    if (entry.kind == runtime::kRegistryDatabase) ++summary.databases;
    if (entry.kind == runtime::kRegistryUser) ++summary.users;
    if (entry.kind == runtime::kRegistryDatabase && entry.state != runtime::kReady) ++summary.unfinished;
    if (summary.created_at == 0 || (entry.created_at != 0 && entry.created_at < summary.created_at))
      summary.created_at = entry.created_at;
    summary.used_at = std::max(summary.used_at, entry.used_at);
  }
  return out;
}

// "3d 4h", "5h 2m", "40s": how long ago.
std::string age_text(std::int64_t seconds) {
  if (seconds < 60) return std::to_string(std::max<std::int64_t>(seconds, 0)) + "s";
  if (seconds < 3600) return std::to_string(seconds / 60) + "m";
  if (seconds < 86400) return fmt::format("{}h {}m", seconds / 3600, seconds % 3600 / 60);
  return fmt::format("{}d {}h", seconds / 86400, seconds % 86400 / 3600);
}

// "30d", "12h", "90m", "2w", "45s" in seconds; UsageError for anything else.
std::int64_t duration_seconds(const std::string& text) {
  static const std::regex pattern("^([0-9]{1,6})([smhdw])$");
  std::smatch match;
  if (!std::regex_match(text, match, pattern)) {
    throw UsageError("--older-than takes a number and a unit, e.g. 30d, 12h, 2w (s, m, h, d, w); got '" + text + "'");
  }
  const std::int64_t number = std::stoll(match[1].str());
  const std::map<char, std::int64_t> units = {{'s', 1}, {'m', 60}, {'h', 3600}, {'d', 86400}, {'w', 604800}};
  return number * units.at(match[2].str()[0]);
}

std::vector<runtime::RemoteServer*> remote_servers(const Workspace& workspace, const std::vector<std::string>& names) {
  std::vector<runtime::RemoteServer*> out;
  for (runtime::Server* server : workspace.servers(names)) {
    if (auto* remote = dynamic_cast<runtime::RemoteServer*>(server)) {
      out.push_back(remote);
    } else if (!names.empty()) {
      throw UsageError("servers." + server->server().name + " is not a shared server (runtime = \"remote\")");
    }
  }
  if (out.empty()) {
    throw UsageError(
        "the config has no shared server: give one url = \"mysql://admin:${ADMIN_PW}@host:3306\" and "
        "runtime = \"remote\" (docs/remote.md)");
  }
  return out;
}

void print_text(std::ostream& out, const runtime::RemoteServer& server,
                const std::map<std::string, PrefixSummary>& prefixes, std::int64_t now) {
  out << server.server().name << " (" << server.address(0) << ")\n";
  if (prefixes.empty()) {
    out << "  nothing made by devenv\n";
    return;
  }
  out << fmt::format("  {:<24} {:>9} {:>5} {:>10} {:>10}\n", "PREFIX", "DATABASES", "USERS", "CREATED", "LAST USED");
  for (const auto& [prefix, summary] : prefixes) {
    std::string databases = std::to_string(summary.databases);
    if (summary.unfinished) databases += " (" + std::to_string(summary.unfinished) + " unfinished)";
    out << fmt::format("  {:<24} {:>9} {:>5} {:>10} {:>10}{}\n", prefix, databases, summary.users,
                       age_text(now - summary.created_at) + " ago", age_text(now - summary.used_at) + " ago",
                       prefix == server.prefix() ? "   (you)" : "");
  }
}

Poco::JSON::Object::Ptr json_of(const runtime::RemoteServer& server,
                                const std::map<std::string, PrefixSummary>& prefixes, std::int64_t now) {
  Poco::JSON::Object::Ptr object = new Poco::JSON::Object;
  object->set("server", server.server().name);
  object->set("address", server.address(0));
  Poco::JSON::Array::Ptr list = new Poco::JSON::Array;
  for (const auto& [prefix, summary] : prefixes) {
    Poco::JSON::Object::Ptr row = new Poco::JSON::Object;
    row->set("prefix", prefix);
    row->set("databases", summary.databases);
    row->set("users", summary.users);
    row->set("unfinished", summary.unfinished);
    row->set("created_seconds_ago", now - summary.created_at);
    row->set("used_seconds_ago", now - summary.used_at);
    row->set("yours", prefix == server.prefix());
    list->add(row);
  }
  object->set("prefixes", list);
  return object;
}

int list(const std::vector<runtime::RemoteServer*>& servers, const RemoteOptions& options, std::ostream& out) {
  Poco::JSON::Array servers_json;
  for (runtime::RemoteServer* server : servers) {
    const auto entries = server->registry_entries();
    const std::int64_t now = server->server_time();
    const auto prefixes = by_prefix(entries);
    if (options.format == "json") {
      servers_json.add(json_of(*server, prefixes, now));
    } else {
      print_text(out, *server, prefixes, now);
    }
  }
  if (options.format == "json") {
    servers_json.stringify(out, 2);
    out << "\n";
  }
  return kOk;
}

// Lists the prefixes not used for --older-than, then drops what each recorded.
int prune(const std::vector<runtime::RemoteServer*>& servers, const RemoteOptions& options, std::ostream& out) {
  if (options.older_than.empty()) throw UsageError("`devenv remote prune` needs --older-than, e.g. --older-than 30d");
  const std::int64_t limit = duration_seconds(options.older_than);
  util::catch_interrupts();
  std::size_t pruned = 0;
  for (runtime::RemoteServer* server : servers) {
    const std::int64_t now = server->server_time();
    std::vector<PrefixSummary> stale;
    for (const auto& [prefix, summary] : by_prefix(server->registry_entries())) {
      if (now - summary.used_at > limit) stale.push_back(summary);
    }
    out << server->server().name << " (" << server->address(0) << "): " << stale.size()
        << " prefix(es) unused for over " << options.older_than << (stale.empty() ? "" : ":") << "\n";
    for (const PrefixSummary& summary : stale) {
      out << fmt::format("  {} — {} database(s), {} user(s), last used {} ago\n", summary.prefix, summary.databases,
                         summary.users, age_text(now - summary.used_at));
    }
    if (options.dry_run) continue;
    for (const PrefixSummary& summary : stale) {
      const std::vector<std::string> dropped = server->drop_prefix(summary.prefix, now - limit);
      for (const std::string& line : dropped) out << "  dropped " << line << "\n";
      if (!dropped.empty()) ++pruned;
    }
  }
  if (options.dry_run)
    out << "dry run: nothing dropped\n";
  else
    out << "pruned " << pruned << " prefix(es)\n";
  return kOk;
}

}  // namespace

int run_remote(const std::filesystem::path& config, const RemoteOptions& options, std::ostream& out,
               std::ostream& err) {
  if (options.action == "list" && (!options.older_than.empty() || options.dry_run))
    throw UsageError("--older-than and --dry-run are for `devenv remote prune`");
  ProgressPrinter progress(err);
  Workspace workspace(config, "remote", progress, std::nullopt, Workspace::Schemas::Skip);
  const auto servers = remote_servers(workspace, options.servers);
  if (options.action == "list") return list(servers, options, out);
  return prune(servers, options, out);
}

}  // namespace devenv::cli
