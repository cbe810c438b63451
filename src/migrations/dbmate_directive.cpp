#include "migrations/dbmate_directive.h"

namespace devenv::migrations {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v'; }

constexpr std::string_view kPrefix = "migrate:";

}  // namespace

std::optional<std::string_view> dbmate_directive(std::string_view line, std::string_view name) {
  if (!line.starts_with("--")) return std::nullopt;
  std::string_view rest = line.substr(2);
  while (!rest.empty() && is_space(rest.front())) rest.remove_prefix(1);
  if (!rest.starts_with(kPrefix) || !rest.substr(kPrefix.size()).starts_with(name)) return std::nullopt;
  rest.remove_prefix(kPrefix.size() + name.size());
  if (!rest.empty() && !is_space(rest.front())) return std::nullopt;
  return rest;
}

}  // namespace devenv::migrations
