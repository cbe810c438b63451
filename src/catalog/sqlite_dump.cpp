// The SQLite dump: the same bytes for the same schema on every run, loadable into an
// empty file with `sqlite3 new.db < dump.sql`. Tables by name (SQLite checks a foreign
// key's table only when a row is written), each with its indexes, then views and
// triggers by name.
#include "catalog/sqlite_ddl.h"

namespace devenv::catalog {

std::string sqlite_dump(const Database& database) {
  std::string out;
  for (const auto& [ns_name, ns] : database.namespaces) {
    for (const auto& [name, table] : ns.tables) out += sqlite_create_table(ns, table) + "\n";
    for (const auto& [name, view] : ns.views) out += sqlite_create_view(view) + "\n";
    for (const auto& [name, trigger] : ns.triggers) out += sqlite_create_trigger(trigger) + "\n";
  }
  return out;
}

}  // namespace devenv::catalog
