#include "config/interpolate.h"

#include <cctype>
#include <cstdlib>

namespace devenv::config {

Environment process_environment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    return value ? std::optional<std::string>(value) : std::nullopt;
  };
}

static bool valid_variable_name(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

std::string interpolate(std::string_view text, const Environment& environment) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$') {
      out.push_back(text[i]);
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '$') {
      out.push_back('$');
      ++i;
      continue;
    }
    if (i + 1 >= text.size() || text[i + 1] != '{') {
      out.push_back('$');
      continue;
    }
    const std::size_t close = text.find('}', i + 2);
    if (close == std::string_view::npos) throw BadReference("unclosed ${ in \"" + std::string(text) + "\"");
    const std::string_view body = text.substr(i + 2, close - i - 2);
    const std::size_t dash = body.find(":-");
    const std::string name(body.substr(0, dash));
    if (!valid_variable_name(name)) {
      throw BadReference("\"${" + std::string(body) + "}\" is not ${NAME} or ${NAME:-default}");
    }
    const std::optional<std::string> value = environment(name);
    if (value && !value->empty()) {
      out += *value;
    } else if (dash != std::string_view::npos) {
      out += body.substr(dash + 2);
    } else if (value) {
      out += *value;  // set but empty, no default: empty, as the shell does
    } else {
      throw UnsetVariable(name);
    }
    i = close;
  }
  return out;
}

}  // namespace devenv::config
