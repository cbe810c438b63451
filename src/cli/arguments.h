#pragma once

#include <optional>
#include <string>
#include <vector>

#include "util/usage_error.h"

namespace devenv::cli {

using util::UsageError;

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
