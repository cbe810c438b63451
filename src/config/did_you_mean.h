#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace devenv::config {

// The candidate closest to `word` by edit distance, if it is close enough to be a
// plausible typo; empty otherwise.
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace devenv::config
