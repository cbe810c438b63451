#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace devenv::migrations {

// The migration tools whose directories devenv reads (docs/migration-tools.md).
enum class Tool { Sqlx, Goose, GolangMigrate, Drizzle, Dbmate, Flyway, Atlas };

// The tool a name stands for, as users write it: "sqlx", "goose", "golang-migrate",
// "drizzle", "dbmate", "flyway", "atlas". nullopt for any other name.
std::optional<Tool> tool_named(std::string_view name);
std::string_view name_of(Tool tool);
// Every name tool_named() knows, in the enum's order, for "did you mean" and error hints.
const std::vector<std::string_view>& tool_names();

}  // namespace devenv::migrations
