#pragma once

#include <map>
#include <optional>
#include <string>

#include "config/interpolate.h"

namespace devenv::test {

// An environment holding only `values`, for configs read in tests.
inline config::Environment environment_of(std::map<std::string, std::string> values = {}) {
  return [values](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

}  // namespace devenv::test
