#include "config/name_pattern.h"

#include <fmt/format.h>

#include <stdexcept>

namespace devenv::config {

NamePattern::NamePattern(std::string pattern) : pattern_(std::move(pattern)) {
  const std::size_t open = pattern_.find('{');
  if (open == std::string::npos) {
    if (pattern_.find('}') != std::string::npos) throw std::invalid_argument("a '}' without '{'");
    return;
  }
  const std::size_t close = pattern_.find('}', open);
  if (close == std::string::npos) throw std::invalid_argument("'{' without '}'");
  if (pattern_.find('{', close) != std::string::npos)
    throw std::invalid_argument("only one {n} placeholder is allowed");
  const std::string inside = pattern_.substr(open + 1, close - open - 1);
  if (inside != "n") {
    // {n:0W}: zero-padded to W digits
    if (inside.size() < 4 || inside.compare(0, 3, "n:0") != 0 ||
        inside.find_first_not_of("0123456789", 3) != std::string::npos) {
      throw std::invalid_argument("placeholder {" + inside + "} is not {n} or {n:0W} (e.g. {n:03})");
    }
    width_ = std::stoi(inside.substr(3));
    if (width_ < 1 || width_ > 9) throw std::invalid_argument("the width in {n:0W} must be 1 to 9");
  }
  placeholder_begin_ = open;
  placeholder_end_ = close + 1;
}

std::optional<long> NamePattern::max_count() const {
  if (width_ == 0) return std::nullopt;
  long max = 1;
  for (int i = 0; i < width_; ++i) max *= 10;
  return max - 1;
}

std::vector<std::string> NamePattern::expand(long count) const {
  if (!is_template()) return {pattern_};
  std::vector<std::string> names;
  names.reserve(static_cast<std::size_t>(count));
  const std::string prefix = pattern_.substr(0, placeholder_begin_);
  const std::string suffix = pattern_.substr(placeholder_end_);
  for (long n = 1; n <= count; ++n) {
    names.push_back(prefix + fmt::format("{:0{}}", n, width_) + suffix);
  }
  return names;
}

}  // namespace devenv::config
