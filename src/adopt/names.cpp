#include "adopt/names.h"

#include <algorithm>
#include <cctype>
#include <string_view>

namespace devenv::adopt {

namespace {

std::string same_url_form(std::string name) {
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

// Lower-case letters and digits kept, and the characters of `kept`; every other run of
// characters becomes one `joiner`. None at either end.
std::string joined_words(const std::string& name, char joiner, std::string_view kept = "") {
  std::string out;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if ((std::isalnum(byte) && byte < 0x80) || kept.find(c) != std::string_view::npos) {
      out.push_back(static_cast<char>(std::tolower(byte)));
    } else if (!out.empty() && out.back() != joiner) {
      out.push_back(joiner);
    }
  }
  while (!out.empty() && !std::isalnum(static_cast<unsigned char>(out.front()))) out.erase(out.begin());
  while (!out.empty() && out.back() == joiner) out.pop_back();
  return out;
}

}  // namespace

std::string plain_name(const std::string& name) {
  const std::string out = joined_words(name, '_');
  if (out.empty()) return "app";
  return std::isdigit(static_cast<unsigned char>(out.front())) ? "db_" + out : out;
}

std::string file_safe_name(const std::string& name) {
  const std::string out = joined_words(name, '-', "-_");
  return out.empty() ? "db" : out;
}

std::string unique_name(const std::string& name, const std::vector<std::string>& taken, char separator) {
  const auto free = [&taken](const std::string& candidate) {
    return std::none_of(taken.begin(), taken.end(),
                        [&](const std::string& used) { return same_url_form(used) == same_url_form(candidate); });
  };
  if (free(name)) return name;
  for (int n = 2;; ++n) {
    const std::string candidate = name + separator + std::to_string(n);
    if (free(candidate)) return candidate;
  }
}

bool is_server_database(const std::string& name) {
  static const std::vector<std::string> own = {"postgres", "template0",          "template1",         "mysql",
                                               "sys",      "information_schema", "performance_schema"};
  return std::find(own.begin(), own.end(), name) != own.end();
}

}  // namespace devenv::adopt
