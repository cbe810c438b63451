#pragma once

#include <string>

namespace devenv::util {

// A-Z to a-z, every other byte as it is: what SQL keywords, engine names and host
// names fold to, whatever the process's locale (std::tolower's answer depends on it).
inline std::string ascii_lower(std::string text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return text;
}

}  // namespace devenv::util
