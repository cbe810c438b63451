#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "adopt/compose_service.h"
#include "adopt/findings.h"
#include "engine/engine.h"

namespace devenv::adopt {

// A value for config.toml taken from the project, and where it came from.
struct SourcedValue {
  std::string config_text;  // as config.toml will hold it: ${VAR:-default} references kept
  std::string value;        // what it is when no variable is set, for init's own choices
  std::string origin;       // for the comment beside it: "POSTGRES_DB, docker-compose.yml:9:7"
};

// A file or folder a service mounts as /docker-entrypoint-initdb.d.
struct InitMount {
  std::filesystem::path path;  // absolute
  std::string display;         // relative to the project: db/init
  bool folder = true;          // false: one file mounted into the folder
  std::string name;            // a file's name inside the folder, which orders it
  std::string where;           // of the volume entry
};

// A compose service that runs a database server devenv can run, read the way the
// official image's entrypoint reads its variables.
struct DatabaseService {
  std::string service;
  std::string where;
  engine::Engine engine;
  SourcedValue image;
  std::string version;  // of the image's tag, "" when it has none
  int port = 0;         // the host port the server's port is published on
  std::string port_origin;
  std::optional<SourcedValue> root_user;  // PostgreSQL's POSTGRES_USER
  SourcedValue root_password;
  std::optional<SourcedValue> database;  // the database the entrypoint creates
  std::optional<SourcedValue> user;      // MySQL's app user, granted that database
  std::optional<SourcedValue> user_password;
  std::vector<InitMount> init_mounts;
  std::string charset;  // from `command:` (character-set-server), "" when not given
  std::string collation;
  std::vector<std::pair<std::string, std::string>> settings;  // the command's other server settings
  std::string settings_origin;
};

// `service` read as a database server, or nullopt (saying why in `findings`) when its
// image is none devenv runs. Mounted paths are relative to `compose_dir` and shown
// relative to `project_dir`. Throws InputError at a value compose would refuse.
std::optional<DatabaseService> database_service(const ComposeService& service, const std::filesystem::path& project_dir,
                                                const std::filesystem::path& compose_dir, Findings& findings);

// The name of a variable for a password devenv writes as ${NAME:-…}: upper-case letters,
// digits and '_' of `words` joined by '_' ("db", "root_password" → DB_ROOT_PASSWORD).
std::string variable_name(const std::vector<std::string>& words);

}  // namespace devenv::adopt
