#pragma once

#include <string>

#include "util/usage_error.h"

namespace devenv::migrations {

// A migration folder devenv cannot read as its tool would: a missing folder, two files
// with one version, a name the tool rejects. A usage error (exit 2): the user fixes the
// folder or the tool named for it. Mistakes inside a file are sqltext::SourceError.
class MigrationError : public util::UsageError {
 public:
  MigrationError(const std::string& message, std::string hint);

  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }

 private:
  std::string message_;
  std::string hint_;
};

}  // namespace devenv::migrations
