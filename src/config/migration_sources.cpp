#include "config/migration_sources.h"

#include "config/config_error.h"
#include "config/did_you_mean.h"
#include "config/table_reader.h"
#include "migrations/read_migrations.h"
#include "migrations/tool.h"

namespace devenv::config {

namespace {

std::optional<migrations::Tool> configured_tool(const MigrationSettings& settings, const std::string& key) {
  if (settings.tool.empty()) return std::nullopt;
  if (const auto tool = migrations::tool_named(settings.tool)) return tool;
  std::vector<std::string> names;
  for (const std::string_view name : migrations::tool_names()) names.emplace_back(name);
  const std::string guess = did_you_mean(settings.tool, names);
  throw ConfigError(settings.tool_where, key, "unknown migration tool \"" + settings.tool + "\"",
                    guess.empty() ? "use one of " + join_words(names) + " (or remove it to detect the tool)"
                                  : "did you mean \"" + guess + "\"?");
}

}  // namespace

std::vector<SchemaSource> migration_sources(MigrationSettings& settings, const std::filesystem::path& config_dir,
                                            const std::string& schema, const std::string& key) {
  const migrations::MigrationSet set =
      migrations::read_migrations(settings.folders, configured_tool(settings, key), config_dir);
  settings.tool = std::string(migrations::name_of(set.tool));
  std::vector<SchemaSource> out;
  for (const migrations::Migration& migration : set.migrations)
    out.push_back(
        {migration.path, migration.display, schema,
         MigrationFile{settings.tool, migration.version, migration.description, migration.when, migration.script}});
  return out;
}

}  // namespace devenv::config
