#pragma once

#include <cstdint>
#include <exception>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "engine/engine.h"

namespace devenv::config {

// A value that may come from the environment. `reference` is the text as written in
// config.toml (`${VAR:-default}`), kept for files that must not hold the secret
// itself (docker-compose.yml); `value` is what it resolved to.
struct Secret {
  std::string reference;
  std::string value;
};

// `runtime = "remote"`: a server that exists already and that a team shares
// (docs/remote.md). devenv makes its databases and users there under this developer's
// prefix, and touches only those it recorded in the server's registry.
struct RemoteSettings {
  std::string host;  // from `url`
  int port = 0;
  std::string admin_user;
  Secret admin_password;  // its reference is the password part of `url` as written
  // Every database and user devenv makes there starts with it: `prefix`, else $USER
  // (lower-cased, other characters '_') and '_'.
  std::string prefix;
  std::string tls;                // "prefer" (default), "disable", "require", "verify-full"
  std::filesystem::path ca_file;  // absolute; "": the client library's own (libpq: ~/.postgresql/root.crt)
  std::string where;              // file:line:col of `url`
  std::string prefix_where;       // of `prefix`, else of `url`
  // Why the url's or the prefix's ${VAR}s could not be read: kept, and rethrown by the
  // commands that reach the server (runtime::RemoteServer), so that `build` works
  // without the admin's password.
  std::exception_ptr failure;
  // Seconds devenv waits to connect (each of a few tries), and for one statement's
  // answer before it takes the connection for lost.
  int connect_timeout = 10;
  int read_timeout = 120;
};

struct Server {
  std::string name;  // the table key: [servers.<name>]; also initdb/<name>/
  // native, compose or remote; "" when the server names none (project.runtime applies).
  std::string runtime;
  std::optional<RemoteSettings> remote;  // when the server has a `url`
  engine::Engine engine;
  std::string version;
  int port = 0;
  std::string root_user;
  Secret root_password;
  std::string image;      // for the compose runtime
  std::string charset;    // MySQL character set / PostgreSQL encoding for new databases
  std::string collation;  // MySQL collation / PostgreSQL LC_COLLATE and LC_CTYPE
  std::string bin_dir;    // native runtime: look for the server's programs here first
  // `settings = { innodb_buffer_pool_size = "256M" }`: server settings, in name order
  // (a TOML table has none of its own), given to the server on its command line after
  // devenv's own small defaults (MySQL: --name=value; PostgreSQL: -c name=value), so
  // they win.
  std::vector<std::pair<std::string, std::string>> settings;
};

// A migration file as its tool sees it: the rules that pick its Up part and split it,
// and what the tool records of it in its history table (generator/history_table.h).
struct MigrationFile {
  std::string tool;         // as migrations/tool.h names it
  std::string version;      // as the tool records it
  std::string description;  // likewise
  std::int64_t when = 0;    // Drizzle: the journal's `when`, its created_at
  std::string script;       // Flyway: the path it records, relative to its folder
};

// One schema file, and for PostgreSQL the schema (namespace) its names go into.
struct SchemaSource {
  std::filesystem::path path;              // absolute
  std::string display;                     // as shown to users and in headers: relative to the config
  std::string schema;                      // PostgreSQL only
  std::optional<MigrationFile> migration;  // nullopt for a schema file, which is applied whole
};

// `migrations = "dir"` or `["dir", …]`: one app's migration folders, applied as its
// migrator would (docs/migration-sources.md).
struct MigrationSettings {
  std::vector<std::filesystem::path> folders;  // absolute
  std::string tool;                            // as configured, else detected from the files
  std::string table;                           // the app's history table, when renamed
  std::string where;                           // file:line:col of `migrations`, for errors
  std::string tool_where;                      // of `migration_tool` (of the table when absent)
  // Why the folders could not be read (a duplicate version, a broken Drizzle journal):
  // kept for the commands that read the sources (build, up, verify), rethrown there, so
  // that down, status and logs still work meanwhile.
  std::exception_ptr failure;
};

// An ignore pattern as config.toml writes it ("table:_sqlx_migrations") and where it
// stands there; what it means is verify's (verify/ignore_rules.h), which checks it
// as soon as the config is loaded.
struct IgnoreSetting {
  std::string pattern;
  std::string key;    // ignore[0], databases[2].ignore[1]
  std::string where;  // file:line:col
};

// A logical database: one name, or a partition template expanded to `count` names.
struct Database {
  std::string key;           // used in file names (NN-<key>-schema.sql) and env names
  std::string name_pattern;  // "unkey" or "partition_{n:03}"
  std::string server;
  std::vector<SchemaSource> sources;            // in the order they are applied
  std::optional<MigrationSettings> migrations;  // when the sources are a migration directory
  // PostgreSQL: unqualified names go into `schema`; `declared_schemas` (config key
  // `schemas`) are the others the database holds, e.g. one per module.
  std::string schema;
  std::vector<std::string> declared_schemas;
  // The [[users]] name that owns what init creates (PostgreSQL), as if that user had run
  // the sources: its later migrations may ALTER them. "" when no user is granted it.
  std::string owner;
  std::vector<std::string> polyfills;  // configured; more are added when sources call them
  std::vector<std::string> names;      // expanded: one, or partition_001 … partition_NNN
  bool is_template = false;
  std::vector<IgnoreSetting> ignore;  // what verify and diff leave out for this database
  // Not from config.toml: schema files `devenv diff` loads, which own every schema they
  // create or qualify names with (PostgreSQL); a config database declares its schemas.
  bool owns_every_schema = false;

  // Rethrows why its migration folders could not be read (MigrationSettings::failure).
  void throw_if_unreadable() const;

  // Of schemas(), those init makes before the sources run: all of them for schema files;
  // for migrations only `schema`, since migrations make their own (CREATE SCHEMA
  // billing;) as on the app's empty database. The others are made after, if still missing.
  std::vector<std::string> schemas_before_sources() const;
  std::vector<std::string> schemas_after_sources() const;

  // PostgreSQL schemas this database holds: `schema`, the declared ones in order, then
  // those its sources name. The first is the search_path's head.
  std::vector<std::string> schemas() const;
};

struct User {
  std::string name;
  Secret password;
  std::string server;
  std::vector<std::string> database_keys;  // logical databases it is granted
};

struct Project {
  std::string name;                 // compose project name; defaults to the config's folder name
  std::string runtime;              // "native", "compose" or "remote"
  std::filesystem::path state_dir;  // native runtime: data, sockets, logs (absolute)
  bool data_on_tmpfs = false;       // native runtime: data dirs under /dev/shm (fast DDL, lost on reboot)
  std::string network_mode;         // compose runtime: "" (ports on 127.0.0.1) or "host"
  // The compose file `build` writes, beside the config: another name when the project
  // keeps a docker-compose.yml of its own (devenv never overwrites one it did not write).
  std::string compose_file = "docker-compose.yml";
};

struct Config {
  std::filesystem::path file;  // config.toml, absolute
  std::filesystem::path dir;   // its folder: every relative path is relative to it
  Project project;
  std::vector<Server> servers;      // sorted by name
  std::vector<Database> databases;  // in configured order
  std::vector<User> users;
  std::vector<IgnoreSetting> ignore;  // what verify and diff leave out everywhere

  const Server* find_server(const std::string& name) const;
  const Database* find_database(const std::string& key) const;
  std::vector<const Database*> databases_on(const std::string& server) const;
};

}  // namespace devenv::config
