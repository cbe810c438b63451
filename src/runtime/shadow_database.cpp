#include "runtime/shadow_database.h"

#include <unistd.h>

#include "initdb/compiled_source.h"
#include "initdb/script_writer.h"
#include "runtime/interrupt.h"
#include "runtime/runtime_error.h"
#include "sql/identifier.h"

namespace devenv::runtime {

namespace {

sql::Dialect dialect_of(const config::Server& server) {
  return config::is_mysql_family(server.engine) ? sql::Dialect::MySQL : sql::Dialect::Postgres;
}

std::string quote(const config::Server& server, const std::string& name) {
  return sql::quote_identifier(name, dialect_of(server));
}

}  // namespace

ShadowDatabase::ShadowDatabase(const config::Config& config, const config::Server& server,
                               const config::Database& database, Connect connect)
    : server_(server), connect_(std::move(connect)) {
  name_ = "_devenv_shadow_" + database.key + "_" + std::to_string(getpid());
  for (char& c : name_) {
    if (c == '-') c = '_';
  }
  const bool mysql = config::is_mysql_family(server.engine);
  std::string create = "CREATE DATABASE " + quote(server, name_);
  if (mysql) {
    create += " CHARACTER SET " + server.charset + (server.collation.empty() ? "" : " COLLATE " + server.collation);
  } else {
    create += " ENCODING " + sql::quote_string(server.charset, sql::Dialect::Postgres) + " TEMPLATE template0";
  }
  connect_("")->execute(create);
  created_ = true;
  try {
    load(config, database);
  } catch (...) {
    drop();  // a constructor that throws never runs its destructor
    throw;
  }
}

ShadowDatabase::~ShadowDatabase() { drop(); }

void ShadowDatabase::drop() {
  if (!created_) return;
  created_ = false;
  try {
    const bool mysql = config::is_mysql_family(server_.engine);
    connect_("")->execute("DROP DATABASE IF EXISTS " + quote(server_, name_) + (mysql ? "" : " WITH (FORCE)"));
  } catch (const std::exception&) {
    // The next verify's drop_leftovers removes it.
  }
}

void ShadowDatabase::load(const config::Config& config, const config::Database& database) {
  const auto writer = initdb::make_script_writer(server_.engine);
  const bool mysql = config::is_mysql_family(server_.engine);
  auto session = connect_(mysql ? "" : name_);
  if (mysql) session->execute("USE " + quote(server_, name_));
  for (const std::string& schema : mysql ? std::vector<std::string>{} : database.schemas()) {
    if (schema != "public") session->execute("CREATE SCHEMA IF NOT EXISTS " + quote(server_, schema));
  }
  for (const config::SchemaSource& source : database.sources) {
    const initdb::CompiledSource compiled =
        initdb::compile_source(source, writer->qualify_target(config, server_, database, source));
    if (!mysql) {
      const std::string path = source.schema == "public" ? "public" : quote(server_, source.schema) + ", public";
      session->execute("SET search_path TO " + path);
    }
    for (const initdb::CompiledStatement& statement : compiled.statements) {
      throw_if_interrupted();
      if (statement.kind != sql::StatementKind::Sql) continue;  // comments; \connect to its own database
      try {
        session->execute(statement.text.render(name_));
      } catch (const db::DbError& e) {
        throw RuntimeError(statement.where.str() + ": the server rejected this statement while building the "
                               "expected schema: " + e.what(),
                           "fix the schema file; `devenv up` would fail on it too");
      }
    }
  }
}

void ShadowDatabase::drop_leftovers(const config::Server& server, db::Session& session) {
  const bool mysql = config::is_mysql_family(server.engine);
  const std::vector<std::string> leftovers = session.column(
      mysql ? "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '\\_devenv\\_shadow\\_%'"
            : "SELECT datname FROM pg_database WHERE datname LIKE '\\_devenv\\_shadow\\_%'");
  for (const std::string& name : leftovers) {
    session.execute("DROP DATABASE IF EXISTS " + quote(server, name) + (mysql ? "" : " WITH (FORCE)"));
  }
}

}  // namespace devenv::runtime
