#include "db/dsn.h"

#include <fstream>
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

// Every SQLite database file begins with these 16 bytes (fileformat.html, "The Database Header").
static bool is_sqlite_file(const std::string& path) {
  static const std::string header("SQLite format 3\0", 16);
  std::ifstream file(path, std::ios::binary);
  std::string start(header.size(), '\0');
  return file.read(start.data(), static_cast<std::streamsize>(start.size())) && start == header;
}

static std::optional<Dsn> sqlite_dsn(const std::string& text) {
  static const std::regex url("^sqlite3?:(?://)?(/.*|[^/].*)$");
  std::smatch match;
  std::string path;
  if (std::regex_match(text, match, url)) {
    path = percent_decode(match[1].str());
  } else if (text.find("://") == std::string::npos && is_sqlite_file(text)) {
    path = text;
  } else {
    return std::nullopt;
  }
  Dsn dsn{engine::Engine(engine::Engine::Kind::SQLite), {}};
  dsn.endpoint.database = path;
  return dsn;
}

std::optional<Dsn> parse_dsn(const std::string& text) {
  if (auto dsn = sqlite_dsn(text)) return dsn;
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
