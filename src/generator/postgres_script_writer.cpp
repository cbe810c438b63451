// Init scripts for PostgreSQL, as the official image runs them: each file goes to
// `psql -v ON_ERROR_STOP=1`, and `\connect` reaches each database in turn (there
// are no cross-database names in PostgreSQL).
#include <fmt/format.h>

#include <algorithm>

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

// The source's schema first (where its unqualified names go), then the database's
// `schema` and its declared `schemas` in order, then public: what the app's sessions get too
// (ALTER DATABASE … SET search_path) when the database declares schemas.
std::string search_path(const std::string& first, const Database& database) {
  std::vector<std::string> order = {first, database.schema};
  order.insert(order.end(), database.declared_schemas.begin(), database.declared_schemas.end());
  order.push_back("public");
  std::string out;
  std::vector<std::string> seen;
  for (const std::string& schema : order) {
    if (schema.empty() || std::find(seen.begin(), seen.end(), schema) != seen.end()) continue;
    seen.push_back(schema);
    out += (out.empty() ? "" : ", ") + quote(schema);
  }
  return out;
}

bool sets_search_path(const Database& database) {
  return !database.declared_schemas.empty() || (!database.schema.empty() && database.schema != "public");
}

// One kind of object init may make, for the ownership hand-over: its catalog, the
// columns naming its owner and schema, the ALTER that names it, and a condition.
struct OwnedKind {
  const char* catalog;
  const char* owner;
  const char* space;
  const char* alter;  // a format() expression over `o`, the catalog row
  const char* only;   // more of the WHERE clause, or ""
};

constexpr OwnedKind kOwnedKinds[] = {
    {"pg_namespace", "nspowner", "oid", "format('ALTER SCHEMA %I OWNER TO %I', o.nspname, target)",
     "o.nspname <> 'public'"},
    // Sequences of serial and identity columns follow their table.
    {"pg_class", "relowner", "relnamespace",
     "format('ALTER %s %s OWNER TO %I', CASE o.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' "
     "WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END, o.oid::regclass, target)",
     "o.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT (o.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d "
     "WHERE d.classid = 'pg_class'::regclass AND d.objid = o.oid AND d.deptype IN ('a', 'i')))"},
    // ALTER ROUTINE takes functions, procedures and aggregates alike (and `cnt()` for cnt(*)).
    {"pg_proc", "proowner", "pronamespace", "format('ALTER ROUTINE %s OWNER TO %I', o.oid::regprocedure, target)", ""},
    // Array types follow their element type and a table's row type its table; a multirange
    // type does not follow its range on PostgreSQL 15, so it is handed over itself.
    {"pg_type", "typowner", "typnamespace",
     "format('ALTER %s %s OWNER TO %I', CASE o.typtype WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END, o.oid::regtype, "
     "target)",
     "o.typtype IN ('e', 'd', 'r', 'm', 'c') AND (o.typtype <> 'c' OR (SELECT c.relkind FROM pg_class c WHERE c.oid = "
     "o.typrelid) = 'c')"},
    {"pg_collation", "collowner", "collnamespace",
     "format('ALTER COLLATION %s OWNER TO %I', o.oid::regcollation, target)", ""},
    {"pg_operator", "oprowner", "oprnamespace", "format('ALTER OPERATOR %s OWNER TO %I', o.oid::regoperator, target)",
     ""},
    {"pg_ts_config", "cfgowner", "cfgnamespace",
     "format('ALTER TEXT SEARCH CONFIGURATION %s OWNER TO %I', o.oid::regconfig, target)", ""},
    {"pg_ts_dict", "dictowner", "dictnamespace",
     "format('ALTER TEXT SEARCH DICTIONARY %s OWNER TO %I', o.oid::regdictionary, target)", ""},
    {"pg_statistic_ext", "stxowner", "stxnamespace",
     "format('ALTER STATISTICS %I.%I OWNER TO %I', n.nspname, o.stxname, target)", ""},
};

// What init's superuser made of one kind, in the database's own schemas, that no
// extension owns.
std::string owned_by_init(const OwnedKind& kind) {
  return fmt::format(
      "    SELECT {3} AS sql FROM {0} o JOIN pg_namespace n ON n.oid = o.{2}\n"
      "     WHERE pg_get_userbyid(o.{1}) = current_user AND n.nspname <> 'information_schema'\n"
      "       AND n.nspname NOT LIKE 'pg\\_%'{4}\n"
      "       AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '{0}'::regclass AND e.objid = o.oid\n"
      "                          AND e.deptype = 'e')\n",
      kind.catalog, kind.owner, kind.space, kind.alter, *kind.only ? std::string(" AND ") + kind.only : "");
}

