#include "adopt/env_file.h"

#include <sstream>

#include "util/file.h"

namespace devenv::adopt {

namespace {

std::string trimmed(const std::string& text) {
  const std::size_t begin = text.find_first_not_of(" \t\r");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t\r") - begin + 1);
}

// A value without its quotes; unquoted, without a ` #` comment after it.
std::string value_of(const std::string& raw) {
  const std::string value = trimmed(raw);
  if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') && value.back() == value.front()) {
    return value.substr(1, value.size() - 2);
  }
  const std::size_t comment = value.find(" #");
  return comment == std::string::npos ? value : trimmed(value.substr(0, comment));
}

}  // namespace

std::optional<std::map<std::string, Located>> read_env_file(const std::filesystem::path& file,
                                                            const std::string& display) {
  const std::optional<std::string> text = util::read_file(file);
  if (!text) return std::nullopt;
  std::map<std::string, Located> variables;
  std::istringstream lines(*text);
  std::string line;
  for (int number = 1; std::getline(lines, line); ++number) {
    std::string entry = trimmed(line);
    if (entry.empty() || entry.front() == '#') continue;
    if (entry.rfind("export ", 0) == 0) entry = trimmed(entry.substr(7));
    const std::size_t equals = entry.find('=');
    if (equals == std::string::npos || equals == 0) continue;
    variables[trimmed(entry.substr(0, equals))] = {value_of(entry.substr(equals + 1)),
                                                   display + ":" + std::to_string(number), display};
  }
  return variables;
}

}  // namespace devenv::adopt
