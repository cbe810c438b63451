// The MySQL dump: the same bytes for the same schema on every run, loadable into an
// empty database with the mysql client, free of the database's own name.
#include "catalog/definition.h"
#include "catalog/mysql_ddl.h"

namespace devenv::catalog {

std::string mysql_create_table(const Table& table) {
  const std::string& name = table.name;
  std::string body;
  for (const Element& column : table.columns) body += ",\n  " + quote_mysql_name(column.name) + " " + column.definition;
  for (const Element& index : table.indexes) body += ",\n  " + mysql_index_clause(index);
  for (const Element& key : table.foreign_keys)
    body += ",\n  CONSTRAINT " + quote_mysql_name(key.name) + " " + key.definition;
  for (const Element& check : table.checks)
    body += ",\n  CONSTRAINT " + quote_mysql_name(check.name) + " " + check.definition;
  std::string options;
  for (const Element& option : table.options) options += " " + option.definition;
  return "CREATE TABLE " + quote_mysql_name(name) + " (" + body.substr(1) + "\n)" + options + ";\n";
}

std::string mysql_dump(const Database& database) {
  // Tables come in name order, so a foreign key may name a table not made yet.
  std::string out = "SET FOREIGN_KEY_CHECKS = 0;\n\n";
  const std::string own_prefix = quote_mysql_name(database.name) + ".";
  const auto local = [&](std::string text) {  // names of this database, unqualified
    for (std::size_t at; (at = text.find(own_prefix)) != std::string::npos;) text.erase(at, own_prefix.size());
    return text;
  };
  for (const auto& [ns_name, ns] : database.namespaces) {
    for (const auto& [name, table] : ns.tables) out += mysql_create_table(table) + "\n";
    for (const auto& [name, view] : ns.views) {
      out += mysql_view_head(view, false) + local(mysql_view_query(std::get<View>(view.detail))) + ";\n\n";
    }
    for (const auto& [name, routine] : ns.routines) out += mysql_delimited(local(mysql_create_routine(routine))) + "\n";
    for (const auto& [name, trigger] : ns.triggers) out += mysql_delimited(local(mysql_create_trigger(trigger))) + "\n";
    for (const auto& [name, event] : ns.events) out += mysql_delimited(local(mysql_create_event(event))) + "\n";
  }
  return out + "SET FOREIGN_KEY_CHECKS = 1;\n";
}

}  // namespace devenv::catalog
