#include "runtime/database_replacement.h"

#include "util/runtime_error.h"

namespace devenv::runtime {

namespace {

bool is_mysql_family(const engine::Engine& engine) { return engine.dialect() == sqltext::Dialect::MySQL; }

}  // namespace

bool database_exists(db::Session& session, const engine::Engine& engine, const std::string& database) {
  const std::string sql =
      is_mysql_family(engine)
          ? "SELECT COUNT(*) FROM information_schema.schemata WHERE schema_name = " + engine.quote_string(database)
          : "SELECT count(*) FROM pg_database WHERE datname = " + engine.quote_string(database);
  const std::vector<std::string> count = session.column(sql);
  return !count.empty() && count.front() != "0";
}

std::string database_creation(db::Session& session, const engine::Engine& engine, const std::string& database) {
  if (!is_mysql_family(engine)) return "";
  const std::vector<db::Row> rows = session.rows("SHOW CREATE DATABASE " + engine.quote_identifier(database));
  if (rows.empty() || rows.front().size() < 2 || !rows.front()[1]) {
    throw util::RuntimeError("SHOW CREATE DATABASE " + database + " returned nothing");
  }
  return *rows.front()[1];
}

void clear_database(db::Session& session, const engine::Engine& engine, const std::string& database,
                    const std::string& creation) {
  const std::string quoted = engine.quote_identifier(database);
  if (!is_mysql_family(engine)) {
    session.execute("DROP DATABASE IF EXISTS " + quoted + " WITH (FORCE)");
    return;
  }
  // A table of another database may refer to one of its tables (a developer's
  // foreign key): the drop must not fail on it; the dump re-creates the table.
  session.execute("SET SESSION foreign_key_checks = 0");
  session.execute("DROP DATABASE IF EXISTS " + quoted);
  session.execute(creation.empty() ? "CREATE DATABASE " + quoted : creation);
}

}  // namespace devenv::runtime
