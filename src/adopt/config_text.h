#pragma once

#include <string>

#include "adopt/adoption_plan.h"

namespace devenv::adopt {

// config.toml for `plan`, commented: a header saying what it was made from, and beside
// each value where it came from ("guessed" where init chose it itself).
std::string config_text(const AdoptionPlan& plan);

// A TOML basic string: "…" with `"`, `\` and control characters escaped.
std::string toml_string(const std::string& text);

}  // namespace devenv::adopt