// Gives `owner` what the init's superuser made in the database, as if the owner had run
// the sources: its later migrations may ALTER and DROP them. What a source gave another
// role explicitly keeps that owner; extension members stay with their extension.
// (Operator classes and families, conversions, publications and foreign servers are
// not handed over: docs/migration-sources.md.)
std::string reassign_ownership(const std::string& owner) {
  std::string kinds;
  for (const OwnedKind& kind : kOwnedKinds) kinds += (kinds.empty() ? "" : "    UNION ALL\n") + owned_by_init(kind);
  return fmt::format(
      "DO $devenv_owner$\nDECLARE\n  target text := {};\n  item record;\nBEGIN\n  FOR item IN\n{}  LOOP\n"
      "    EXECUTE item.sql;\n  END LOOP;\nEND\n$devenv_owner$;\n",
      literal(owner), kinds);
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

  std::string update_account(const std::string& user, const std::string&, const std::string& password) const override {
    return "ALTER ROLE " + quote(user) + " LOGIN PASSWORD " + literal(postgres_scram_verifier(user, password));
  }

  // Only the users the config grants may connect: PostgreSQL lets PUBLIC in by default.
  std::vector<std::string> grant_users(const Config& config, const Database& database,
                                       const std::string& name) const override {
    std::vector<std::string> out = {"REVOKE ALL ON DATABASE " + quote(name) + " FROM PUBLIC"};
    for (const config::User* user : users_granted(config, database))
      out.push_back("GRANT ALL PRIVILEGES ON DATABASE " + quote(name) + " TO " + quote(user->name));
    return out;
  }

  std::string list_accounts() const override { return "SELECT rolname, '' FROM pg_roles"; }

  std::string init_databases(const Config& config, const Server& server) const override {
    std::string out;
    for (const config::User& user : config.users) {
      if (user.server != server.name) continue;
      out += "CREATE ROLE " + quote(user.name) + " LOGIN PASSWORD " +
             literal(postgres_scram_verifier(user.name, user.password.value)) + ";\n";
    }
    for (const Database* database : config.databases_on(server.name)) {
      for (const std::string& name : database->names) {
        out += "\n" + create_database(server, name) + ";\n";
        for (const std::string& grant : grant_users(config, *database, name)) out += grant + ";\n";
      }
    }
    return out;
  }

  void open_database(std::string& out, const Config& config, const Database& database,
                     const std::string& name) const override {
    out += "\n-- ---- " + name + " ----\n\\connect " + quote(name) + "\n";
    for (const std::string& schema : database.schemas_before_sources())
      open_schema(out, config, database, schema, false);
    if (sets_search_path(database)) {
      out += fmt::format("ALTER DATABASE {} SET search_path TO {};\n", quote(name),
                         search_path(database.schema, database));
    }
  }

  // Migrations make their own schemas, as they would on the app's empty database; a
  // declared schema none made is made afterwards. Either way the users get it.
  void close_database(std::string& out, const Config& config, const Database& database,
                      const std::string&) const override {
    for (const std::string& schema : database.schemas_after_sources()) open_schema(out, config, database, schema, true);
    if (!database.owner.empty()) out += "\n" + reassign_ownership(database.owner);
  }

  // Makes `schema` unless it is public, and grants the database's users what is and will
  // be in it: tables are created by the superuser, then handed to the owner; the app's
  // other users get them, and what the owner's own migrations make later, through
  // default privileges (and, after the sources, grants on what exists already).
  static void open_schema(std::string& out, const Config& config, const Database& database, const std::string& schema,
                          bool after_sources) {
    if (schema != "public") out += "CREATE SCHEMA IF NOT EXISTS " + quote(schema) + ";\n";
    for (const config::User* user : users_granted(config, database)) {
      const std::string grantee = quote(user->name);
      out += fmt::format("GRANT USAGE, CREATE ON SCHEMA {0} TO {1};\n", quote(schema), grantee);
      if (after_sources && user->name != database.owner) {
        for (const char* kind : {"TABLES", "SEQUENCES", "FUNCTIONS"})
          out += fmt::format("GRANT ALL ON ALL {0} IN SCHEMA {1} TO {2};\n", kind, quote(schema), grantee);
      }
      for (const std::string& creator : {std::string(), database.owner}) {
        if (creator == user->name) continue;
        for (const char* kind : {"TABLES", "SEQUENCES", "FUNCTIONS", "TYPES"}) {
          out += fmt::format("ALTER DEFAULT PRIVILEGES {0}IN SCHEMA {1} GRANT ALL ON {2} TO {3};\n",
                             creator.empty() ? "" : "FOR ROLE " + quote(creator) + " ", quote(schema), kind, grantee);
        }
        if (database.owner.empty()) break;
      }
    }
  }

  void open_source(std::string& out, const Database& database, const config::SchemaSource& source) const override {
    out += "SET search_path TO " + search_path(source.schema, database) + ";\n";
  }

  void statement(std::string& out, const CompiledStatement& statement, std::string_view database) const override {
    write_semicolon_statement(out, statement, database);  // psql meta-commands stand alone, as comments do
  }

  std::string record_fingerprint(const std::string& fingerprint) const override {
    return fmt::format(
        "\\connect postgres\n"
        "CREATE SCHEMA IF NOT EXISTS {0};\n"
        "CREATE TABLE {0}.{1} (fingerprint char(64) NOT NULL, initialised_at timestamptz NOT NULL DEFAULT now());\n"
        "INSERT INTO {0}.{1} (fingerprint) VALUES ('{2}');\n",
        kFingerprintSchema, kFingerprintTable, fingerprint);
  }

  std::string forget_fingerprint() const override {
    return fmt::format("DROP TABLE IF EXISTS {}.{}", kFingerprintSchema, kFingerprintTable);
  }
};

}  // namespace

std::unique_ptr<ScriptWriter> make_postgres_script_writer() { return std::make_unique<PostgresScriptWriter>(); }

}  // namespace devenv::generator
