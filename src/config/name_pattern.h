#pragma once

#include <optional>
#include <string>
#include <vector>

namespace devenv::config {

// A database name, or a partition template such as "partition_{n:03}" whose {n}
// (optionally zero-padded to a width) is replaced by 1 … count.
class NamePattern {
 public:
  // Throws std::invalid_argument with a message for a malformed placeholder.
  explicit NamePattern(std::string pattern);

  bool is_template() const { return placeholder_begin_ != std::string::npos; }
  // Largest count the width allows ({n:03} → 999); none without a width.
  std::optional<long> max_count() const;
  std::vector<std::string> expand(long count) const;

 private:
  std::string pattern_;
  std::size_t placeholder_begin_ = std::string::npos;
  std::size_t placeholder_end_ = std::string::npos;
  int width_ = 0;
};

}  // namespace devenv::config
