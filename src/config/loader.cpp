#include "config/loader.h"

#include <toml++/toml.h>

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <sstream>

#include "config/did_you_mean.h"
#include "config/dotenv.h"
#include "config/migration_sources.h"
#include "config/name_pattern.h"
#include "config/name_rules.h"
#include "config/remote_url.h"
#include "config/schema_files.h"
#include "config/table_reader.h"
#include "config/url_variable.h"
#include "util/ascii_case.h"
#include "util/file.h"
#include "util/host_and_port.h"

namespace devenv::config {
namespace {

namespace fs = std::filesystem;

// Keys name files and environment variables; partitions are databases on one
// server. Database and user names are held to their engine's limits (engine::Engine).
constexpr std::size_t kMaxKeyLength = 64;
constexpr std::int64_t kMaxPartitions = 10000;

// Passwords may hold any character but these: client option files and SQL are
// line-based, and C strings end at NUL.
void check_secret(const TableReader& reader, const std::string& key, const std::string& path,
                  const std::string& value) {
  if (value.find_first_of(std::string("\n\r\0", 3)) == std::string::npos) return;
  throw ConfigError(reader.where_of(key), path, "must not contain a line break or NUL",
                    "choose a password without them (any other character is fine)");
}

class Loader {
 public:
  Loader(const fs::path& file, const Environment& environment)
      : file_(fs::absolute(file).lexically_normal()), display_(file.string()), environment_(environment) {}

  Config load(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, display_);
    } catch (const toml::parse_error& e) {
      const auto& begin = e.source().begin;
      throw ConfigError(display_ + ":" + std::to_string(begin.line) + ":" + std::to_string(begin.column), "",
                        "TOML syntax error: " + std::string(e.description()), "see https://toml.io for the syntax");
    }
    TableReader top(root, "", display_, environment_, {"project", "servers", "databases", "users", "ignore"});
    Config config;
    config.file = file_;
    config.dir = file_.parent_path();
    config.project = project(top);
    config.servers = servers(top);
    check_remote_runtime(top, config);
    config.databases = databases(top, config);
    config.users = users(top, config);
    check_prefixed_names(config);
    check_shared_servers_distinct(config);
    for (std::size_t i = 0; i < config.databases.size(); ++i) resolve_owner(config, config.databases[i], i);
    config.ignore = ignore_settings(top);
    return config;
  }

 private:
  Project project(const TableReader& top) {
    Project project;
    project.name = config_dir_name();
    project.runtime = "native";
    project.state_dir = file_.parent_path() / ".devenv";
    const toml::node* node = top.node("project");
    if (!node) return project;
    TableReader reader(top.table("project", *node), "project", display_, environment_, project_keys());
    if (auto state_dir = reader.string("state_dir"))
      project.state_dir = (file_.parent_path() / *state_dir).lexically_normal();
    project.data_on_tmpfs = reader.boolean("data_on_tmpfs").value_or(false);
    project.network_mode = reader.string("network_mode").value_or("");
    if (!project.network_mode.empty() && project.network_mode != "host") {
      throw ConfigError(reader.where_of("network_mode"), "project.network_mode",
                        "expected \"host\" (or no key: ports published on 127.0.0.1)");
    }
    if (auto compose_file = reader.string("compose_file"))
      project.compose_file = checked_compose_file(reader, *compose_file);
    if (auto name = reader.string("name")) {
      if (!is_compose_project_name(*name)) {
        throw ConfigError(reader.where_of("name"), "project.name", "\"" + *name + "\" is not a valid project name",
                          "use lower-case letters, digits, '-' and '_' (docker compose's rule)");
      }
      project.name = *name;
    }
    if (auto runtime = reader.string("runtime")) project.runtime = checked_runtime(reader, "project.runtime", *runtime);
    return project;
  }

  static std::vector<std::string> project_keys() {
    return {"name", "runtime", "state_dir", "data_on_tmpfs", "network_mode", "compose_file"};
  }

  static std::string checked_runtime(const TableReader& reader, const std::string& path, const std::string& runtime) {
    if (runtime == "native" || runtime == "compose" || runtime == "remote") return runtime;
    throw ConfigError(reader.where_of("runtime"), path,
                      "expected \"native\", \"compose\" or \"remote\", got \"" + runtime + "\"");
  }

  // project.runtime = "remote" applies to the servers that name no runtime: each needs a url.
  void check_remote_runtime(const TableReader& top, const Config& config) const {
    if (config.project.runtime != "remote") return;
    for (const Server& server : config.servers) {
      if (!server.runtime.empty() || server.remote || !server.engine.runs_a_server()) continue;
      const toml::node* project = top.node("project");
      TableReader reader(top.table("project", *project), "project", display_, environment_, project_keys());
      throw ConfigError(reader.where_of("runtime"), "project.runtime",
                        "servers." + server.name + " has no url, so it cannot run on a remote server",
                        "give servers." + server.name + " a url, or runtime = \"native\" of its own");
    }
  }

  // A file name beside the config: the compose file mounts ./initdb/<server>, which is
  // relative to the compose file's own folder.
  static std::string checked_compose_file(const TableReader& reader, const std::string& name) {
    const bool yaml = name.ends_with(".yml") || name.ends_with(".yaml");
    if (yaml && name.find('/') == std::string::npos && name.front() != '.') return name;
    throw ConfigError(reader.where_of("compose_file"), "project.compose_file",
                      "\"" + name + "\" is not a .yml or .yaml file name beside the config",
                      "write a plain file name, e.g. \"devenv.compose.yml\"");
  }

