// Init scripts for MySQL and MariaDB, as the official images run them: each file is
// piped to a fresh `mysql` client session.
#include <fmt/format.h>

#include "generator/fingerprint.h"
#include "generator/password_hash.h"
#include "generator/script_writer.h"
#include "sqltext/identifier.h"

namespace devenv::generator {
namespace {

using config::Config;
using config::Database;
using config::Server;
using sqltext::Dialect;

std::string quote(std::string_view name) { return sqltext::quote_identifier(name, Dialect::MySQL); }
std::string literal(std::string_view value) { return sqltext::quote_string(value, Dialect::MySQL); }

// In GRANT … ON db.*, `_` and `%` are wildcards: partition_001 would also match
// partitionX001. Escape them, as the official MySQL entrypoint does.
std::string grant_pattern(std::string_view name) {
  std::string escaped;
  for (char c : name) {
    if (c == '_' || c == '%') escaped.push_back('\\');
    escaped.push_back(c);
  }
  return quote(escaped);
}

// A client delimiter that does not occur in the statement.
std::string delimiter_for(const std::string& text) {
  for (const char* candidate : {";;", "$$", "//", "@@", "$$$$"}) {
    if (text.find(candidate) == std::string::npos) return candidate;
  }
  return "\x01\x01";
}

// Bytes as a MySQL hex literal: a caching_sha2_password salt can hold any byte.
std::string hex_literal(std::string_view bytes) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out = "0x";
  for (unsigned char byte : bytes) {
    out.push_back(digits[byte >> 4]);
    out.push_back(digits[byte & 15]);
  }
  return out;
}

class MySqlScriptWriter final : public ScriptWriter {
 public:
  explicit MySqlScriptWriter(engine::Engine engine) : engine_(engine) {}

  Dialect dialect() const override { return Dialect::MySQL; }

  sqltext::QualifyTarget qualify_target(const Config& config, const Server& server, const Database& database,
                                        const config::SchemaSource&) const override {
    sqltext::QualifyTarget target;
    target.dialect = Dialect::MySQL;
    target.database = database.is_template ? "" : database.names.front();
    target.database_label = database.name_pattern;
    target.own_databases.insert(database.names.begin(), database.names.end());
    const engine::Engine engine = engine_;
    target.map_collation = [engine](std::string_view name) { return engine.server_collation(name); };
    for (const Database* other : config.databases_on(server.name)) {
      target.known_qualifiers.insert(other->names.begin(), other->names.end());
    }
    return target;
  }

  std::string create_database(const Server& server, const std::string& name) const override {
    std::string out = "CREATE DATABASE IF NOT EXISTS " + quote(name) + " CHARACTER SET " + server.charset;
    // A MySQL 8 collation in config.toml gets the server's nearest too (engine/collations.h).
    if (!server.collation.empty())
      out += " COLLATE " + server.engine.server_collation(server.collation).value_or(server.collation);
    return out;
  }

  std::string drop_database(const std::string& name) const override { return "DROP DATABASE IF EXISTS " + quote(name); }

  std::string list_databases() const override { return "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA"; }

  std::string client_host_query() const override { return "SELECT SUBSTRING_INDEX(USER(), '@', -1)"; }

  std::string account(const std::string& user, const std::string& host) const override {
    return quote(user) + "@" + quote(host);
  }

  // The hash, as the init scripts' users have it.
  std::string create_account(const std::string& user, const std::string& host,
                             const std::string& password) const override {
    return "CREATE USER " + account(user, host) + identified_with(user, password);
  }

  // ALL covers EVENT and TRIGGER; GRANT OPTION is not part of it.
  std::string grant_database(const std::string& account, const std::string& database) const override {
    return "GRANT ALL PRIVILEGES ON " + grant_pattern(database) + ".* TO " + account;
  }

  std::string drop_account(const std::string& account) const override { return "DROP USER IF EXISTS " + account; }

  std::string update_account(const std::string& user, const std::string& host,
                             const std::string& password) const override {
    return "ALTER USER " + account(user, host) + identified_with(user, password);
  }

