#include "generator/script_writer.h"

#include <fmt/format.h>

#include <algorithm>

namespace devenv::generator {

std::unique_ptr<ScriptWriter> make_mysql_script_writer(const engine::Engine& engine);
std::unique_ptr<ScriptWriter> make_postgres_script_writer();
std::unique_ptr<ScriptWriter> make_sqlite_script_writer();

std::unique_ptr<ScriptWriter> make_script_writer(const engine::Engine& engine) {
  switch (engine.dialect()) {
    case sqltext::Dialect::MySQL: return make_mysql_script_writer(engine);
    case sqltext::Dialect::Postgres: return make_postgres_script_writer();
    case sqltext::Dialect::SQLite: return make_sqlite_script_writer();
  }
  return nullptr;
}

void write_semicolon_statement(std::string& out, const CompiledStatement& statement, std::string_view database) {
  if (statement.kind != sqltext::StatementKind::Sql) {
    statement.text.render_to(out, database);
    out += "\n";
    return;
  }
  out += fmt::format("-- {}:{}\n", statement.where.file, statement.where.line);
  statement.text.render_to(out, database);
  out += statement.ends_in_comment ? "\n;\n" : ";\n";
}

std::vector<const config::User*> users_granted(const config::Config& config, const config::Database& database) {
  std::vector<const config::User*> out;
  for (const config::User& user : config.users) {
    const auto& keys = user.database_keys;
    if (user.server == database.server && std::find(keys.begin(), keys.end(), database.key) != keys.end()) {
      out.push_back(&user);
    }
  }
  return out;
}

}  // namespace devenv::generator
