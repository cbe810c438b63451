#include "engine/engine.h"

#include <strings.h>

#include "engine/collations.h"
#include "sqltext/identifier.h"

namespace devenv::engine {

namespace {

// One row per engine: the facts that are plain values.
struct Facts {
  const char* name;
  sqltext::Dialect dialect;
  int port;
  const char* root_user;
  const char* fallback_database;
  const char* url_scheme;
  const char* version_query;
  std::size_t max_identifier_bytes;
  std::size_t max_user_name_bytes;
  const char* charset;
  const char* password_plugin;
  bool maps_mysql_collations;
  const char* image;
  const char* image_data_dir;
  const char* image_password_variable;
  const char* image_user_variable;
  const char* image_client;
  const char* image_server;
  const char* charset_setting;
  const char* collation_setting;
  const char* server_program;
  const char* socket_file_name;
  const char* client_program;
  const char* dump_program;
  const char* load_program;
  const char* packages;
  const char* system_service;
  bool server_process;             // false: a folder of database files (SQLite)
  const char* snapshot_extension;  // of a database in a named snapshot: a dump, or the file
};

const Facts& facts(Engine::Kind kind) {
  static const Facts mysql{.name = "mysql",
                           .dialect = sqltext::Dialect::MySQL,
                           .port = 3306,
                           .root_user = "root",
                           .fallback_database = "",
                           .url_scheme = "mysql",
                           .version_query = "SELECT VERSION()",
                           .max_identifier_bytes = 64,
                           .max_user_name_bytes = 32,
                           .charset = "utf8mb4",
                           .password_plugin = "caching_sha2_password",
                           .maps_mysql_collations = false,
                           .image = "mysql:8.0",
                           .image_data_dir = "/var/lib/mysql",
                           .image_password_variable = "MYSQL_ROOT_PASSWORD",
                           .image_user_variable = "",
                           .image_client = "mysql",
                           .image_server = "mysqld",
                           .charset_setting = "character-set-server",
                           .collation_setting = "collation-server",
                           .server_program = "mysqld",
                           .socket_file_name = "mysqld.sock",
                           .client_program = "mysql",
                           .dump_program = "mysqldump",
                           .load_program = "mysql",
                           .packages = "install MySQL 8 (not packaged in Debian bookworm)",
                           .system_service = "mysql",
                           .server_process = true,
                           .snapshot_extension = ".sql"};
  static const Facts mariadb{.name = "mariadb",
                             .dialect = sqltext::Dialect::MySQL,
                             .port = 3306,
                             .root_user = "root",
                             .fallback_database = "",
                             .url_scheme = "mysql",
                             .version_query = "SELECT VERSION()",
                             .max_identifier_bytes = 64,
                             .max_user_name_bytes = 128,
                             .charset = "utf8mb4",
                             .password_plugin = "mysql_native_password",
                             .maps_mysql_collations = true,
                             .image = "mariadb:11",
                             .image_data_dir = "/var/lib/mysql",
                             .image_password_variable = "MARIADB_ROOT_PASSWORD",
                             .image_user_variable = "",
                             .image_client = "mariadb",
                             .image_server = "mariadbd",
                             .charset_setting = "character-set-server",
                             .collation_setting = "collation-server",
                             .server_program = "mariadbd",
                             .socket_file_name = "mysqld.sock",
                             .client_program = "mariadb",
                             .dump_program = "mariadb-dump",
                             .load_program = "mariadb",
                             .packages = "apt-get install mariadb-server mariadb-client",
                             .system_service = "mariadb",
                             .server_process = true,
                             .snapshot_extension = ".sql"};
  static const Facts postgres{.name = "postgres",
                              .dialect = sqltext::Dialect::Postgres,
                              .port = 5432,
                              .root_user = "postgres",
                              .fallback_database = "postgres",
                              .url_scheme = "postgres",
                              .version_query = "SHOW server_version",
                              .max_identifier_bytes = 63,
                              .max_user_name_bytes = 63,
                              .charset = "UTF8",
                              .password_plugin = "scram-sha-256",
                              .maps_mysql_collations = false,
                              .image = "postgres:16",
                              .image_data_dir = "/var/lib/postgresql/data",
                              .image_password_variable = "POSTGRES_PASSWORD",
                              .image_user_variable = "POSTGRES_USER",
                              .image_client = "psql",
                              .image_server = "postgres",
                              .charset_setting = "",
                              .collation_setting = "",
                              .server_program = "postgres",
                              .socket_file_name = "",
                              .client_program = "psql",
                              .dump_program = "pg_dump",
                              .load_program = "pg_restore",
                              .packages = "apt-get install postgresql postgresql-client",
                              .system_service = "postgresql",
                              .server_process = true,
                              .snapshot_extension = ".dump"};
  // No server, port, accounts or image: the sqlite3 shell on the database's file.
  static const Facts sqlite{.name = "sqlite",
                            .dialect = sqltext::Dialect::SQLite,
                            .port = 0,
                            .root_user = "",
                            .fallback_database = "",
                            .url_scheme = "sqlite",
                            .version_query = "SELECT sqlite_version()",
                            .max_identifier_bytes = 128,  // a file name: <name>.db, well within NAME_MAX
                            .max_user_name_bytes = 0,
                            .charset = "UTF-8",
                            .password_plugin = "",
                            .maps_mysql_collations = false,
                            .image = "",
                            .image_data_dir = "",
                            .image_password_variable = "",
                            .image_user_variable = "",
                            .image_client = "",
                            .image_server = "",
                            .charset_setting = "",
                            .collation_setting = "",
                            .server_program = "",
                            .socket_file_name = "",
                            .client_program = "sqlite3",
                            .dump_program = "sqlite3",
                            .load_program = "sqlite3",
                            .packages = "apt-get install sqlite3",
                            .system_service = "",
                            .server_process = false,
                            .snapshot_extension = ".db"};
  switch (kind) {
    case Engine::Kind::MySQL: return mysql;
    case Engine::Kind::MariaDB: return mariadb;
    case Engine::Kind::Postgres: return postgres;
    case Engine::Kind::SQLite: return sqlite;
  }
  return mariadb;
}

}  // namespace

std::optional<Engine> Engine::from_name(std::string_view name) {
  if (name == "mysql") return Engine(Kind::MySQL);
  if (name == "mariadb") return Engine(Kind::MariaDB);
  if (name == "postgres" || name == "postgresql") return Engine(Kind::Postgres);
  if (name == "sqlite" || name == "sqlite3") return Engine(Kind::SQLite);
  return std::nullopt;
}

std::vector<std::string> Engine::names() { return {"mysql", "mariadb", "postgres", "sqlite"}; }

const char* Engine::name() const { return facts(kind_).name; }
sqltext::Dialect Engine::dialect() const { return facts(kind_).dialect; }
bool Engine::has_schemas() const { return dialect() == sqltext::Dialect::Postgres; }
bool Engine::runs_a_server() const { return facts(kind_).server_process; }
const char* Engine::snapshot_extension() const { return facts(kind_).snapshot_extension; }

std::string Engine::address(int port) const {
  if (!runs_a_server()) return "(files)";
  return port ? "127.0.0.1:" + std::to_string(port) : "-";
}
std::string Engine::database_file_name(const std::string& database) { return database + ".db"; }

std::vector<std::string> Engine::polyfill_names() const {
  if (dialect() != sqltext::Dialect::Postgres) return {};
  return {"uuidv4", "uuidv7"};
}

bool Engine::has_polyfill(std::string_view function) const {
  for (const std::string& name : polyfill_names()) {
    if (name.size() == function.size() && strncasecmp(name.data(), function.data(), name.size()) == 0) return true;
  }
  return false;
}

int Engine::default_port() const { return facts(kind_).port; }
std::string Engine::default_root_user() const { return facts(kind_).root_user; }
std::string Engine::fallback_database() const { return facts(kind_).fallback_database; }
const char* Engine::url_scheme() const { return facts(kind_).url_scheme; }
const char* Engine::version_query() const { return facts(kind_).version_query; }

std::string Engine::major_version(const std::string& version) const {
  const std::size_t first = version.find('.');
  if (dialect() == sqltext::Dialect::Postgres || first == std::string::npos) return version.substr(0, first);
  return version.substr(0, version.find('.', first + 1));
}

ClientCommand Engine::tcp_client(const std::string& program, int port, const std::string& user,
                                 const std::string& database, const std::string& host) const {
  const std::string port_text = std::to_string(port);
  if (!runs_a_server()) return {{program, "-bail", database}, ""};  // `database`: the file
  if (dialect() == sqltext::Dialect::MySQL) {
    ClientCommand command{{program, "--protocol=tcp", "-h", host, "-P", port_text, "-u", user}, "MYSQL_PWD"};
    if (!database.empty()) command.argv.push_back(database);
    return command;
  }
  ClientCommand command{{program, "-h", host, "-p", port_text, "-U", user}, "PGPASSWORD"};
  if (!database.empty()) command.argv.insert(command.argv.end(), {"-d", database});
  return command;
}

// MySQL family: the client option files a machine or image has (Debian's my.cnf)
// must not change what is dumped or loaded; --no-defaults must come first. One
// database's dump holds no CREATE DATABASE or USE, so it loads into any name.
// PostgreSQL: the custom format, whose archive also holds the database's owner,
// grants and settings, which `pg_restore --create` (from the maintenance database)
// makes the database with; -w: never ask for a password, fail.
ClientCommand Engine::dump_command(const std::string& program, int port, const std::string& user,
                                   const std::string& database) const {
  ClientCommand command = tcp_client(program, port, user, database);
  if (!runs_a_server()) {
    command.argv.push_back(".dump");
    return command;
  }
  if (dialect() == sqltext::Dialect::MySQL) {
    command.argv.insert(command.argv.begin() + 1, "--no-defaults");
    command.argv.insert(command.argv.end() - 1, {"--single-transaction", "--routines", "--triggers", "--events",
                                                 "--hex-blob", "--no-create-db"});
    return command;
  }
  command.argv.insert(command.argv.end(), {"-w", "--format=custom"});
  return command;
}

// MySQL family: --comments keeps comments inside routine and trigger bodies as
// written (the client strips them otherwise), as init scripts are run.
ClientCommand Engine::load_command(const std::string& program, int port, const std::string& user,
                                   const std::string& database) const {
  if (!runs_a_server()) return tcp_client(program, port, user, database);
  if (dialect() == sqltext::Dialect::MySQL) {
    ClientCommand command = tcp_client(program, port, user, database);
    command.argv.insert(command.argv.begin() + 1, "--no-defaults");
    command.argv.insert(command.argv.end() - 1, "--comments");
    return command;
  }
  ClientCommand command = tcp_client(program, port, user, fallback_database());
  command.argv.insert(command.argv.end(), {"-w", "--create", "--exit-on-error"});
  return command;
}

const char* Engine::dump_program() const { return facts(kind_).dump_program; }
const char* Engine::load_program() const { return facts(kind_).load_program; }

std::vector<std::string> Engine::batch_query_flags() const {
  if (dialect() == sqltext::Dialect::MySQL) return {"-N", "-e"};
  if (!runs_a_server()) return {"-batch", "-noheader"};
  return {"-tA", "-c"};
}

std::vector<std::string> Engine::script_flags() const {
  if (dialect() == sqltext::Dialect::MySQL) return {};
  if (!runs_a_server()) return {"-bail"};
  return {"-v", "ON_ERROR_STOP=1"};
}

std::string Engine::quote_identifier(std::string_view name) const { return sqltext::quote_identifier(name, dialect()); }
std::string Engine::quote_string(std::string_view value) const { return sqltext::quote_string(value, dialect()); }
std::size_t Engine::max_identifier_bytes() const { return facts(kind_).max_identifier_bytes; }
std::size_t Engine::max_user_name_bytes() const { return facts(kind_).max_user_name_bytes; }

std::string Engine::default_charset() const { return facts(kind_).charset; }
const char* Engine::password_plugin() const { return facts(kind_).password_plugin; }

std::optional<std::string> Engine::server_collation(std::string_view written) const {
  if (!facts(kind_).maps_mysql_collations) return std::nullopt;
  return mariadb_collation_for(written);
}

std::string Engine::default_image() const { return facts(kind_).image; }
const char* Engine::image_data_dir() const { return facts(kind_).image_data_dir; }
const char* Engine::image_root_password_variable() const { return facts(kind_).image_password_variable; }
const char* Engine::image_root_user_variable() const { return facts(kind_).image_user_variable; }
const char* Engine::image_client() const { return facts(kind_).image_client; }
const char* Engine::image_server() const { return facts(kind_).image_server; }
const char* Engine::charset_setting() const { return facts(kind_).charset_setting; }
const char* Engine::collation_setting() const { return facts(kind_).collation_setting; }

// From the images' entrypoints (docker-library mysql, mariadb and postgres
// docker-entrypoint.sh): the names each reads, and the `_FILE` forms are theirs too.
const ImageVariables& Engine::image_variables() const {
  static const ImageVariables mysql{.root_password = {"MYSQL_ROOT_PASSWORD"},
                                    .database = {"MYSQL_DATABASE"},
                                    .user = {"MYSQL_USER"},
                                    .user_password = {"MYSQL_PASSWORD"},
                                    .no_root_password = {"MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"}};
  static const ImageVariables mariadb{
      .root_password = {"MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD"},
      .database = {"MARIADB_DATABASE", "MYSQL_DATABASE"},
      .user = {"MARIADB_USER", "MYSQL_USER"},
      .user_password = {"MARIADB_PASSWORD", "MYSQL_PASSWORD"},
      .no_root_password = {"MARIADB_ALLOW_EMPTY_ROOT_PASSWORD", "MARIADB_RANDOM_ROOT_PASSWORD",
                           "MYSQL_ALLOW_EMPTY_PASSWORD", "MYSQL_RANDOM_ROOT_PASSWORD"}};
  static const ImageVariables postgres{.root_password = {"POSTGRES_PASSWORD"},
                                       .root_user = {"POSTGRES_USER"},
                                       .database = {"POSTGRES_DB"},
                                       .no_root_password = {"POSTGRES_HOST_AUTH_METHOD"},
                                       .database_defaults_to_root_user = true};
  static const ImageVariables none{};
  switch (kind_) {
    case Kind::MySQL: return mysql;
    case Kind::MariaDB: return mariadb;
    case Kind::Postgres: return postgres;
    case Kind::SQLite: return none;
  }
  return mariadb;
}

std::vector<std::string> Engine::loopback_server_arguments(int port) const {
  if (!runs_a_server()) return {};
  if (dialect() == sqltext::Dialect::MySQL) return {"--port=" + std::to_string(port), "--bind-address=127.0.0.1"};
  return {"-p", std::to_string(port), "-c", "listen_addresses=127.0.0.1"};
}

std::vector<std::string> Engine::setting_arguments(const std::string& name, const std::string& value) const {
  if (!runs_a_server()) return {};
  if (dialect() == sqltext::Dialect::MySQL) return {"--" + name + "=" + value};
  return {"-c", name + "=" + value};
}

const char* Engine::server_program() const { return facts(kind_).server_program; }
const char* Engine::socket_file_name() const { return facts(kind_).socket_file_name; }
const char* Engine::client_program() const { return facts(kind_).client_program; }
const char* Engine::packages_to_install() const { return facts(kind_).packages; }
const char* Engine::system_service() const { return facts(kind_).system_service; }
bool Engine::refuses_to_run_as_root() const { return kind_ == Kind::Postgres; }

}  // namespace devenv::engine
