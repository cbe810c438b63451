#include "migrations/tool.h"

#include <array>
#include <utility>

namespace devenv::migrations {
namespace {

constexpr std::array<std::pair<Tool, std::string_view>, 7> kNames{{
    {Tool::Sqlx, "sqlx"},
    {Tool::Goose, "goose"},
    {Tool::GolangMigrate, "golang-migrate"},
    {Tool::Drizzle, "drizzle"},
    {Tool::Dbmate, "dbmate"},
    {Tool::Flyway, "flyway"},
    {Tool::Atlas, "atlas"},
}};

}  // namespace

std::optional<Tool> tool_named(std::string_view name) {
  for (const auto& [tool, tool_name] : kNames) {
    if (tool_name == name) return tool;
  }
  return std::nullopt;
}

std::string_view name_of(Tool tool) {
  for (const auto& [known, name] : kNames) {
    if (known == tool) return name;
  }
  return "unknown";
}

const std::vector<std::string_view>& tool_names() {
  static const std::vector<std::string_view> names = [] {
    std::vector<std::string_view> all;
    for (const auto& entry : kNames) all.push_back(entry.second);
    return all;
  }();
  return names;
}

}  // namespace devenv::migrations
