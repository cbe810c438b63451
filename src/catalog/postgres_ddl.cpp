#include "catalog/postgres_ddl.h"

#include "catalog/definition.h"
#include "sqltext/identifier.h"

namespace devenv::catalog {

std::string quote_postgres_name(const std::string& name) {
  return sqltext::quote_identifier(name, sqltext::Dialect::Postgres);
}

std::string postgres_column_clause(const Column& column) {
  std::string out = column.type + optional_clause("", column.collation);
  if (!column.identity.empty()) out += " GENERATED " + column.identity + " AS IDENTITY";
  out += column.generated.empty() ? optional_clause("DEFAULT ", column.default_value) : generation(column);
  return out + (column.not_null ? " NOT NULL" : "");
}

std::string postgres_column_definition(const Column& column) {
  return postgres_column_clause(column) + optional_clause("COMMENT ", column.comment);
}

std::string postgres_index_definition(const Index& index) {
  if (index.constraint) return index.body;
  return std::string(index.kind == IndexKind::Unique ? "UNIQUE " : "") + "INDEX " + (index.only ? "ONLY " : "") +
         index.body;
}

std::string postgres_view_definition(const View& view) {
  return std::string(view.materialized ? "MATERIALIZED VIEW" : "VIEW") + " AS\n" + view.body;
}

Element postgres_option(const std::string& name, const std::string& value) {
  return make_element(name, name + optional_clause("", value), false, TableOption{value});
}

std::string postgres_qualified(const std::string& space, const std::string& name) {
  return quote_postgres_name(space) + "." + quote_postgres_name(name);
}

bool is_plain_index(const Element& index) { return !std::get<Index>(index.detail).constraint; }

std::string create_index(const std::string& qualified_table, const Element& index) {
  const Index& detail = std::get<Index>(index.detail);
  return std::string("CREATE ") + (detail.kind == IndexKind::Unique ? "UNIQUE " : "") + "INDEX " +
         quote_postgres_name(index.name) + " ON " + (detail.only ? "ONLY " : "") + qualified_table + " " + detail.body +
         ";\n";
}

std::string postgres_create_view(const std::string& qualified, const View& view) {
  return std::string("CREATE ") + (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") + qualified + " AS\n" +
         view.body;
}

std::string comment_on(const std::string& what, const std::string& target, const std::string& literal) {
  return "COMMENT ON " + what + " " + target + " IS " + (literal.empty() ? "NULL" : literal) + ";";
}

}  // namespace devenv::catalog
