#include <Poco/JSON/Object.h>

#include <ostream>

#include "cli/database_urls.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "cli/workspace.h"
#include "util/shell_quote.h"

namespace devenv::cli {

namespace {

std::vector<DatabaseUrl> all_urls(const Workspace& workspace) {
  std::vector<DatabaseUrl> urls;
  for (const config::Database& database : workspace.config().databases) {
    const runtime::Server& server = workspace.server(database.server);
    for (DatabaseUrl& url : database_urls(workspace.config(), database, server, server.port()))
      urls.push_back(std::move(url));
  }
  return urls;
}

// A URL holds only unreserved characters, `%`, `:`, `/` and `@` (user and password are
// percent-encoded, database names are checked by the config), so single quotes keep it
// literal in every dotenv reader: compose, Node's dotenv, python-dotenv, godotenv.
void print_dotenv(std::ostream& out, const std::vector<DatabaseUrl>& urls) {
  for (const DatabaseUrl& url : urls) out << url.variable << "='" << url.url << "'\n";
}

void print_json(std::ostream& out, const std::vector<DatabaseUrl>& urls) {
  Poco::JSON::Object document(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const DatabaseUrl& url : urls) document.set(url.variable, url.url);
  document.stringify(out, 2);
  out << "\n";
}

}  // namespace

int run_env(const std::filesystem::path& config, const EnvOptions& options, std::ostream& out, std::ostream& err) {
  ProgressPrinter progress(err);
  Workspace workspace(config, "env", progress, options.runtime, Workspace::Schemas::Skip);
  const std::vector<DatabaseUrl> urls = all_urls(workspace);
  if (options.format == "json") {
    print_json(out, urls);
  } else if (options.format == "dotenv") {
    print_dotenv(out, urls);
  } else {
    for (const DatabaseUrl& url : urls) out << "export " << url.variable << "=" << util::shell_quote(url.url) << "\n";
  }
  return kOk;
}

}  // namespace devenv::cli
