#pragma once

#include <optional>
#include <string>

namespace devenv::config {

// The parts of a shared server's `url = "mysql://admin:${ADMIN_PW}@db.internal:3306"`,
// as written: split before `${VAR}` references are replaced, so that a password
// holding any character still lands in the password whole. Each part is then resolved
// on its own, and nothing is percent-decoded: a literal password is written as it is
// (the last '@' ends it), so that a '%' in one never changes it.
struct RemoteUrlParts {
  std::string scheme;    // mysql, mariadb, postgres, postgresql
  std::string user;      // may be empty: the engine's root user
  std::string password;  // may be empty
  std::string host;      // an IPv6 address without its brackets
  std::string port;      // digits, or "" for the engine's default
};

// nullopt with `why` set when `text` is not such a URL. A path after the host is
// refused: the databases are the config's, not the URL's.
std::optional<RemoteUrlParts> split_remote_url(const std::string& text, std::string& why);

}  // namespace devenv::config
