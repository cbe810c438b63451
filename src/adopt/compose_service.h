#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace devenv::adopt {

// A scalar of a project file as written (compose variables and all) and where it is.
struct Located {
  std::string text;
  std::string where;          // file:line:col
  std::string env_file = {};  // the env_file it was read from, "" for the compose file itself
};

// One entry of a service's `ports`: [host_ip:][published:]target[/protocol]. Its parts
// as they are when no variable is set (compose fills them in before it reads the entry).
struct PortMapping {
  std::string host_ip;
  std::string published;  // "" when docker picks the host port
  std::string target;     // the container's port
  std::string written;    // the entry as written, for messages
  bool has_variables = false;
  std::string where;
};

// A bind mount of a service's `volumes` (named volumes are left out), its paths as they
// are when no variable is set.
struct BindMount {
  std::string source;   // ./db/init
  std::string target;   // /docker-entrypoint-initdb.d
  std::string written;  // the entry as written, for messages
  std::string where;
};

// A service of a compose file as written, with no meaning given to it yet.
struct ComposeService {
  std::string name;
  std::string where;
  std::optional<Located> image;
  bool has_build = false;  // built from a Dockerfile
  // `environment` over its `env_file`s, as compose merges them; a name given without a
  // value (taken from the shell) reads as the reference ${NAME}.
  std::map<std::string, Located> environment;
  std::vector<std::string> env_files;  // as written
  std::vector<PortMapping> ports;
  std::vector<BindMount> mounts;
  std::vector<std::string> command;  // the words of `command:`, a string split as compose splits it
  std::string command_where;
};

// A compose file: its top-level `name:` and its services, in file order.
struct ComposeProject {
  std::filesystem::path file;  // absolute
  std::string display;         // as shown to users: relative to the project
  std::string name;            // the `name:` key, "" when absent
  std::vector<ComposeService> services;
};

}  // namespace devenv::adopt
