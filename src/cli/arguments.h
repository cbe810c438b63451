#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace devenv::cli {

struct UsageError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The words after the command name, read flag by flag. Each command asks for the
// flags it knows; whatever is left over is a usage error naming it.
class Arguments {
 public:
  explicit Arguments(std::vector<std::string> words) : words_(std::move(words)) {}

  bool flag(const std::string& name);                         // --name
  std::optional<std::string> option(const std::string& name);  // --name VALUE or --name=VALUE
  std::vector<std::string> positionals();                     // the rest, in order; rejects unknown --flags
  void expect_no_more();

 private:
  std::vector<std::string> words_;
};

}  // namespace devenv::cli
