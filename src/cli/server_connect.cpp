#include "cli/server_connect.h"

#include "runtime/runtime_error.h"

namespace devenv::cli {

sql::Dialect dialect_of(const config::Server& server) {
  return config::is_mysql_family(server.engine) ? sql::Dialect::MySQL : sql::Dialect::Postgres;
}

schema::Connect server_connect(runtime::Server& server) {
  if (server.status().health != runtime::Health::Running) {
    throw runtime::RuntimeError("server " + server.server().name + " is not running", "start it with `devenv up`");
  }
  const sql::Dialect dialect = dialect_of(server.server());
  const db::Endpoint endpoint = server.tcp_endpoint();
  return [dialect, endpoint](const std::string& database) {
    db::Endpoint target = endpoint;
    if (!database.empty() || dialect == sql::Dialect::Postgres) target.database = database.empty() ? "postgres" : database;
    return db::connect(dialect, target);
  };
}

}  // namespace devenv::cli