  std::string config_dir_name() const {
    std::string name = file_.parent_path().filename().string();
    std::string out;
    for (char c : name) {
      const char lower = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      out.push_back(std::isalnum(static_cast<unsigned char>(lower)) || lower == '-' || lower == '_' ? lower : '-');
    }
    return out.empty() || !std::isalnum(static_cast<unsigned char>(out[0])) ? "devenv" + out : out;
  }

  std::vector<Server> servers(const TableReader& top) {
    const toml::node* node = top.node("servers");
    if (!node) top.missing("servers", "at least one [servers.<name>] table");
    const toml::table& table = top.table("servers", *node);
    std::vector<Server> out;
    for (auto&& [key, value] : table) {
      const std::string name(key.str());
      const std::string path = "servers." + name;
      if (!is_file_safe_name(name)) {
        throw ConfigError(top.where(key.source()), path, "server names are used as folder names",
                          "use lower-case letters, digits, '-' and '_'");
      }
      const toml::table* server_table = value.as_table();
      if (!server_table)
        throw ConfigError(top.where(value.source()), path, "expected a table, got " + type_name(value));
      out.push_back(server(*server_table, name, path));
      check_port_is_unique(out, top.where(value.source()), path);
    }
    if (out.empty()) top.missing("servers", "at least one [servers.<name>] table");
    return out;  // toml++ keeps table keys sorted: a stable order
  }

  // Two servers on one fixed port: the second would fail at `up`, after the first started.
  static void check_port_is_unique(const std::vector<Server>& servers, const std::string& where,
                                   const std::string& path) {
    const Server& added = servers.back();
    for (std::size_t i = 0; added.port != 0 && i + 1 < servers.size(); ++i) {
      // Two shared servers (each with a url) never run here on their `port`s by default.
      if (added.remote && servers[i].remote) continue;
      if (servers[i].port == added.port) {
        throw ConfigError(where, path + ".port",
                          "port " + std::to_string(added.port) + " is also servers." + servers[i].name + ".port",
                          "give each server its own port (0 picks a free one)");
      }
    }
  }

  Server server(const toml::table& table, const std::string& name, const std::string& path) {
    TableReader reader(
        table, path, display_, environment_,
        {"engine", "version", "port", "root_user", "root_password", "image", "charset", "collation", "bin_dir",
         "settings", "runtime", "url", "prefix", "tls", "ca_file", "connect_timeout", "read_timeout"});
    Server server;
    server.name = name;
    const std::string engine = reader.required_string("engine", "\"mariadb\"");
    const std::optional<engine::Engine> known = engine::Engine::from_name(engine);
    if (!known) {
      const std::string guess = did_you_mean(engine, engine::Engine::names());
      throw ConfigError(
          reader.where_of("engine"), path + ".engine", "unknown engine \"" + engine + "\"",
          guess.empty() ? "use \"mysql\", \"mariadb\", \"postgres\" or \"sqlite\"" : "did you mean \"" + guess + "\"?");
    }
    server.engine = *known;
    if (!server.engine.runs_a_server()) return file_server(reader, std::move(server), path);
    if (auto runtime = reader.string("runtime")) server.runtime = checked_runtime(reader, path + ".runtime", *runtime);
    if (reader.node("url")) {
      server.remote = remote_settings(reader, server.engine, path);
    } else {
      for (const char* key : {"prefix", "tls", "ca_file", "connect_timeout", "read_timeout"}) {
        if (reader.node(key)) {
          throw ConfigError(reader.where_of(key), path + "." + key,
                            std::string("only a shared server (with a `url`) has a ") + key,
                            "add url = \"mysql://admin:${ADMIN_PW}@host:3306\" and runtime = \"remote\", or remove it");
        }
      }
    }
    if (server.runtime == "remote" && !server.remote) {
      throw ConfigError(reader.where_of("runtime"), path + ".url", "a remote server needs the url of its admin account",
                        "add url = \"" + std::string(server.engine.url_scheme()) +
                            "://admin:${ADMIN_PW}@host:" + std::to_string(server.engine.default_port()) + "\"");
    }
    server.version = reader.string("version").value_or("");
    const std::int64_t port = reader.integer("port").value_or(server.engine.default_port());
    if (port < 0 || port > 65535) {
      throw ConfigError(reader.where_of("port"), path + ".port",
                        "expected a port from 1 to 65535 (0 picks a free one)");
    }
    server.port = static_cast<int>(port);
    server.root_user = reader.string("root_user").value_or(server.engine.default_root_user());
    server.root_password = reader.secret("root_password").value_or(Secret{"devenv", "devenv"});
    check_secret(reader, "root_password", path + ".root_password", server.root_password.value);
    if (server.root_password.value.empty()) {
      throw ConfigError(reader.where_of("root_password"), path + ".root_password", "must not be empty",
                        "the official images refuse to start without a root password");
    }
    server.image = reader.string("image").value_or(server.engine.default_image());
    server.charset = reader.string("charset").value_or(server.engine.default_charset());
    server.collation = reader.string("collation").value_or("");
    for (const char* key : {"charset", "collation"}) {
      const std::string& value = std::string(key) == "charset" ? server.charset : server.collation;
      if (!value.empty() && !is_charset_name(value)) {
        throw ConfigError(
            reader.where_of(key), path + "." + key, "\"" + value + "\" is not a " + key + " name",
            "names are letters, digits, '_', '-' and '.', e.g. utf8mb4 / utf8mb4_unicode_ci / en_US.UTF-8");
      }
    }
    if (auto bin_dir = reader.string("bin_dir")) server.bin_dir = (file_.parent_path() / *bin_dir).lexically_normal();
    if (const toml::node* settings = reader.node("settings")) {
      server.settings = server_settings(reader.table("settings", *settings), path + ".settings");
    }
    return server;
  }

