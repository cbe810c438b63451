#include "migrations/migration_error.h"

namespace devenv::migrations {

MigrationError::MigrationError(const std::string& message, std::string hint)
    : util::UsageError(hint.empty() ? message : message + "\n  hint: " + hint),
      message_(message),
      hint_(std::move(hint)) {}

}  // namespace devenv::migrations
