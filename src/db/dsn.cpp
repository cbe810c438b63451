#include "db/dsn.h"

#include <regex>

namespace devenv::db {

static std::string percent_decode(const std::string& text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && std::isxdigit(static_cast<unsigned char>(text[i + 1])) &&
        std::isxdigit(static_cast<unsigned char>(text[i + 2]))) {
      out.push_back(static_cast<char>(std::stoi(text.substr(i + 1, 2), nullptr, 16)));
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::optional<Dsn> parse_dsn(const std::string& text) {
  static const std::regex url(
      "^(mysql|mariadb|postgres|postgresql)://(?:([^:@/]*)(?::([^@/]*))?@)?([^:/]+)(?::([0-9]+))?/([^?]+)$");
  std::smatch match;
  if (!std::regex_match(text, match, url)) return std::nullopt;
  Dsn dsn{*engine::Engine::from_name(match[1].str()), {}};
  dsn.endpoint.user = percent_decode(match[2].str());
  dsn.endpoint.password = percent_decode(match[3].str());
  dsn.endpoint.host = match[4].str();
  dsn.endpoint.port = match[5].matched ? std::stoi(match[5].str()) : dsn.engine.default_port();
  dsn.endpoint.database = percent_decode(match[6].str());
  return dsn;
}

}  // namespace devenv::db