  // `url`, `prefix`, `tls`, `ca_file` of a shared server. The URL is split as written,
  // then each part resolved: a password from ${ADMIN_PW} may hold any character.
  RemoteSettings remote_settings(const TableReader& reader, const engine::Engine& engine, const std::string& path) {
    RemoteSettings remote;
    remote.where = reader.where_of("url");
    remote.prefix_where = reader.where_of(reader.node("prefix") ? "prefix" : "url");
    const toml::node& node = *reader.node("url");
    if (!node.is_string()) reader.wrong_type("url", node, "a string");
    std::string why;
    const std::optional<RemoteUrlParts> parts = split_remote_url(**node.as_string(), why);
    const std::string example =
        std::string(engine.url_scheme()) + "://admin:${ADMIN_PW}@db.internal:" + std::to_string(engine.default_port());
    if (!parts) throw ConfigError(remote.where, path + ".url", why, "write it as \"" + example + "\"");
    const std::optional<engine::Engine> scheme = engine::Engine::from_name(parts->scheme);
    if (!scheme || !scheme->runs_a_server() || scheme->dialect() != engine.dialect()) {
      throw ConfigError(remote.where, path + ".url",
                        "\"" + parts->scheme + "://\" does not reach a " + engine.name() + " server",
                        "write it as \"" + example + "\"");
    }
    // What comes from the environment is read now but complained about only by the
    // commands that reach the server: `build --check` in CI has no admin password.
    std::string port;
    std::string prefix;
    try {
      remote.host = without_brackets(reader.resolve("url", parts->host));
      port = reader.resolve("url", parts->port);
      remote.admin_user = reader.resolve("url", parts->user);
      remote.admin_password = {parts->password, reader.resolve("url", parts->password)};
      prefix = reader.node("prefix") ? *reader.string("prefix") : default_prefix(reader, path);
    } catch (const ConfigError&) {
      remote.failure = std::current_exception();
    }
    if (!remote.failure) check_remote(reader, engine, path, port, prefix, remote);
    remote.tls = reader.string("tls").value_or("prefer");
    if (remote.tls != "prefer" && remote.tls != "disable" && remote.tls != "require" && remote.tls != "verify-full") {
      throw ConfigError(reader.where_of("tls"), path + ".tls",
                        "expected \"disable\", \"prefer\", \"require\" or \"verify-full\"",
                        "\"require\" encrypts; \"verify-full\" also checks the server's certificate and host name");
    }
    remote.connect_timeout = timeout(reader, "connect_timeout", path).value_or(remote.connect_timeout);
    remote.read_timeout = timeout(reader, "read_timeout", path).value_or(remote.read_timeout);
    if (auto ca_file = reader.string("ca_file")) {
      remote.ca_file = (file_.parent_path() / *ca_file).lexically_normal();
      std::error_code error;
      if (!fs::is_regular_file(remote.ca_file, error)) {
        throw ConfigError(reader.where_of("ca_file"), path + ".ca_file", "no such file: " + remote.ca_file.string(),
                          "give the PEM file of the certificate authority that signed the server's certificate");
      }
    }
    return remote;
  }

  // The url's and prefix's values, once read: wrong ones are errors at once.
  static void check_remote(const TableReader& reader, const engine::Engine& engine, const std::string& path,
                           const std::string& port, const std::string& prefix, RemoteSettings& remote) {
    const bool digits = !port.empty() && port.size() <= 5 && std::all_of(port.begin(), port.end(), ::isdigit);
    remote.port = port.empty() ? engine.default_port() : digits ? std::atoi(port.c_str()) : 0;
    if (remote.port < 1 || remote.port > 65535)
      throw ConfigError(remote.where, path + ".url", "\"" + port + "\" is not a port from 1 to 65535");
    if (remote.admin_user.empty()) remote.admin_user = engine.default_root_user();
    check_secret(reader, "url", path + ".url", remote.admin_password.value);
    remote.prefix = checked_prefix(reader, prefix, path);
  }

  static std::optional<int> timeout(const TableReader& reader, const std::string& key, const std::string& path) {
    const std::optional<std::int64_t> seconds = reader.integer(key);
    if (!seconds) return std::nullopt;
    if (*seconds < 1 || *seconds > 3600)
      throw ConfigError(reader.where_of(key), path + "." + key, "expected seconds from 1 to 3600");
    return static_cast<int>(*seconds);
  }

