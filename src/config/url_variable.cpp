#include "config/url_variable.h"

#include <cctype>

namespace devenv::config {

std::string url_variable(const Database& database, const std::string& name) {
  std::string out = "DEVENV_";
  for (char c : database.is_template ? name : database.key) {
    out.push_back(std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::toupper(c)) : '_');
  }
  return out + "_URL";
}

}  // namespace devenv::config
