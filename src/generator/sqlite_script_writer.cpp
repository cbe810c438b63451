#include <fmt/format.h>

#include "generator/script_writer.h"

namespace devenv::generator {
namespace {

using config::Config;
using config::Database;
using config::Server;
using sqltext::Dialect;

// SQLite: each database is its own file, which the runtime makes and runs the
// database's schema file into (runtime/sqlite_server.h). So there are no databases,
// accounts or grants to write, nothing reaches a database (the file is the database),
// names stay as the sources wrote them, and the fingerprint is kept beside the files
// rather than in a table. A partition template's file holds its schema once; every
// partition's file is made from it.
class SqliteScriptWriter final : public ScriptWriter {
 public:
  Dialect dialect() const override { return Dialect::SQLite; }

  sqltext::QualifyTarget qualify_target(const Config&, const Server&, const Database& database,
                                        const config::SchemaSource&) const override {
    sqltext::QualifyTarget target;
    target.dialect = Dialect::SQLite;
    target.database = database.is_template ? "" : database.names.front();
    target.database_label = database.name_pattern;
    target.own_databases.insert(database.names.begin(), database.names.end());
    return target;
  }

  std::string create_database(const Server&, const std::string&) const override { return {}; }
  std::string drop_database(const std::string&) const override { return {}; }
  std::string list_databases() const override { return {}; }
  std::string client_host_query() const override { return {}; }
  std::string account(const std::string&, const std::string&) const override { return {}; }
  std::string create_account(const std::string&, const std::string&, const std::string&) const override { return {}; }
  std::string grant_database(const std::string&, const std::string&) const override { return {}; }
  std::string drop_account(const std::string&) const override { return {}; }
  std::string update_account(const std::string&, const std::string&, const std::string&) const override { return {}; }
  std::vector<std::string> grant_users(const Config&, const Database&, const std::string&) const override { return {}; }
  std::string list_accounts() const override { return {}; }
  std::string init_databases(const Config&, const Server&) const override { return {}; }
  void open_database(std::string&, const Config&, const Database&, const std::string&) const override {}
  void close_database(std::string&, const Config&, const Database&, const std::string&) const override {}
  void open_source(std::string&, const Database&, const config::SchemaSource&) const override {}

  void statement(std::string& out, const CompiledStatement& statement, std::string_view database) const override {
    write_semicolon_statement(out, statement, database);  // psql meta-commands stand alone, as comments do
  }

  std::string record_fingerprint(const std::string&) const override { return {}; }
  std::string forget_fingerprint() const override { return {}; }
};

}  // namespace

std::unique_ptr<ScriptWriter> make_sqlite_script_writer() { return std::make_unique<SqliteScriptWriter>(); }

}  // namespace devenv::generator
