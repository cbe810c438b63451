#include "adopt/database_service.h"

#include <cctype>

#include "adopt/compose_text.h"
#include "adopt/image_engine.h"
#include "adopt/input_error.h"
#include "config/name_rules.h"

namespace devenv::adopt {

namespace fs = std::filesystem;

namespace {

constexpr const char* kInitFolder = "/docker-entrypoint-initdb.d";
constexpr const char* kPasswordFallback = "devenv";

ComposeText compose_text(const Located& located) {
  try {
    return ComposeText(located.text);
  } catch (const std::invalid_argument& e) {
    throw InputError(located.where, e.what(), "compose would refuse it too: fix the value, then run init again");
  }
}

// What a value is when no variable is set.
std::string unset_value(const std::string& text, const std::string& where) {
  return compose_text(Located{text, where, ""}).unset_value();
}

// The first of `names` the service sets, with its name.
std::optional<std::pair<std::string, Located>> first_set(const ComposeService& service,
                                                         const std::vector<std::string>& names) {
  for (const std::string& name : names) {
    if (auto it = service.environment.find(name); it != service.environment.end()) return *it;
  }
  return std::nullopt;
}

int port_number(const std::string& text) {
  const std::string first = text.substr(0, text.find('-'));  // a range: its first port
  if (first.empty() || first.size() > 5) return 0;
  for (char c : first) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return 0;
  }
  const int port = std::stoi(first);
  return port <= 65535 ? port : 0;
}

class ServiceReader {
 public:
  ServiceReader(const ComposeService& service, const fs::path& project_dir, const fs::path& compose_dir,
                Findings& findings)
      : service_(service), project_dir_(project_dir), compose_dir_(compose_dir), findings_(findings) {}

  std::optional<DatabaseService> read() {
    if (!service_.image) {
      findings_.skipped(
          "service " + service_.name + " (" + service_.where + "): " +
          (service_.has_build ? "built from a Dockerfile, no image: devenv cannot tell its server" : "no image"));
      return std::nullopt;
    }
    const ComposeText image_text = compose_text(*service_.image);
    const std::string image = image_text.config_text("latest");
    const std::string image_value = ComposeText(image).unset_value();
    const std::optional<ImageFacts> facts = image_facts(image_value);
    if (!facts) {
      findings_.skipped("service " + service_.name + ": image " + image_value +
                        " is not a MySQL, MariaDB or PostgreSQL server");
      return std::nullopt;
    }
    DatabaseService out;
    out.service = service_.name;
    out.where = service_.where;
    out.engine = facts->engine;
    out.image = {image, image_value, "image, " + service_.image->where};
    out.version = facts->version;
    if (!facts->official) {
      findings_.guessed("service " + service_.name + ": " + image_value + " is not the official " + out.engine.name() +
                        " image; its variables were read as the official image's");
    }
    read_port(out);
    read_accounts(out);
    read_init_mounts(out);
    read_command(out);
    return out;
  }

 private:
  // A name (of a database or user) as config.toml will hold it.
  SourcedValue name_value(const std::string& variable, const Located& located, const std::string& fallback) {
    const ComposeText text = compose_text(located);
    for (const std::string& name : text.variables_without_default()) {
      findings_.guessed("service " + service_.name + ": " + variable + " takes ${" + name +
                        "}, which has no default; config.toml says ${" + name + ":-" + fallback + "}");
    }
    const std::string config_text = text.config_text(fallback);
    return {config_text, ComposeText(config_text).unset_value(), variable + ", " + located.where};
  }

  // A password: a reference stays one; a value written out in the compose file becomes
  // the default of a variable of devenv's; one from an env_file is never copied.
  SourcedValue secret_value(const std::string& variable, const Located& located, const std::string& own_variable) {
    const ComposeText text = compose_text(located);
    if (text.has_variables()) {
      for (const std::string& name : text.variables_without_default()) {
        findings_.guessed("service " + service_.name + ": " + variable + " takes ${" + name +
                          "}, which has no default; config.toml says ${" + name + ":-" + kPasswordFallback +
                          "}, so it loads without the variable");
      }
      return {text.config_text(kPasswordFallback), "", variable + ", " + located.where};
    }
    if (!located.env_file.empty()) {
      findings_.guessed("service " + service_.name + ": " + variable + " comes from " + located.env_file +
                        ", which is not copied into config.toml: it reads ${" + variable + "}, else \"" +
                        kPasswordFallback + "\"");
      return {"${" + variable + ":-" + kPasswordFallback + "}", "", variable + ", " + located.where};
    }
    const std::string value = text.unset_value();
    if (value.empty()) return guessed_password(variable + " is empty", own_variable);
    return {"${" + own_variable + ":-" + literal_dollars(value) + "}", value,
            variable + ", " + located.where + "; ${" + own_variable + "} overrides it"};
  }

  SourcedValue guessed_password(const std::string& why, const std::string& own_variable) {
    findings_.guessed("service " + service_.name + ": " + why + "; devenv needs a password: ${" + own_variable + ":-" +
                      kPasswordFallback + "}");
    return {"${" + own_variable + ":-" + kPasswordFallback + "}", "", "guessed: " + why};
  }

  std::optional<SourcedValue> password(const std::vector<std::string>& variables, const std::string& own_variable) {
    if (const auto set = first_set(service_, variables)) return secret_value(set->first, set->second, own_variable);
    std::vector<std::string> files;
    for (const std::string& name : variables) files.push_back(name + "_FILE");
    if (const auto set = first_set(service_, files)) {
      return guessed_password(set->first + " reads a file inside the container, which init cannot read", own_variable);
    }
    return std::nullopt;
  }

