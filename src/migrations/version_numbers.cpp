#include "migrations/version_numbers.h"

#include <algorithm>
#include <charconv>
#include <vector>

namespace devenv::migrations {
namespace {

bool all_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

template <typename Number>
std::optional<Number> parse_digits(std::string_view text) {
  Number value{};
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::vector<std::string_view> dotted_parts(std::string_view version) {
  std::vector<std::string_view> parts;
  std::size_t begin = 0;
  while (true) {
    const std::size_t dot = version.find('.', begin);
    parts.push_back(version.substr(begin, dot == std::string_view::npos ? std::string_view::npos : dot - begin));
    if (dot == std::string_view::npos) return parts;
    begin = dot + 1;
  }
}

std::string_view without_leading_zeros(std::string_view digits) {
  const std::size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? std::string_view("0") : digits.substr(first);
}

// Parts as Flyway keeps them: leading zeros and trailing zero parts gone.
std::vector<std::string_view> number_parts(std::string_view version) {
  std::vector<std::string_view> parts;
  for (std::string_view part : dotted_parts(version)) parts.push_back(without_leading_zeros(part));
  while (parts.size() > 1 && parts.back() == "0") parts.pop_back();
  return parts;
}

int compare_numbers(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return a.compare(b) < 0 ? -1 : (a.compare(b) > 0 ? 1 : 0);
}

}  // namespace

std::optional<std::int64_t> parse_int64(std::string_view text) {
  const bool plus = text.starts_with('+');
  const std::string_view digits = text.substr(plus || text.starts_with('-') ? 1 : 0);
  if (!all_digits(digits)) return std::nullopt;
  return parse_digits<std::int64_t>(plus ? digits : text);
}

std::optional<std::uint64_t> parse_uint64(std::string_view text) {
  if (!all_digits(text)) return std::nullopt;
  return parse_digits<std::uint64_t>(text);
}

std::optional<std::string> flyway_version(std::string_view text) {
  std::string version(text);
  std::replace(version.begin(), version.end(), '_', '.');
  for (std::string_view part : dotted_parts(version)) {
    if (!all_digits(part)) return std::nullopt;
  }
  return version;
}

int compare_flyway_versions(std::string_view a, std::string_view b) {
  const std::vector<std::string_view> left = number_parts(a);
  const std::vector<std::string_view> right = number_parts(b);
  for (std::size_t i = 0; i < std::max(left.size(), right.size()); ++i) {
    const std::string_view l = i < left.size() ? left[i] : "0";
    const std::string_view r = i < right.size() ? right[i] : "0";
    if (const int order = compare_numbers(l, r); order != 0) return order;
  }
  return 0;
}

std::string canonical_flyway_version(std::string_view version) {
  std::string canonical;
  for (std::string_view part : number_parts(version)) {
    if (!canonical.empty()) canonical += '.';
    canonical += part;
  }
  return canonical;
}

}  // namespace devenv::migrations
