#include "config/remote_url.h"

#include <cctype>
#include <vector>

#include "config/interpolate.h"

namespace devenv::config {

namespace {

bool all_digits(const std::string& text) {
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

// Where `c` stands in `text` outside ${…} references (whose defaults may hold ':',
// '@' or '/': ${HOST:-db.internal}), in order; $$ is a literal '$'.
std::vector<std::size_t> outside_references(const std::string& text, char c) {
  std::vector<std::size_t> out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '$') {
      ++i;
    } else if (text[i] == '$' && i + 1 < text.size() && text[i + 1] == '{') {
      const std::size_t close = closing_brace(text, i + 2);
      if (close == std::string::npos) return out;  // interpolate() says what is wrong
      i = close;
    } else if (text[i] == c) {
      out.push_back(i);
    }
  }
  return out;
}

std::size_t first_outside(const std::string& text, char c) {
  const auto found = outside_references(text, c);
  return found.empty() ? std::string::npos : found.front();
}

std::size_t last_outside(const std::string& text, char c) {
  const auto found = outside_references(text, c);
  return found.empty() ? std::string::npos : found.back();
}

// host[:port] or [v6]:port; the port may be a ${VAR}, checked once it is read.
bool split_host(const std::string& text, RemoteUrlParts& parts, std::string& why) {
  std::string rest;
  if (!text.empty() && text.front() == '[') {
    const std::size_t close = text.find(']');
    if (close == std::string::npos) {
      why = "the IPv6 address has no closing ']'";
      return false;
    }
    parts.host = text.substr(1, close - 1);
    rest = text.substr(close + 1);
  } else {
    const std::size_t colon = first_outside(text, ':');
    parts.host = text.substr(0, colon);
    rest = colon == std::string::npos ? "" : text.substr(colon);
  }
  if (!rest.empty()) {
    parts.port = rest.substr(1);
    const bool variable = parts.port.find('$') != std::string::npos;
    if (rest.front() != ':' || parts.port.empty() || (!variable && !all_digits(parts.port))) {
      why = "expected host:port after the '@'";
      return false;
    }
  }
  if (parts.host.empty()) {
    why = "the URL names no host";
    return false;
  }
  return true;
}

}  // namespace

std::optional<RemoteUrlParts> split_remote_url(const std::string& text, std::string& why) {
  RemoteUrlParts parts;
  const std::size_t scheme_end = text.find("://");
  if (scheme_end == std::string::npos) {
    why = "expected scheme://user:password@host:port";
    return std::nullopt;
  }
  parts.scheme = text.substr(0, scheme_end);
  std::string rest = text.substr(scheme_end + 3);
  // The last '@' ends the user's part: a literal '@' in a password stays in it.
  const std::size_t at = last_outside(rest, '@');
  std::string authority = at == std::string::npos ? rest : rest.substr(at + 1);
  if (const std::size_t slash = first_outside(authority, '/'); slash != std::string::npos) {
    if (slash + 1 != authority.size()) {
      why = "the URL names a database (" + authority.substr(slash) +
            "): devenv makes the config's databases there, each under this developer's prefix";
      return std::nullopt;
    }
    authority.pop_back();
  }
  if (first_outside(authority, '?') != std::string::npos) {
    why = "URL parameters are not read here; write tls and ca_file as keys of the server";
    return std::nullopt;
  }
  if (!split_host(authority, parts, why)) return std::nullopt;
  if (at != std::string::npos) {
    const std::string user_info = rest.substr(0, at);
    const std::size_t colon = first_outside(user_info, ':');
    parts.user = user_info.substr(0, colon);
    if (colon != std::string::npos) parts.password = user_info.substr(colon + 1);
  }
  return parts;
}

}  // namespace devenv::config