  void read_accounts(DatabaseService& out) {
    const engine::ImageVariables& variables = out.engine.image_variables();
    const std::string root_variable = variable_name({"devenv", service_.name, "root", "password"});
    std::optional<SourcedValue> root = password(variables.root_password, root_variable);
    if (!root) {
      const auto none = first_set(service_, variables.no_root_password);
      root = guessed_password(none ? none->first + " is set" : "no root password is set", root_variable);
    }
    out.root_password = *root;
    if (const auto user = first_set(service_, variables.root_user)) {
      out.root_user = name_value(user->first, user->second, out.engine.default_root_user());
    }
    if (const auto database = first_set(service_, variables.database)) {
      out.database = name_value(database->first, database->second, "app");
    } else if (variables.database_defaults_to_root_user && out.root_user &&
               out.root_user->value != out.engine.default_root_user()) {
      out.database = *out.root_user;  // the entrypoint names the database after its user
      out.database->origin = "named after " + out.root_user->origin;
    }
    if (const auto user = first_set(service_, variables.user)) {
      out.user = name_value(user->first, user->second, "app");
      out.user_password = password(variables.user_password, variable_name({out.user->value, "db", "password"}));
      if (!out.user_password) {
        out.user_password =
            guessed_password(user->first + " has no password", variable_name({out.user->value, "db", "password"}));
      }
    }
  }

  void read_port(DatabaseService& out) {
    const std::string target = std::to_string(out.engine.default_port());
    for (const PortMapping& mapping : service_.ports) {
      if (mapping.target != target) continue;
      out.port = port_number(mapping.published);
      if (out.port == 0) continue;
      out.port_origin = "ports, " + mapping.where;
      if (mapping.has_variables) {
        findings_.guessed("service " + service_.name + ": port " + mapping.written + " read as " +
                          std::to_string(out.port) + " (config.toml's port is a number)");
      }
      return;
    }
    out.port = out.engine.default_port();
    out.port_origin = "guessed: the image's port, which the compose file does not publish on a fixed host port";
    findings_.guessed("service " + service_.name + ": port " + target + " is not published on a fixed host port; " +
                      "devenv listens on 127.0.0.1:" + target);
  }

  void read_init_mounts(DatabaseService& out) {
    for (const BindMount& mount : service_.mounts) {
      std::string target = mount.target;
      while (target.size() > 1 && target.back() == '/') target.pop_back();
      const bool folder = target == kInitFolder;
      if (!folder && target.rfind(std::string(kInitFolder) + "/", 0) != 0) continue;
      const std::string& source = mount.source;
      if (source.empty() || source[0] == '~') {
        findings_.skipped("service " + service_.name + ": init mount " + mount.written + " (" + mount.where +
                          "): a path outside the project");
        continue;
      }
      const fs::path path = (compose_dir_ / source).lexically_normal();
      std::error_code error;
      if (!fs::exists(path, error)) {
        findings_.skipped("service " + service_.name + ": init mount " + mount.written + " (" + mount.where +
                          ") does not exist");
        continue;
      }
      out.init_mounts.push_back({path, path.lexically_relative(project_dir_).generic_string(),
                                 folder && fs::is_directory(path, error), fs::path(target).filename().string(),
                                 mount.where});
    }
  }

  // `command: mysqld --character-set-server=utf8mb4 …` / `postgres -c max_connections=200`:
  // the server's arguments after the program's name.
  void read_command(DatabaseService& out) {
    const std::vector<std::string>& words = service_.command;
    std::size_t i = 0;
    while (i < words.size() && !words[i].starts_with("-")) ++i;
    for (; i < words.size(); ++i) {
      std::string word = words[i];
      if (word == "-c" && i + 1 < words.size()) {
        word = words[++i];
      } else if (word.starts_with("-c") && !word.starts_with("--")) {
        word = word.substr(2);
      } else if (word.starts_with("--")) {
        word = word.substr(2);
      } else {
        findings_.skipped("service " + service_.name + ": command argument " + word + " (not --name=value)");
        continue;
      }
      const std::size_t equals = word.find('=');
      const std::string name = word.substr(0, equals);
      if (equals == std::string::npos || !config::is_setting_name(name)) {
        findings_.skipped("service " + service_.name + ": command argument " + words[i] + " (not name=value)");
        continue;
      }
      add_setting(out, name, unset_value(word.substr(equals + 1), service_.command_where));
    }
  }

  void add_setting(DatabaseService& out, const std::string& name, const std::string& value) {
    std::string spelled = name;  // mysqld reads character_set_server as character-set-server
    for (char& c : spelled) c = c == '_' ? '-' : c;
    if (!*out.engine.charset_setting()) {
      out.settings.emplace_back(name, value);
    } else if (spelled == out.engine.charset_setting()) {
      out.charset = value;
    } else if (spelled == out.engine.collation_setting()) {
      out.collation = value;
    } else {
      out.settings.emplace_back(name, value);
    }
    out.settings_origin = "command, " + service_.command_where;
  }

  const ComposeService& service_;
  const fs::path& project_dir_;
  const fs::path& compose_dir_;
  Findings& findings_;
};

}  // namespace

std::optional<DatabaseService> database_service(const ComposeService& service, const fs::path& project_dir,
                                                const fs::path& compose_dir, Findings& findings) {
  return ServiceReader(service, project_dir, compose_dir, findings).read();
}

std::string variable_name(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& word : words) {
    if (!out.empty()) out += '_';
    for (char c : word) {
      out += std::isalnum(static_cast<unsigned char>(c))
                 ? static_cast<char>(std::toupper(static_cast<unsigned char>(c)))
                 : '_';
    }
  }
  return out;
}

}  // namespace devenv::adopt
