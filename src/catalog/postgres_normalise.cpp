#include "catalog/postgres_normalise.h"

#include <algorithm>
#include <vector>

namespace devenv::catalog::postgres {
namespace {

constexpr const char* kElementCast = "::character varying::text";
constexpr const char* kArrayOpen = "ARRAY[";

// The index of the "]" closing the array that starts at `open` (after "ARRAY["), and
// its elements split at top-level commas; npos when it does not close.
std::size_t array_elements(const std::string& text, std::size_t open, std::vector<std::string>& elements) {
  int depth = 0;
  std::size_t start = open;
  for (std::size_t i = open; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\'') {
      for (++i; i < text.size() && !(text[i] == '\'' && (i + 1 >= text.size() || text[i + 1] != '\'')); ++i) {
        if (text[i] == '\'') ++i;  // a doubled quote
      }
      continue;
    }
    if (c == '(' || c == '[') ++depth;
    if ((c == ')' || c == ']') && depth > 0) {
      --depth;
      continue;
    }
    if (c == ']' && depth == 0) {
      elements.push_back(text.substr(start, i - start));
      return i;
    }
    if (c == ',' && depth == 0) {
      elements.push_back(text.substr(start, i - start));
      start = i + 1;
    }
  }
  return std::string::npos;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::string trimmed(std::string element) {
  while (!element.empty() && element.front() == ' ') element.erase(0, 1);
  return element;
}

// A quoted literal cast to varchar, then text, as pretty printing writes it
// ("'a'::character varying::text") or as pg_get_indexdef does
// ("('a'::character varying)::text"); the literal with its varchar cast, or "".
std::string varchar_literal(const std::string& element) {
  const std::string text = trimmed(element);
  if (text.size() > 1 && text.front() == '\'' && ends_with(text, kElementCast)) {
    return text.substr(0, text.size() - std::string("::text").size());
  }
  const std::string parenthesised = ")::text";
  if (text.size() > 2 && text.compare(0, 2, "('") == 0 && ends_with(text, "::character varying" + parenthesised)) {
    return text.substr(1, text.size() - 1 - parenthesised.size());
  }
  return "";
}

}  // namespace

std::string array_casts(const std::string& expression) {
  if (expression.find(kElementCast) == std::string::npos &&
      expression.find("::character varying)::text") == std::string::npos) {
    return expression;
  }
  std::string out;
  std::size_t copied = 0;
  for (std::size_t at = expression.find(kArrayOpen); at != std::string::npos;
       at = expression.find(kArrayOpen, at + 1)) {
    const std::size_t open = at + std::string(kArrayOpen).size();
    std::vector<std::string> elements;
    const std::size_t close = array_elements(expression, open, elements);
    if (close == std::string::npos || elements.empty()) continue;
    std::vector<std::string> literals;
    for (const std::string& element : elements) literals.push_back(varchar_literal(element));
    if (std::find(literals.begin(), literals.end(), "") != literals.end()) continue;
    // The parenthesised spelling keeps its parentheses around the array.
    const bool parenthesised = trimmed(elements.front()).front() == '(';
    out.append(expression, copied, at - copied);
    out += parenthesised ? "(ARRAY[" : "ARRAY[";
    for (std::size_t i = 0; i < literals.size(); ++i) out += (i ? ", " : "") + literals[i];
    out += parenthesised ? "])::text[]" : "]::text[]";
    copied = close + 1;
  }
  out.append(expression, copied, std::string::npos);
  return out;
}

}  // namespace devenv::catalog::postgres
