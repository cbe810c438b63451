#include "sqltext/source_error.h"

namespace devenv::sqltext {

std::string SourceLocation::str() const { return file + ":" + std::to_string(line) + ":" + std::to_string(column); }

static std::string render(const SourceLocation& where, const std::string& message, const std::string& hint) {
  std::string text = where.str() + ": " + message;
  if (!hint.empty()) text += "\n  hint: " + hint;
  return text;
}

SourceError::SourceError(SourceLocation where, const std::string& message, std::string hint)
    : std::runtime_error(render(where, message, hint)),
      where_(std::move(where)),
      message_(message),
      hint_(std::move(hint)) {}

}  // namespace devenv::sqltext
