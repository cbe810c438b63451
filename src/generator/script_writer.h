#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "generator/compiled_source.h"
#include "sqltext/qualifier.h"

namespace devenv::generator {

// What differs between engines when writing init scripts: how databases and users
// are made, how a section reaches its database, how a statement is terminated, and
// how the fingerprint is recorded. One implementation per engine family.
class ScriptWriter {
 public:
  virtual ~ScriptWriter() = default;

  virtual sqltext::Dialect dialect() const = 0;

  // How a source's names are qualified (the database itself may be a slot).
  virtual sqltext::QualifyTarget qualify_target(const config::Config& config, const config::Server& server,
                                                const config::Database& database,
                                                const config::SchemaSource& source) const = 0;

  // One database as 00-init-databases.sql creates it (charset, collation); also
  // how a verify's shadow databases are made, so they parse alike.
  virtual std::string create_database(const config::Server& server, const std::string& name) const = 0;
  virtual std::string drop_database(const std::string& name) const = 0;
  // A query listing every database on the server.
  virtual std::string list_databases() const = 0;

  // ---- a verify's temporary account (docs/safety.md) ----
  // A query whose first column is the host the server sees this session coming from
  // (MySQL accounts are user@host; "" for PostgreSQL).
  virtual std::string client_host_query() const = 0;
  // The account as SQL names it: MySQL `user`@`host`, PostgreSQL "user".
  virtual std::string account(const std::string& user, const std::string& host) const = 0;
  // A login account that may do nothing until granted shadow databases.
  virtual std::string create_account(const std::string& user, const std::string& host,
                                     const std::string& password) const = 0;
  // Everything inside `database` and nothing outside it (MySQL: all privileges on it;
  // PostgreSQL: its owner).
  virtual std::string grant_database(const std::string& account, const std::string& database) const = 0;
  virtual std::string drop_account(const std::string& account) const = 0;
  // create_account's password (and, on PostgreSQL, limits) set again on an account
  // that exists: a shared server's user whose password changed in the config.
  virtual std::string update_account(const std::string& user, const std::string& host,
                                     const std::string& password) const = 0;
  // What 00-init-databases.sql grants the config's users on one database `name`
  // (their names as `config` has them; a shared server's carry the prefix).
  virtual std::vector<std::string> grant_users(const config::Config& config, const config::Database& database,
                                               const std::string& name) const = 0;
  // A query listing every account: user and host columns.
  virtual std::string list_accounts() const = 0;

  // The body of 00-init-databases.sql: databases, users, grants.
  virtual std::string init_databases(const config::Config& config, const config::Server& server) const = 0;

  // Reaches `name` and prepares it (schemas, default privileges) before its statements.
  virtual void open_database(std::string& out, const config::Config& config, const config::Database& database,
                             const std::string& name) const = 0;

  // After its sources (PostgreSQL: hands what init made to the database's owner).
  virtual void close_database(std::string& out, const config::Config& config, const config::Database& database,
                              const std::string& name) const = 0;

  // Before the statements of one source (PostgreSQL: its search_path).
  virtual void open_source(std::string& out, const config::Database& database,
                           const config::SchemaSource& source) const = 0;

  virtual void statement(std::string& out, const CompiledStatement& statement, std::string_view database) const = 0;

  // The body of the last file: records the init fingerprint in the server.
  virtual std::string record_fingerprint(const std::string& fingerprint) const = 0;
  // Undoes record_fingerprint, so that the last file can run again (a reset in place);
  // PostgreSQL: to run in the database `postgres`, where the record lives.
  virtual std::string forget_fingerprint() const = 0;
};

std::unique_ptr<ScriptWriter> make_script_writer(const engine::Engine& engine);

// A statement as a client that ends statements at `;` reads it (psql, and SQLite's
// library), after a comment naming its source line; comments stand alone.
void write_semicolon_statement(std::string& out, const CompiledStatement& statement, std::string_view database);

// Users of `server` granted `database`.
std::vector<const config::User*> users_granted(const config::Config& config, const config::Database& database);

}  // namespace devenv::generator
