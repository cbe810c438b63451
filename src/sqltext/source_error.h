#pragma once

#include <stdexcept>
#include <string>

namespace devenv::sqltext {

// A place in a source file, 1-based, as editors and compilers print it.
struct SourceLocation {
  std::string file;
  int line = 1;
  int column = 1;

  std::string str() const;  // "file:line:col"
};

// An error a user can fix in a file: where it is, what is wrong, and what to do.
class SourceError : public std::runtime_error {
 public:
  SourceError(SourceLocation where, const std::string& message, std::string hint = {});

  const SourceLocation& where() const { return where_; }
  const std::string& message() const { return message_; }
  const std::string& hint() const { return hint_; }

 private:
  SourceLocation where_;
  std::string message_;
  std::string hint_;
};

}  // namespace devenv::sqltext
