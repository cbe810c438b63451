#include "schema/mysql_ddl.h"

#include "schema/definition.h"
#include "sql/identifier.h"

namespace devenv::schema {

std::string quote_mysql_name(const std::string& name) { return sql::quote_identifier(name, sql::Dialect::MySQL); }

std::string mysql_index_clause(const Element& index) {
  const Index& detail = std::get<Index>(index.detail);
  if (detail.kind == IndexKind::Primary) return index.definition;
  return mysql_index_word(detail.kind) + " " + quote_mysql_name(index.name) + " " + detail.body;
}

std::string mysql_view_head(const Element& view, bool replace) {
  return std::string(replace ? "CREATE OR REPLACE" : "CREATE") + " SQL SECURITY " + std::get<View>(view.detail).security +
         " VIEW " + quote_mysql_name(view.name) + " AS ";
}

std::string mysql_create_routine(const Element& routine) {
  const Routine& detail = std::get<Routine>(routine.detail);
  return "CREATE " + detail.kind + " " + quote_mysql_name(detail.name) + "(" + detail.arguments + ")" + detail.rest;
}

std::string mysql_create_trigger(const Element& trigger) {
  return "CREATE TRIGGER " + quote_mysql_name(std::get<Trigger>(trigger.detail).name) + " " + trigger.definition;
}

std::string mysql_delimited(const std::string& statement) { return "DELIMITER ;;\n" + statement + ";;\nDELIMITER ;\n"; }

}  // namespace devenv::schema
