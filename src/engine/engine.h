#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sqltext/dialect.h"

namespace devenv::engine {

// A command line of an engine's client, with the environment variable it reads the
// password from (so passwords stay off command lines).
struct ClientCommand {
  std::vector<std::string> argv;
  std::string password_variable;
};

// The environment variables of the official image's entrypoint, each with every name
// the image reads, in the order it prefers them (MariaDB's own names before the MYSQL_
// ones it also accepts). Empty where the image has no such variable. A project's
// compose file sets them; `devenv init` reads them back (adopt/database_service.h).
struct ImageVariables {
  std::vector<std::string> root_password = {};
  std::vector<std::string> root_user = {};
  std::vector<std::string> database = {};       // the database the entrypoint creates
  std::vector<std::string> user = {};           // an app user it creates, granted that database
  std::vector<std::string> user_password = {};  // that user's password
  // Root's password may be left out when one of these is set (random or none); devenv
  // needs one all the same.
  std::vector<std::string> no_root_password = {};
  // PostgreSQL: without a database variable the entrypoint names the database after the
  // root user.
  bool database_defaults_to_root_user = false;
};

// Every fact about a database engine that code outside the engine's own files
// needs: one value per engine, asked instead of branching on the engine (the idea
// of Skeema's `flavor`). Behaviour that differs per engine (inspectors, script
// writers, native processes, sessions) lives in the engine's own files, chosen
// once by `dialect()` or `kind()`; everything else asks this type.
class Engine {
 public:
  enum class Kind { MySQL, MariaDB, Postgres, SQLite };

  constexpr Engine() = default;
  constexpr explicit Engine(Kind kind) : kind_(kind) {}

  // "mysql", "mariadb", "postgres" (also "postgresql"), "sqlite" (also "sqlite3");
  // nullopt for anything else.
  static std::optional<Engine> from_name(std::string_view name);
  // The names from_name accepts, for did-you-mean hints.
  static std::vector<std::string> names();

  constexpr Kind kind() const { return kind_; }
  constexpr bool operator==(const Engine&) const = default;

  const char* name() const;  // as written in config.toml: "mariadb"
  // The SQL family: MySQL and MariaDB share their lexical rules and wire protocol.
  sqltext::Dialect dialect() const;
  bool has_schemas() const;  // PostgreSQL: namespaces inside a database
  // False for SQLite: its "server" is a folder of database files (`<name>.db`) that the
  // app opens itself. No process, port, root account, users or grants.
  bool runs_a_server() const;
  // The file of a database on a SQLite "server" folder: <folder>/<name>.db.
  static std::string database_file_name(const std::string& database);
  // Where status and summaries say it is: "127.0.0.1:3306", "-" before it has a port,
  // "(files)" for SQLite.
  std::string address(int port) const;
  // A database's file in a named snapshot: a dump (".sql", ".dump") or the file (".db").
  const char* snapshot_extension() const;

  // ---- connecting ----
  int default_port() const;
  std::string default_root_user() const;
  // The database a session opens when none is named: PostgreSQL must name one.
  std::string fallback_database() const;
  const char* url_scheme() const;  // for connection URLs: mysql://, postgres://
  // A query whose first column is the server's version string.
  const char* version_query() const;
  // `program` (the engine's client) on `database` ("" for none) as `user`, over TCP
  // to 127.0.0.1:port.
  ClientCommand tcp_client(const std::string& program, int port, const std::string& user, const std::string& database,
                           const std::string& host = "127.0.0.1") const;
  // The engine's own tools that copy one database out and back in (a named snapshot,
  // docs/snapshots.md), as `user` over TCP, the password in password_variable:
  // dump_command writes `database` (schema, data, routines, triggers, events) to
  // stdout; load_command reads such a dump from stdin. The MySQL family loads it
  // into `database`, which must exist (empty); PostgreSQL's archive makes the
  // database itself, which must not exist.
  ClientCommand dump_command(const std::string& program, int port, const std::string& user,
                             const std::string& database) const;
  ClientCommand load_command(const std::string& program, int port, const std::string& user,
                             const std::string& database) const;
  const char* dump_program() const;  // mariadb-dump, mysqldump, pg_dump
  const char* load_program() const;  // mariadb, mysql, pg_restore
  // Client flags that run the query that follows and print bare values only.
  std::vector<std::string> batch_query_flags() const;
  // Client flags that make a script on stdin stop at its first error, as the images'
  // init runs it: psql -v ON_ERROR_STOP=1; none for mysql, which stops by itself.
  std::vector<std::string> script_flags() const;

