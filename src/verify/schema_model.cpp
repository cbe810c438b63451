#include "verify/schema_model.h"

#include <algorithm>
#include <filesystem>

#include "catalog/inspector.h"
#include "config/database_lookup.h"
#include "config/migration_sources.h"
#include "config/schema_files.h"
#include "migrations/detect_tool.h"
#include "migrations/tool.h"
#include "util/runtime_error.h"

namespace devenv::verify {

namespace fs = std::filesystem;

namespace {

// The files as one logical database of `server` named "diff". A migration folder of a
// config database is that database (all its folders, its tool and schemas); another
// migration folder is applied as its tool would.
std::unique_ptr<config::Database> stand_in_database(const config::Config& config, const config::Server& server,
                                                    const std::string& path) {
  auto database = std::make_unique<config::Database>();
  const config::Database* configured = config::database_of_path(config, path);
  if (configured && configured->migrations) *database = *configured;
  database->key = "diff";
  database->name_pattern = "diff";
  database->names = {"diff"};
  database->is_template = false;
  database->server = server.name;
  if (configured && configured->migrations) return database;
  database->owns_every_schema = true;  // no config entry declares its schemas: they are the files'
  const std::string schema = server.engine.has_schemas() ? "public" : "";
  database->schema = schema;
  // A config database's schema-file folder is schema files, whatever its names say.
  if (const auto tool = configured ? std::nullopt : migrations::detect_tool_of_unnamed_folder(fs::absolute(path))) {
    config::MigrationSettings settings{
        {fs::absolute(path).lexically_normal()}, std::string(migrations::name_of(*tool)), "", "", "", nullptr};
    database->sources = config::migration_sources(settings, fs::current_path(), schema, "migrations");
    database->migrations = settings;
    return database;
  }
  for (const fs::path& file : config::sql_files_at(path))
    database->sources.push_back({fs::absolute(file), file.string(), schema, std::nullopt});
  return database;
}

}  // namespace

SchemaModel live_model(const engine::Engine& engine, const db::Connect& connect, const std::string& name,
                       const std::string& label, const std::string& where) {
  SchemaModel model;
  model.label = label;
  model.dialect = engine.dialect();
  auto databases = catalog::make_inspector(model.dialect, connect)->inspect({name});
  if (!databases.count(name)) throw util::RuntimeError("database " + name + " does not exist " + where);
  model.database = std::move(databases.at(name));
  return model;
}

SchemaModel file_model(const config::Config& config, const LiveServer& live, const std::string& path) {
  SchemaModel model;
  model.label = path;
  model.dialect = live.server->engine.dialect();
  model.source = stand_in_database(config, *live.server, path);
  model.shadow = std::make_unique<ShadowDatabase>(config, *live.server, *model.source, live.connect, live.connect_as);
  const std::string& name = model.shadow->name();
  model.database = catalog::make_inspector(model.dialect, model.shadow->connect())->inspect({name}).at(name);
  model.shadow->restore_event_statuses(model.database);
  model.shadow->rename_other_databases(model.database);
  // Reports name this side by its files, never by the shadow that held them for a moment.
  catalog::rename_references(model.database, name, path, model.dialect);
  return model;
}

}  // namespace devenv::verify