  std::vector<std::string> grant_users(const Config& config, const Database& database,
                                       const std::string& name) const override {
    std::vector<std::string> out;
    for (const config::User* user : users_granted(config, database))
      out.push_back(grant_database(account(user->name, "%"), name));
    return out;
  }

  std::string list_accounts() const override { return "SELECT User, Host FROM mysql.user"; }

  std::string init_databases(const Config& config, const Server& server) const override {
    std::string out;
    for (const Database* database : config.databases_on(server.name)) {
      for (const std::string& name : database->names) out += create_database(server, name) + ";\n";
    }
    for (const config::User& user : config.users) {
      if (user.server != server.name) continue;
      const std::string account = literal(user.name) + "@'%'";
      out += "\nCREATE USER IF NOT EXISTS " + account + identified_with(user.name, user.password.value) + ";\n";
      for (const std::string& key : user.database_keys) {
        for (const std::string& name : config.find_database(key)->names) out += grant_database(account, name) + ";\n";
      }
    }
    return out;
  }

  void open_database(std::string& out, const Config&, const Database&, const std::string& name) const override {
    out += "\n-- ---- " + name + " ----\nUSE " + quote(name) + ";\n";
  }

  void open_source(std::string&, const Database&, const config::SchemaSource&) const override {}

  // MySQL objects have no owner: users granted ALL on the database may alter, drop,
  // index, reference and add views, triggers, routines and events (tested).
  void close_database(std::string&, const Config&, const Database&, const std::string&) const override {}

  void statement(std::string& out, const CompiledStatement& statement, std::string_view database) const override {
    if (statement.kind == sqltext::StatementKind::CommentOnly) {
      statement.text.render_to(out, database);
      out += "\n";
      return;
    }
    out += fmt::format("-- {}:{}\n", statement.where.file, statement.where.line);
    if (!statement.has_inner_semicolon) {
      statement.text.render_to(out, database);
      out += statement.ends_in_comment ? "\n;\n" : ";\n";
      return;
    }
    // Routine and trigger bodies hold `;`: the mysql client needs another terminator.
    const std::string text = statement.text.render(database);
    const std::string delimiter = delimiter_for(text);
    out += "DELIMITER " + delimiter + "\n" + text + (statement.ends_in_comment ? "\n" : "") + delimiter +
           "\nDELIMITER ;\n";
  }

  std::string record_fingerprint(const std::string& fingerprint) const override {
    return fmt::format(
        "CREATE DATABASE IF NOT EXISTS `{0}`;\n"
        "CREATE TABLE `{0}`.`{1}` (fingerprint CHAR(64) NOT NULL, initialised_at TIMESTAMP NOT NULL "
        "DEFAULT CURRENT_TIMESTAMP);\n"
        "INSERT INTO `{0}`.`{1}` (fingerprint) VALUES ('{2}');\n",
        kFingerprintSchema, kFingerprintTable, fingerprint);
  }

  std::string forget_fingerprint() const override {
    return fmt::format("DROP DATABASE IF EXISTS `{}`", kFingerprintSchema);
  }

 private:
  // The engine's password plugin with the password's hash, never the password: MySQL
  // 8.4 turns mysql_native_password off and 9.0 removes it; MariaDB has no
  // caching_sha2_password.
  std::string identified_with(const std::string& user, const std::string& password) const {
    const std::string plugin = engine_.password_plugin();
    if (plugin == "caching_sha2_password") {
      return " IDENTIFIED WITH caching_sha2_password AS " + hex_literal(caching_sha2_password_hash(user, password));
    }
    return " IDENTIFIED WITH mysql_native_password AS " + literal(mysql_native_password_hash(password));
  }

  engine::Engine engine_;
};

}  // namespace

std::unique_ptr<ScriptWriter> make_mysql_script_writer(const engine::Engine& engine) {
  return std::make_unique<MySqlScriptWriter>(engine);
}

}  // namespace devenv::generator
