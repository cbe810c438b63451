#pragma once

#include <memory>
#include <string>

#include "catalog/model.h"
#include "config/config.h"
#include "db/session.h"
#include "verify/live_server.h"
#include "verify/shadow_database.h"

namespace devenv::verify {

// A schema read into the model from wherever it comes: a live database, or schema
// files loaded into a shadow database (which lives as long as this does).
struct SchemaModel {
  std::string label;  // as the user named it
  sqltext::Dialect dialect = sqltext::Dialect::MySQL;
  catalog::Database database;
  std::unique_ptr<config::Database> source;  // schema files' stand-in logical database
  std::unique_ptr<ShadowDatabase> shadow;
};

// Database `name` as the server holds it. Missing: util::RuntimeError naming `where`.
SchemaModel live_model(const engine::Engine& engine, const db::Connect& connect, const std::string& name,
                       const std::string& label, const std::string& where);

// A schema file, or a folder's .sql files in name order, loaded into a shadow
// database on `live`, the way `build` would qualify them; every schema the files
// create or qualify names with is theirs. The model's database is named `path`.
SchemaModel file_model(const config::Config& config, const LiveServer& live, const std::string& path);

}  // namespace devenv::verify
