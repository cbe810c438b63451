#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "sqltext/source_error.h"

namespace devenv::sqltext {

// Every error one run found in the schema files, in the order found, so that a user
// fixes them in one go instead of one `devenv build` per error. A SourceError itself
// (the first one's place), so every caller that handles one error handles these.
class SourceErrors : public SourceError {
 public:
  SourceErrors(std::vector<SourceError> errors, std::size_t left_out);

  const std::vector<SourceError>& errors() const { return errors_; }
  std::size_t left_out() const { return left_out_; }  // beyond the limit, not listed
  const char* what() const noexcept override { return text_.c_str(); }

 private:
  std::vector<SourceError> errors_;
  std::size_t left_out_;
  std::string text_;
};

// Collects errors up to a limit (a file with a thousand broken lines would otherwise
// bury the first ones); throws them together at the end.
class SourceErrorList {
 public:
  static constexpr std::size_t kLimit = 20;

  void add(const SourceError& error);
  bool empty() const { return errors_.empty(); }
  // Throws SourceErrors when anything was added.
  void throw_if_any() const;

 private:
  std::vector<SourceError> errors_;
  std::size_t left_out_ = 0;
};

}  // namespace devenv::sqltext
