// Init scripts for PostgreSQL, as the official image runs them: each file goes to
// `psql -v ON_ERROR_STOP=1`, and `\connect` reaches each database in turn (there
// are no cross-database names in PostgreSQL).
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

std::string quote(std::string_view name) { return sqltext::quote_identifier(name, Dialect::Postgres); }
std::string literal(std::string_view value) { return sqltext::quote_string(value, Dialect::Postgres); }

std::string search_path(const std::string& schema) {
  return schema == "public" ? "public" : quote(schema) + ", public";
}

class PostgresScriptWriter final : public ScriptWriter {
 public:
  Dialect dialect() const override { return Dialect::Postgres; }

  sqltext::QualifyTarget qualify_target(const Config&, const Server&, const Database& database,
                                        const config::SchemaSource& source) const override {
    sqltext::QualifyTarget target;
    target.dialect = Dialect::Postgres;
    target.database = database.is_template ? "" : database.names.front();
    target.database_label = database.name_pattern;
    target.own_databases.insert(database.names.begin(), database.names.end());
    target.schema = source.schema;
    for (const std::string& schema : database.schemas()) target.known_qualifiers.insert(schema);
    target.any_schema = database.owns_every_schema;
    return target;
  }

  std::string create_database(const Server& server, const std::string& name) const override {
    std::string out = "CREATE DATABASE " + quote(name) + " ENCODING " + literal(server.charset) + " TEMPLATE template0";
    if (!server.collation.empty()) {
      out += " LC_COLLATE " + literal(server.collation) + " LC_CTYPE " + literal(server.collation);
    }
    return out;
  }

  // FORCE: a session left open on a shadow must not keep it alive.
  std::string drop_database(const std::string& name) const override {
    return "DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)";
  }

  std::string list_databases() const override { return "SELECT datname FROM pg_database"; }

  std::string client_host_query() const override { return "SELECT ''"; }

  std::string account(const std::string& user, const std::string&) const override { return quote(user); }

  // No superuser, no CREATEDB/CREATEROLE: it reaches only what it owns.
  std::string create_account(const std::string& user, const std::string&, const std::string& password) const override {
    return "CREATE ROLE " + quote(user) +
           " LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD " +
           literal(postgres_scram_verifier(user, password));
  }

  std::string grant_database(const std::string& account, const std::string& database) const override {
    return "ALTER DATABASE " + quote(database) + " OWNER TO " + account;
  }

  std::string drop_account(const std::string& account) const override { return "DROP ROLE IF EXISTS " + account; }

  std::string list_accounts() const override { return "SELECT rolname, '' FROM pg_roles"; }

  std::string init_databases(const Config& config, const Server& server) const override {
    std::string out;
    for (const config::User& user : config.users) {
      if (user.server != server.name) continue;
      out += "CREATE ROLE " + quote(user.name) + " LOGIN PASSWORD " +
             literal(postgres_scram_verifier(user.name, user.password.value)) + ";\n";
    }
    for (const Database* database : config.databases_on(server.name)) {
      const auto users = users_granted(config, *database);
      for (const std::string& name : database->names) {
        out += "\n" + create_database(server, name) + ";\n";
        // Only the users the config grants may connect: PostgreSQL lets PUBLIC in by default.
        out += "REVOKE ALL ON DATABASE " + quote(name) + " FROM PUBLIC;\n";
        for (const config::User* user : users) {
          out += "GRANT ALL PRIVILEGES ON DATABASE " + quote(name) + " TO " + quote(user->name) + ";\n";
        }
      }
    }
    return out;
  }

  void open_database(std::string& out, const Config& config, const Database& database,
                     const std::string& name) const override {
    out += "\n-- ---- " + name + " ----\n\\connect " + quote(name) + "\n";
    const auto users = users_granted(config, database);
    for (const std::string& schema : database.schemas()) {
      if (schema != "public") out += "CREATE SCHEMA IF NOT EXISTS " + quote(schema) + ";\n";
      // Tables are created by the superuser; the app's users get them through
      // default privileges set before they exist.
      for (const config::User* user : users) {
        const std::string grantee = quote(user->name);
        out += fmt::format("GRANT USAGE, CREATE ON SCHEMA {0} TO {1};\n", quote(schema), grantee);
        for (const char* kind : {"TABLES", "SEQUENCES", "FUNCTIONS", "TYPES"}) {
          out += fmt::format("ALTER DEFAULT PRIVILEGES IN SCHEMA {0} GRANT ALL ON {1} TO {2};\n", quote(schema), kind,
                             grantee);
        }
      }
    }
  }

  void open_source(std::string& out, const config::SchemaSource& source) const override {
    out += "SET search_path TO " + search_path(source.schema) + ";\n";
  }

  void statement(std::string& out, const CompiledStatement& statement, std::string_view database) const override {
    if (statement.kind != sqltext::StatementKind::Sql) {  // comments and psql meta-commands stand alone
      statement.text.render_to(out, database);
      out += "\n";
      return;
    }
    out += fmt::format("-- {}:{}\n", statement.where.file, statement.where.line);
    statement.text.render_to(out, database);
    out += statement.ends_in_comment ? "\n;\n" : ";\n";
  }

  std::string record_fingerprint(const std::string& fingerprint) const override {
    return fmt::format(
        "\\connect postgres\n"
        "CREATE SCHEMA IF NOT EXISTS {0};\n"
        "CREATE TABLE {0}.{1} (fingerprint char(64) NOT NULL, initialised_at timestamptz NOT NULL DEFAULT now());\n"
        "INSERT INTO {0}.{1} (fingerprint) VALUES ('{2}');\n",
        kFingerprintSchema, kFingerprintTable, fingerprint);
  }
};

}  // namespace

std::unique_ptr<ScriptWriter> make_postgres_script_writer() { return std::make_unique<PostgresScriptWriter>(); }

}  // namespace devenv::generator
