#include "sqltext/source_errors.h"

namespace devenv::sqltext {

static std::string listing(const std::vector<SourceError>& errors, std::size_t left_out) {
  std::string text;
  for (const SourceError& error : errors) {
    if (!text.empty()) text += "\n";
    text += error.SourceError::what();
  }
  if (left_out > 0) {
    text.append("\n… and ");
    text.append(std::to_string(left_out));
    text.append(" more errors, not listed");
  }
  return text;
}

SourceErrors::SourceErrors(std::vector<SourceError> errors, std::size_t left_out)
    : SourceError(errors.front()),
      errors_(std::move(errors)),
      left_out_(left_out),
      text_(listing(errors_, left_out_)) {}

void SourceErrorList::add(const SourceError& error) {
  if (const auto* several = dynamic_cast<const SourceErrors*>(&error)) {
    for (const SourceError& one : several->errors()) add(one);
    left_out_ += several->left_out();
    return;
  }
  if (errors_.size() < kLimit) {
    errors_.push_back(error);
  } else {
    ++left_out_;
  }
}

void SourceErrorList::throw_if_any() const {
  if (errors_.size() == 1 && left_out_ == 0) throw errors_.front();
  if (!errors_.empty()) throw SourceErrors(errors_, left_out_);
}

}  // namespace devenv::sqltext
