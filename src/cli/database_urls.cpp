#include "cli/database_urls.h"

#include "config/url_variable.h"
#include "runtime/sqlite_layout.h"
#include "util/host_and_port.h"

#include <cctype>

namespace devenv::cli {
namespace {

std::string percent_encode(const std::string& text) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', digits[c >> 4], digits[c & 15]};
    }
  }
  return out;
}

// SQLite: the file, as sqlite:///<absolute path> (sqlx, SQLAlchemy, dbmate read this
// form; the path's own bytes percent-encoded, its slashes kept), and the plain path for
// libraries that take one (better-sqlite3, Python's sqlite3), as <VARIABLE>_PATH.
std::vector<DatabaseUrl> file_urls(const config::Config& config, const config::Server& server,
                                   const config::Database& database) {
  const runtime::SqliteLayout layout = runtime::SqliteLayout::of(config, server);
  std::vector<DatabaseUrl> urls;
  for (const std::string& name : database.names) {
    const std::string path = std::filesystem::absolute(layout.database_file(name)).lexically_normal().string();
    std::string encoded;
    for (std::size_t start = 0; start < path.size();) {
      const std::size_t slash = std::min(path.find('/', start), path.size());
      encoded += percent_encode(path.substr(start, slash - start)) + (slash < path.size() ? "/" : "");
      start = slash + 1;
    }
    const std::string variable = config::url_variable(database, name);
    const std::string url = "sqlite://" + encoded;
    urls.push_back({variable, url, url});
    const std::string path_variable = variable.substr(0, variable.size() - 4) + "_PATH";  // DEVENV_X_URL → _PATH
    urls.push_back({path_variable, path, path});
  }
  return urls;
}

}  // namespace

std::vector<DatabaseUrl> database_urls(const config::Config& config, const config::Database& database,
                                       const runtime::Server& running, int port) {
  const config::Server& server = *config.find_server(database.server);
  const std::string prefix = running.live_prefix();
  if (!server.engine.runs_a_server()) return file_urls(config, server, database);
  std::string user = !prefix.empty() ? server.remote->admin_user : server.root_user;
  std::string password = !prefix.empty() ? server.remote->admin_password.value : server.root_password.value;
  const std::string root = user;
  for (const config::User& candidate : config.users) {
    for (const std::string& key : candidate.database_keys) {
      if (key == database.key && user == root && candidate.server == server.name) {
        user = prefix + candidate.name;
        password = candidate.password.value;
      }
    }
  }
  const std::string scheme = server.engine.url_scheme();
  std::string at = "@";  // appended: GCC 12 warns (-Wrestrict, a false alarm) on "@" + host_and_port(…)
  at += util::host_and_port(running.host(), port);
  at += '/';
  std::vector<DatabaseUrl> urls;
  for (const std::string& name : database.names) {
    const std::string variable = config::url_variable(database, name);
    const std::string head = scheme + "://" + percent_encode(user) + ":";
    const std::string tail = at + prefix + name;
    urls.push_back({variable, head + percent_encode(password) + tail, head + "****" + tail});
  }
  return urls;
}

}  // namespace devenv::cli
