#include "cli/server_summary.h"

#include <fmt/format.h>

#include <unistd.h>

#include <iostream>
#include <ostream>

#include "cli/colour.h"
#include "cli/database_urls.h"

namespace devenv::cli {

void print_summary(std::ostream& out, const config::Config& config, const std::vector<runtime::Server*>& servers,
                   const std::vector<runtime::UpResult>& results,
                   const std::vector<std::optional<std::string>>& errors) {
  out << fmt::format("\n{:<10} {:<20} {:<16} {:<20} {}\n", "SERVER", "ENGINE", "ADDRESS", "STATUS", "TIME");
  for (std::size_t i = 0; i < servers.size(); ++i) {
    const config::Server& server = servers[i]->server();
    const runtime::UpResult& result = results[i];
    const std::string engine = std::string(server.engine.name()) + " " + result.version;
    const std::string status = errors[i] ? "FAILED" : result.action;
    const std::string address = errors[i] ? "-" : servers[i]->address(result.port);
    // Padded before it is coloured: the escapes take no room on the screen.
    const std::string shown = styled(
        colour_on(STDOUT_FILENO) && &out == &std::cout,
        errors[i] ? fmt::fg(fmt::terminal_color::red) | fmt::emphasis::bold : fmt::fg(fmt::terminal_color::green),
        fmt::format("{:<20}", status));
    out << fmt::format("{:<10} {:<20} {:<16} {} {:.2f}s\n", server.name, errors[i] ? "-" : engine, address, shown,
                       result.seconds);
  }
  out << "\n";
  for (std::size_t i = 0; i < servers.size(); ++i) {
    if (errors[i]) continue;
    for (const config::Database* database : config.databases_on(servers[i]->server().name)) {
      for (const DatabaseUrl& url : database_urls(config, *database, *servers[i], results[i].port)) {
        out << fmt::format("{:<28} {}\n", url.variable, url.masked);
      }
    }
  }
}

void warn_schema_changed(std::ostream& err, const std::vector<runtime::Server*>& servers,
                         const std::vector<runtime::UpResult>& results, const std::string& storage) {
  for (std::size_t i = 0; i < servers.size(); ++i) {
    if (results[i].schema_changed) {
      err << "devenv: " << servers[i]->server().name << ": schema changed since this " << storage
          << " was initialised — run `devenv reset " << servers[i]->server().name
          << "` (or `devenv up --reset-on-change`)\n";
    }
  }
}

}  // namespace devenv::cli
