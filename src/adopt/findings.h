#pragma once

#include <string>
#include <vector>

namespace devenv::adopt {

// One line of what `devenv init` tells the user: what it read from the project, what
// it had to guess (to be checked), what it left out and why, and what will not work as
// it is (to be changed by hand).
struct Finding {
  enum class Kind { Found, Guessed, Skipped, Check };
  Kind kind;
  std::string text;
};

class Findings {
 public:
  void found(std::string text) { all_.push_back({Finding::Kind::Found, std::move(text)}); }
  void guessed(std::string text) { all_.push_back({Finding::Kind::Guessed, std::move(text)}); }
  void skipped(std::string text) { all_.push_back({Finding::Kind::Skipped, std::move(text)}); }
  void check(std::string text) { all_.push_back({Finding::Kind::Check, std::move(text)}); }
  void append(const Findings& more) { all_.insert(all_.end(), more.all_.begin(), more.all_.end()); }
  const std::vector<Finding>& all() const { return all_; }

 private:
  std::vector<Finding> all_;
};

}  // namespace devenv::adopt
