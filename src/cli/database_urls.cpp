#include "cli/database_urls.h"

#include "config/url_variable.h"

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

}  // namespace

std::vector<DatabaseUrl> database_urls(const config::Config& config, const config::Database& database, int port) {
  const config::Server& server = *config.find_server(database.server);
  std::string user = server.root_user;
  std::string password = server.root_password.value;
  for (const config::User& candidate : config.users) {
    for (const std::string& key : candidate.database_keys) {
      if (key == database.key && user == server.root_user && candidate.server == server.name) {
        user = candidate.name;
        password = candidate.password.value;
      }
    }
  }
  const std::string scheme = server.engine.url_scheme();
  std::vector<DatabaseUrl> urls;
  for (const std::string& name : database.names) {
    const std::string variable = config::url_variable(database, name);
    const std::string head = scheme + "://" + percent_encode(user) + ":";
    const std::string tail = "@127.0.0.1:" + std::to_string(port) + "/" + name;
    urls.push_back({variable, head + percent_encode(password) + tail, head + "****" + tail});
  }
  return urls;
}

}  // namespace devenv::cli
