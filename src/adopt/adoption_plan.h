#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adopt/compose_service.h"
#include "adopt/database_service.h"
#include "adopt/findings.h"
#include "adopt/project_scan.h"
#include "engine/engine.h"

namespace devenv::adopt {

// What `devenv init` will write into config.toml, each value with where it came from
// (config_text.h turns it into commented TOML).

struct PlannedServer {
  std::string name;
  engine::Engine engine;
  std::string origin;                 // the comment on its [servers.<name>] line
  std::optional<SourcedValue> image;  // nullopt: the engine's default image
  std::string version;                // the image's, written as a comment: the native runtime uses what is installed
  int port = 0;
  std::string port_origin;
  std::optional<SourcedValue> root_user;
  SourcedValue root_password;
  std::string charset;
  std::string collation;
  std::vector<std::pair<std::string, std::string>> settings;
  std::string settings_origin;
};

struct PlannedDatabase {
  std::string key;
  SourcedValue name;
  std::string server;
  std::string origin;                // the comment above its [[databases]] entry
  std::vector<std::string> sources;  // relative to the project: files, or one folder
  std::string sources_origin;
  std::vector<std::string> migrations;  // migration folders instead of sources
  std::string migration_tool;
  std::vector<std::string> schemas;  // PostgreSQL schemas besides public
};

struct PlannedUser {
  SourcedValue name;
  SourcedValue password;
  std::string server;
  std::vector<std::string> database_keys;
  std::string origin;
};

// A schema file init creates for a database the project names but gives no schema
// (a compose service's POSTGRES_DB with no init files): devenv needs a source for it.
struct StarterFile {
  std::string path;  // relative to the project
  std::string content;
};

struct AdoptionPlan {
  std::vector<std::string> read;  // what was read, for config.toml's header
  std::optional<SourcedValue> project_name;
  std::optional<SourcedValue> compose_file;  // nullopt: devenv's default docker-compose.yml
  std::vector<PlannedServer> servers;
  std::vector<PlannedDatabase> databases;
  std::vector<PlannedUser> users;
  std::vector<StarterFile> starter_files;
};

// What `root` holds, turned into devenv's servers, databases and users: the compose
// file's database services (when there is one) with their init files, then the
// project's migration folders and schema files, each given to a database of a server
// of its SQL family that has none yet, else to a new one. What it read and guessed goes
// to `findings`.
AdoptionPlan plan_adoption(const std::filesystem::path& root, const std::optional<ComposeProject>& compose,
                           Findings& findings);

}  // namespace devenv::adopt