  // The part of a version that decides whether a data dir can be opened: PostgreSQL
  // "15" of "15.18"; MySQL and MariaDB "10.11" of "10.11.9".
  std::string major_version(const std::string& version) const;

  // ---- functions of newer servers ----
  // Built-in functions a later major version added, which devenv can define on an
  // older server when sources call them (generator/polyfills.h): PostgreSQL 18's
  // uuidv7() and uuidv4(). Empty for the MySQL family.
  std::vector<std::string> polyfill_names() const;
  bool has_polyfill(std::string_view function) const;

  // ---- names ----
  std::string quote_identifier(std::string_view name) const;
  std::string quote_string(std::string_view value) const;
  // The longest database or schema name the server accepts, in bytes. PostgreSQL
  // silently truncates longer names, so devenv must refuse them before it uses them.
  std::size_t max_identifier_bytes() const;
  // The longest user name: 32 on MySQL 8, 128 on MariaDB 10.11 (ERROR 1470 beyond),
  // 63 on PostgreSQL.
  std::size_t max_user_name_bytes() const;

  // ---- new databases ----
  std::string default_charset() const;  // MySQL character set / PostgreSQL encoding
  // How generated init files store users' passwords: MySQL caching_sha2_password
  // (mysql_native_password is off by default in 8.4 and gone in 9.0), MariaDB
  // mysql_native_password, PostgreSQL scram-sha-256.
  const char* password_plugin() const;
  // The collation this server has for one a schema file names, when it lacks that
  // name: on MariaDB, MySQL 8's `_0900_` collations (engine/collations.h). nullopt
  // when the name stays as written.
  std::optional<std::string> server_collation(std::string_view written) const;

  // ---- the official container image (compose runtime) ----
  std::string default_image() const;
  const char* image_data_dir() const;
  const char* image_root_password_variable() const;
  const char* image_root_user_variable() const;  // "" when the image has none
  const char* image_client() const;              // the client program inside the image
  const char* image_server() const;              // the server program the image runs
  const ImageVariables& image_variables() const;
  // The server settings for the character set and collation of new databases, as a
  // compose file's `command:` gives them ("character-set-server"); "" where the engine
  // has none (PostgreSQL takes them from initdb).
  const char* charset_setting() const;
  const char* collation_setting() const;
  // Server arguments that make it listen on 127.0.0.1:port only (host networking).
  std::vector<std::string> loopback_server_arguments(int port) const;
  // A server setting on the server's command line (config.toml's `settings`, devenv's
  // defaults): MySQL --name=value; PostgreSQL -c name=value.
  std::vector<std::string> setting_arguments(const std::string& name, const std::string& value) const;

  // ---- the machine's own packages (native runtime) ----
  const char* server_program() const;  // mariadbd, mysqld, postgres
  // The socket's file name inside the run dir; "" when the server takes the
  // directory itself (PostgreSQL names its socket after the port).
  const char* socket_file_name() const;
  const char* client_program() const;       // mariadb, mysql, psql
  const char* packages_to_install() const;  // what to apt-get when they are missing
  // The system service those packages enable for boot, on default_port(): mariadb,
  // postgresql (Debian's); mysql (MySQL's own packages).
  const char* system_service() const;
  // PostgreSQL: started by root, it must run as an unprivileged user.
  bool refuses_to_run_as_root() const;

 private:
  Kind kind_ = Kind::MariaDB;
};

}  // namespace devenv::engine