  // Names made from it are quoted everywhere, but stay easy to type: letters, digits, '_'.
  static std::string checked_prefix(const TableReader& reader, const std::string& prefix, const std::string& path) {
    // Lower case only: MySQL compares names without case on some systems
    // (lower_case_table_names), and "Alice_" must never reach alice_'s databases.
    const bool plain = !prefix.empty() && prefix.front() >= 'a' && prefix.front() <= 'z' &&
                       std::all_of(prefix.begin(), prefix.end(),
                                   [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
    if (plain && prefix.size() <= 32) return prefix;
    throw ConfigError(reader.where_of("prefix"), path + ".prefix", "\"" + prefix + "\" is not a prefix devenv can use",
                      "start with a letter; use lower-case letters, digits and '_', at most 32 (e.g. \"alice_\")");
  }

  // $USER, lower-cased, anything but letters and digits as '_', and a '_'.
  std::string default_prefix(const TableReader& reader, const std::string& path) const {
    const std::optional<std::string> user = environment_("USER");
    std::string prefix;
    for (char c : user.value_or("")) {
      const auto byte = static_cast<unsigned char>(c);
      prefix.push_back(std::isalnum(byte) && byte < 0x80 ? static_cast<char>(std::tolower(byte)) : '_');
    }
    if (prefix.empty()) {
      throw ConfigError(reader.where_of("url"), path + ".prefix", "$USER is not set, and the server has no prefix",
                        "add prefix = \"yourname_\": every database devenv makes there starts with it");
    }
    if (!std::isalpha(static_cast<unsigned char>(prefix.front()))) prefix = "u" + prefix;
    return prefix.substr(0, 31) + "_";
  }

  // SQLite: a folder of database files. Every setting of a server process is refused by
  // name, so that a config copied from a MySQL server says what to take out.
  static Server file_server(const TableReader& reader, Server server, const std::string& path) {
    for (const char* key :
         {"version", "port", "root_user", "root_password", "image", "charset", "collation", "bin_dir", "settings",
          "runtime", "url", "prefix", "tls", "ca_file", "connect_timeout", "read_timeout"}) {
      if (!reader.node(key)) continue;
      throw ConfigError(reader.where_of(key), path + "." + key, std::string("a SQLite server has no ") + key,
                        "remove it: a SQLite server is a folder of database files (<name>.db) that apps open "
                        "themselves; there is no process, port, account or image");
    }
    server.root_user.clear();
    return server;
  }

  // The shortest decimal that reads back as `number`, never in exponent form (1e+06),
  // which servers refuse for some settings.
  static std::string decimal_text(double number) {
    char text[400];
    const auto [end, error] = std::to_chars(text, text + sizeof text, number, std::chars_format::fixed);
    return error == std::errc() ? std::string(text, end) : std::to_string(number);
  }

  // Each value as the server reads it on its command line: strings as written (with
  // ${VAR} resolved), numbers in decimal, booleans as on/off.
  std::vector<std::pair<std::string, std::string>> server_settings(const toml::table& table, const std::string& path) {
    std::vector<std::string> names;
    for (const auto& [key, node] : table) names.emplace_back(key.str());
    const TableReader reader(table, path, display_, environment_, names);
    std::vector<std::pair<std::string, std::string>> settings;
    for (const std::string& name : names) {
      if (!is_setting_name(name)) {
        throw ConfigError(reader.where_of(name), reader.key_path(name), "\"" + name + "\" is not a server setting name",
                          "names are letters, digits, '_', '-' and '.', e.g. innodb_buffer_pool_size");
      }
      const toml::node& node = *reader.node(name);
      std::string value;
      if (node.is_string()) {
        value = *reader.string(name);
      } else if (const auto* number = node.as_integer()) {
        value = std::to_string(**number);
      } else if (const auto* flag = node.as_boolean()) {
        value = **flag ? "on" : "off";
      } else if (const auto* real = node.as_floating_point()) {
        value = decimal_text(**real);
      } else {
        reader.wrong_type(name, node, "a string, a number or a boolean");
      }
      if (std::any_of(value.begin(), value.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; })) {
        throw ConfigError(reader.where_of(name), reader.key_path(name), "the value holds a control character",
                          "write it on one line");
      }
      settings.emplace_back(name, value);
    }
    return settings;
  }

  // `ignore = ["kind:glob", …]`: each pattern with its key and place, for verify to check.
  static std::vector<IgnoreSetting> ignore_settings(const TableReader& reader) {
    const std::vector<std::string> patterns = reader.string_array("ignore");
    std::vector<IgnoreSetting> out;
    for (std::size_t i = 0; i < patterns.size(); ++i) {
      const toml::node& item = *reader.node("ignore")->as_array()->get(i);
      out.push_back(
          {patterns[i], reader.key_path("ignore") + "[" + std::to_string(i) + "]", reader.where(item.source())});
    }
    return out;
  }

  std::vector<Database> databases(const TableReader& top, const Config& config) {
    const toml::node* node = top.node("databases");
    if (!node) top.missing("databases", "at least one [[databases]] entry");
    const toml::array* array = node->as_array();
    if (!array || !array->is_array_of_tables())
      top.wrong_type("databases", *node, "an array of tables ([[databases]])");
    std::vector<Database> out;
    std::map<std::string, std::string> names_in_use;  // "server/name" → key that uses it
    std::map<std::string, std::string> variables;     // DEVENV_<KEY>_URL → key
    for (std::size_t i = 0; i < array->size(); ++i) {
      const std::string path = "databases[" + std::to_string(i) + "]";
      Database database = this->database(*(*array)[i].as_table(), path, config);
      for (const Database& earlier : out) {
        if (earlier.key == database.key) {
          throw ConfigError(top.where((*array)[i].source()), path + ".key", "duplicate key \"" + database.key + "\"",
                            "each logical database needs its own key");
        }
      }
      for (const std::string& name : database.names) {
        const auto [it, fresh] = names_in_use.emplace(database.server + "/" + name, database.key);
        if (!fresh) {
          throw ConfigError(
              top.where((*array)[i].source()), path + ".name",
              "database \"" + name + "\" on server " + database.server + " is already used by \"" + it->second + "\"",
              "give each logical database its own name (partition templates expand too)");
        }
      }
      check_url_variables(top.where((*array)[i].source()), path, database, variables);
      out.push_back(std::move(database));
    }
    return out;
  }

  // Two databases must not set the same DEVENV_<KEY>_URL (main-db and main_db would).
  static void check_url_variables(const std::string& where, const std::string& path, const Database& database,
                                  std::map<std::string, std::string>& variables) {
    for (const std::string& name : database.names) {
      const std::string variable = url_variable(database, name);
      const auto [it, fresh] = variables.emplace(variable, database.key);
      if (!fresh) {
        throw ConfigError(
            where, path + ".key",
            "\"" + database.key + "\" and \"" + it->second + "\" both set " + variable + " in `devenv env`",
            "rename one key so that they differ in more than '-' and '_'");
      }
    }
  }

  Database database(const toml::table& table, const std::string& path, const Config& config) {
    TableReader reader(table, path, display_, environment_,
                       {"key", "name", "server", "count", "source", "sources", "schema", "schemas", "ignore",
                        "migrations", "migration_tool", "migration_table", "owner", "polyfills"});
    Database database;
    database.key = reader.required_string("key", "\"main\"");
    if (database.key.size() > kMaxKeyLength) {
      throw ConfigError(
          reader.where_of("key"), path + ".key",
          "\"" + database.key.substr(0, 20) + "…\" is longer than " + std::to_string(kMaxKeyLength) + " characters",
          "keys name files and environment variables: keep them short");
    }
    if (!is_file_safe_name(database.key)) {
      throw ConfigError(reader.where_of("key"), path + ".key", "\"" + database.key + "\" is not a valid key",
                        "keys name files (NN-<key>-schema.sql): use lower-case letters, digits, '-' and '_'");
    }
    database.name_pattern = reader.string("name").value_or(database.key);
    database.server = server_of(reader, path, config);
    const Server& server = *config.find_server(database.server);
    database.names = expand_names(reader, path, database, server.engine);
    database.is_template = database.names.size() > 1 || NamePattern(database.name_pattern).is_template();
    const std::optional<std::string> schema = reader.string("schema");
    if (schema && !server.engine.has_schemas()) {
      throw ConfigError(reader.where_of("schema"), path + ".schema",
                        "MySQL has no schemas inside a database (a MySQL schema is a database)",
                        "remove it, or declare another [[databases]] entry");
    }
    database.schema = server.engine.has_schemas() ? schema.value_or("public") : "";
    database.declared_schemas = declared_schemas(reader, path, server.engine);
    if (reader.node("migrations")) {
      database.migrations = migration_settings(reader, path);
      if (!server.engine.has_schemas() && database.migrations->table.find('.') != std::string::npos) {
        throw ConfigError(reader.where_of("migration_table"), path + ".migration_table",
                          std::string(server.engine.name()) +
                              " keeps the history table in the database itself: name the table alone");
      }
      try {
        database.sources =
            migration_sources(*database.migrations, file_.parent_path(), database.schema, path + ".migration_tool");
      } catch (const ConfigError&) {
        throw;  // a config mistake (an unknown tool) stops every command, as any other does
      } catch (const std::exception&) {
        database.migrations->failure = std::current_exception();
      }
    } else {
      check_no_migration_keys(reader, path);
      database.sources = sources(reader, path, database.schema, server.engine.has_schemas());
    }
    database.ignore = ignore_settings(reader);
    database.owner = reader.string("owner").value_or("");
    owner_where_[database.key] = reader.where_of("owner");
    database.polyfills = polyfills(reader, path, server.engine);
    return database;
  }

  // `schemas = ["identity", "billing"]`: PostgreSQL schemas the database holds besides
  // the one unqualified names go into.
  static std::vector<std::string> declared_schemas(const TableReader& reader, const std::string& path,
                                                   const engine::Engine& engine) {
    const std::vector<std::string> names = reader.string_array("schemas");
    if (!names.empty() && !engine.has_schemas()) {
      throw ConfigError(reader.where_of("schemas"), path + ".schemas",
                        "MySQL has no schemas inside a database (a MySQL schema is a database)",
                        "remove it, or declare another [[databases]] entry");
    }
    for (const std::string& name : names) {
      if (!is_plain_schema_name(name)) {
        throw ConfigError(reader.where_of("schemas"), path + ".schemas", "\"" + name + "\" is not a plain schema name",
                          "use lower-case letters, digits, '_'");
      }
    }
    return names;
  }

  // migrations = "dir" | ["dir", …], with the tool named or detected later (config/migration_sources.h).
  MigrationSettings migration_settings(const TableReader& reader, const std::string& path) {
    for (const char* key : {"source", "sources"}) {
      if (reader.node(key)) {
        throw ConfigError(reader.where_of(key), path + "." + key,
                          "give either migrations or " + std::string(key) + ", not both",
                          "a database's schema comes from its migration folders or from schema files");
      }
    }
    MigrationSettings settings;
    settings.where = reader.where_of("migrations");
    const toml::node& node = *reader.node("migrations");
    std::vector<std::string> folders;
    if (node.is_string()) {
      folders.push_back(*reader.string("migrations"));
    } else {
      folders = reader.string_array("migrations");
      if (folders.empty()) reader.wrong_type("migrations", node, "a folder, or a non-empty array of folders");
    }
    for (const std::string& folder : folders) {
      const fs::path absolute = (file_.parent_path() / folder).lexically_normal();
      std::error_code error;
      if (!fs::is_directory(absolute, error)) {
        throw ConfigError(settings.where, path + ".migrations", "migration folder " + folder + " does not exist",
                          "paths are relative to the folder of " + display_);
      }
      settings.folders.push_back(absolute);
    }
    settings.tool = reader.string("migration_tool").value_or("");
    settings.table = reader.string("migration_table").value_or("");
    check_migration_table(reader, path, settings.table);
    settings.tool_where = reader.where_of("migration_tool");
    return settings;
  }

  // A plain name, or schema.name on PostgreSQL, as the tools accept in their settings.
  static void check_migration_table(const TableReader& reader, const std::string& path, const std::string& table) {
    if (table.empty()) return;
    const std::size_t dot = table.find('.');
    const bool plain = dot == std::string::npos
                           ? is_plain_name(table)
                           : is_plain_schema_name(table.substr(0, dot)) && is_plain_name(table.substr(dot + 1));
    if (plain) return;
    throw ConfigError(reader.where_of("migration_table"), path + ".migration_table",
                      "\"" + table + "\" is not a plain table name",
                      "use letters, digits and '_' (on PostgreSQL also schema.table), as the app's migrator names it");
  }

  static void check_no_migration_keys(const TableReader& reader, const std::string& path) {
    for (const char* key : {"migration_tool", "migration_table"}) {
      if (reader.node(key)) {
        throw ConfigError(reader.where_of(key), path + "." + key, std::string(key) + " needs migrations = \"folder\"",
                          "name the migration folder(s), or remove the key");
      }
    }
  }

  static std::vector<std::string> polyfills(const TableReader& reader, const std::string& path,
                                            const engine::Engine& engine) {
    std::vector<std::string> names = reader.string_array("polyfills");
    for (std::string& name : names) {
      for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (!engine.has_polyfill(name)) {
        const std::vector<std::string> known = engine.polyfill_names();
        throw ConfigError(reader.where_of("polyfills"), path + ".polyfills",
                          "devenv has no polyfill \"" + name + "\" for " + std::string(engine.name()),
                          known.empty() ? "remove the key" : "known: " + join_words(known));
      }
    }
    return names;
  }

  std::string server_of(const TableReader& reader, const std::string& path, const Config& config) {
    const std::string name = reader.required_string("server", "\"mysql\"");
    if (config.find_server(name)) return name;
    std::vector<std::string> known;
    for (const Server& server : config.servers) known.push_back(server.name);
    const std::string guess = did_you_mean(name, known);
    throw ConfigError(reader.where_of("server"), path + ".server", "no server named \"" + name + "\"",
                      guess.empty() ? "declared servers: " + join_words(known) : "did you mean \"" + guess + "\"?");
  }

  std::vector<std::string> expand_names(const TableReader& reader, const std::string& path, const Database& database,
                                        const engine::Engine& engine) {
    std::optional<NamePattern> pattern;
    try {
      pattern.emplace(database.name_pattern);
    } catch (const std::invalid_argument& e) {
      throw ConfigError(reader.where_of("name"), path + ".name", e.what(), "write e.g. \"partition_{n:03}\"");
    }
    const std::optional<std::int64_t> count = reader.integer("count");
    if (!pattern->is_template()) {
      if (count) {
        throw ConfigError(reader.where_of("count"), path + ".count", "count needs a {n} placeholder in the name",
                          "write name = \"" + database.name_pattern + "_{n:03}\"");
      }
      check_database_name(reader, path, database.name_pattern, engine);
      return {database.name_pattern};
    }
    if (!count) reader.missing("count", "how many databases the template \"" + database.name_pattern + "\" expands to");
    if (*count > kMaxPartitions) {
      throw ConfigError(reader.where_of("count"), path + ".count",
                        std::to_string(*count) + " is more databases than devenv makes on one server (at most " +
                            std::to_string(kMaxPartitions) + ")");
    }
    if (*count < 1) {
      throw ConfigError(reader.where_of("count"), path + ".count",
                        "expected at least 1, got " + std::to_string(*count));
    }
    if (pattern->max_count() && *count > *pattern->max_count()) {
      throw ConfigError(reader.where_of("count"), path + ".count",
                        std::to_string(*count) + " partitions do not fit \"" + database.name_pattern + "\" (at most " +
                            std::to_string(*pattern->max_count()) + ")",
                        "widen the placeholder, e.g. {n:04}");
    }
    std::vector<std::string> names = pattern->expand(*count);
    check_database_name(reader, path, names.back(), engine);
    return names;
  }

  void check_database_name(const TableReader& reader, const std::string& path, const std::string& name,
                           const engine::Engine& engine) {
    if (!is_plain_name(name)) {
      throw ConfigError(reader.where_of("name"), path + ".name", "\"" + name + "\" is not a plain database name",
                        "use letters, digits and '_', not starting with a digit");
    }
    check_length(reader, "name", path + ".name", name, engine.max_identifier_bytes(),
                 std::string(engine.name()) + " database names");
  }

  // A host from a variable may hold its IPv6 brackets ("${DB_HOST}" = "[fd00::5]"):
  // the drivers want the bare address.
  static std::string without_brackets(const std::string& host) {
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') return host.substr(1, host.size() - 2);
    return host;
  }

  // Names are plain ASCII here, so bytes and characters are the same count.
  // A shared server's names carry the developer's prefix: each must still fit the engine.
  static void check_prefixed_names(const Config& config) {
    for (const Server& server : config.servers) {
      if (!server.remote || server.remote->failure) continue;
      const std::string& prefix = server.remote->prefix;
      const auto check = [&](const std::string& name, std::size_t limit, const std::string& what) {
        if (prefix.size() + name.size() <= limit) return;
        throw ConfigError(server.remote->prefix_where, "servers." + server.name + ".prefix",
                          "with prefix \"" + prefix + "\", " + what + " " + name + " becomes " +
                              std::to_string(prefix.size() + name.size()) + " characters long; " +
                              server.engine.name() + " allows " + std::to_string(limit),
                          "set a shorter prefix (prefix = \"al_\") for servers." + server.name);
      };
      for (const Database* database : config.databases_on(server.name)) {
        for (const std::string& name : database->names) check(name, server.engine.max_identifier_bytes(), "database");
      }
      for (const User& user : config.users) {
        if (user.server == server.name) check(user.name, server.engine.max_user_name_bytes(), "user");
      }
      // The account the MySQL family's init scripts run as (runtime/remote_server.h).
      if (server.engine.dialect() == sqltext::Dialect::MySQL)
        check("devenv-init", server.engine.max_user_name_bytes(), "user");
    }
  }

  // Two entries for one shared server and one prefix would each take the other's
  // databases (and registry rows) for its own, and purge them.
  static void check_shared_servers_distinct(const Config& config) {
    for (auto first = config.servers.begin(); first != config.servers.end(); ++first) {
      if (!first->remote || first->remote->failure) continue;
      for (auto second = std::next(first); second != config.servers.end(); ++second) {
        if (!second->remote || second->remote->failure) continue;
        const RemoteSettings& a = *first->remote;
        const RemoteSettings& b = *second->remote;
        if (util::ascii_lower(a.host) != util::ascii_lower(b.host) || a.port != b.port || a.prefix != b.prefix)
          continue;
        throw ConfigError(b.where, "servers." + second->name + ".url",
                          "servers." + first->name + " and servers." + second->name + " are the same shared server (" +
                              util::host_and_port(b.host, b.port) + ") with the same prefix \"" + b.prefix +
                              "\": each would take the other's databases for its own",
                          "give one of them a prefix of its own (a `prefix` key), or declare both servers' "
                          "databases on one of them");
      }
    }
  }

  static void check_length(const TableReader& reader, const std::string& key, const std::string& path,
                           const std::string& name, std::size_t limit, const std::string& what) {
    if (name.size() <= limit) return;
    throw ConfigError(reader.where_of(key), path,
                      "\"" + name.substr(0, 20) + "…\" is " + std::to_string(name.size()) + " characters long; " +
                          what + " are at most " + std::to_string(limit),
                      "shorten it (for a template, the longest expanded name counts)");
  }

  // source = "file.sql" | "dir/"; sources = ["a.sql", { path = "b.sql", schema = "billing" }]
  std::vector<SchemaSource> sources(const TableReader& reader, const std::string& path, const std::string& schema,
                                    bool has_schemas) {
    const toml::node* one = reader.node("source");
    const toml::node* many = reader.node("sources");
    if (one && many) {
      throw ConfigError(reader.where_of("sources"), path + ".sources", "give either source or sources, not both");
    }
    if (!one && !many) reader.missing("source", "a schema file or folder, e.g. \"schemas/main.sql\"");
    std::vector<SchemaSource> out;
    if (one) {
      add_source(out, path + ".source", *reader.string("source"), schema, reader.where_of("source"));
      return out;
    }
    const toml::array* array = many->as_array();
    if (!array || array->empty()) reader.wrong_type("sources", *many, "a non-empty array");
    for (std::size_t i = 0; i < array->size(); ++i) {
      const toml::node& item = (*array)[i];
      const std::string item_path = path + ".sources[" + std::to_string(i) + "]";
      const std::string where = reader.where(item.source());
      if (item.is_string()) {
        add_source(out, item_path, reader.resolve("sources", **item.as_string()), schema, where);
      } else if (const toml::table* table = item.as_table()) {
        TableReader entry(*table, item_path, display_, environment_, {"path", "schema"});
        const std::optional<std::string> entry_schema = entry.string("schema");
        if (entry_schema && !has_schemas) {
          throw ConfigError(entry.where_of("schema"), item_path + ".schema", "MySQL has no schemas inside a database");
        }
        if (entry_schema && !is_plain_schema_name(*entry_schema)) {
          throw ConfigError(entry.where_of("schema"), item_path + ".schema",
                            "\"" + *entry_schema + "\" is not a plain schema name",
                            "use lower-case letters, digits, '_'");
        }
        add_source(out, item_path + ".path", entry.required_string("path", "\"schemas/billing.sql\""),
                   entry_schema.value_or(schema), entry.where_of("path"));
      } else {
        throw ConfigError(where, item_path, "expected a path or { path = …, schema = … }, got " + type_name(item));
      }
    }
    return out;
  }

  void add_source(std::vector<SchemaSource>& out, const std::string& key, const std::string& value,
                  const std::string& schema, const std::string& where) {
    const std::vector<SchemaSource> files = schema_files(file_.parent_path(), value, schema, {where, key, display_});
    out.insert(out.end(), files.begin(), files.end());
  }

  std::vector<User> users(const TableReader& top, const Config& config) {
    const toml::node* node = top.node("users");
    if (!node) return {};
    const toml::array* array = node->as_array();
    if (!array || !array->is_array_of_tables()) top.wrong_type("users", *node, "an array of tables ([[users]])");
    std::vector<User> out;
    for (std::size_t i = 0; i < array->size(); ++i) {
      const std::string path = "users[" + std::to_string(i) + "]";
      TableReader reader(*(*array)[i].as_table(), path, display_, environment_,
                         {"name", "password", "server", "databases"});
      User user;
      user.name = reader.required_string("name", "\"app\"");
      if (!is_plain_name(user.name)) {
        throw ConfigError(reader.where_of("name"), path + ".name", "\"" + user.name + "\" is not a plain user name");
      }
      std::optional<Secret> password = reader.secret("password");
      if (!password || password->value.empty()) {
        reader.missing("password", "a non-empty string, e.g. \"${APP_DB_PASSWORD:-app}\"");
      }
      check_secret(reader, "password", path + ".password", password->value);
      user.password = *password;
      user.server = server_of(reader, path, config);
      const engine::Engine& engine = config.find_server(user.server)->engine;
      if (!engine.runs_a_server()) {
        throw ConfigError(reader.where_of("server"), path + ".server",
                          "server " + user.server + " is SQLite, which has no accounts",
                          "remove this [[users]] entry: apps open the database files themselves "
                          "(`devenv env` prints their sqlite:/// URLs)");
      }
      check_length(reader, "name", path + ".name", user.name, engine.max_user_name_bytes(),
                   std::string(engine.name()) + " user names");
      user.database_keys = reader.string_array("databases");
      for (const std::string& key : user.database_keys) check_grant(reader, path, config, user, key);
      out.push_back(std::move(user));
    }
    return out;
  }

  void check_grant(const TableReader& reader, const std::string& path, const Config& config, const User& user,
                   const std::string& key) {
    const Database* database = config.find_database(key);
    if (database && database->server == user.server) return;
    std::vector<std::string> keys;
    for (const Database* candidate : config.databases_on(user.server)) keys.push_back(candidate->key);
    const std::string guess = did_you_mean(key, keys);
    throw ConfigError(reader.where_of("databases"), path + ".databases",
                      "no database with key \"" + key + "\" on server " + user.server,
                      guess.empty() ? "keys on that server: " + join_words(keys) : "did you mean \"" + guess + "\"?");
  }

  // `owner` names a [[users]] entry granted the database; by default the first one, in
  // file order, that lists it (users are read after databases, hence this second pass).
  void resolve_owner(const Config& config, Database& database, std::size_t index) {
    const std::string key = "databases[" + std::to_string(index) + "].owner";
    std::vector<std::string> granted;
    for (const User& user : config.users) {
      const auto& keys = user.database_keys;
      if (user.server == database.server && std::find(keys.begin(), keys.end(), database.key) != keys.end())
        granted.push_back(user.name);
    }
    if (database.owner.empty()) {
      if (!granted.empty()) database.owner = granted.front();
      return;
    }
    if (std::find(granted.begin(), granted.end(), database.owner) != granted.end()) return;
    const std::string guess = did_you_mean(database.owner, granted);
    throw ConfigError(owner_where_.at(database.key), key,
                      "\"" + database.owner + "\" is not a [[users]] entry granted \"" + database.key + "\"",
                      !guess.empty()    ? "did you mean \"" + guess + "\"?"
                      : granted.empty() ? "add a [[users]] entry on server " + database.server +
                                              " with databases = [\"" + database.key + "\"]"
                                        : "users granted it: " + join_words(granted));
  }

  std::map<std::string, std::string> owner_where_;  // database key → where its `owner` is
  fs::path file_;
  std::string display_;
  const Environment& environment_;
};

}  // namespace

Config parse_config(std::string_view text, const std::filesystem::path& file, const Environment& environment) {
  return Loader(file, environment).load(text);
}

Config load_config(const std::filesystem::path& file) { return load_config(file, project_environment(file)); }

Config load_config(const std::filesystem::path& file, const Environment& environment) {
  std::error_code error;
  if (std::filesystem::is_directory(file, error)) {
    throw ConfigError(file.string(), "", "is a folder, not a config file",
                      "pass the file itself, e.g. --config " + (file / "config.toml").string());
  }
  const std::optional<std::string> text = util::read_file(file);
  if (!text) {
    throw ConfigError(file.string(), "", "cannot read the config file",
                      "run devenv in the folder that holds config.toml, or pass --config PATH");
  }
  return parse_config(*text, file, environment);
}

}  // namespace devenv::config
