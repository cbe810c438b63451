#include "schema/postgres_ddl.h"

#include "sql/identifier.h"

namespace devenv::schema {

std::string quote_postgres_name(const std::string& name) { return sql::quote_identifier(name, sql::Dialect::Postgres); }

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
  return std::string("CREATE ") + (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") + qualified + " AS\n" + view.body;
}

std::string comment_on(const std::string& what, const std::string& target, const std::string& literal) {
  return "COMMENT ON " + what + " " + target + " IS " + (literal.empty() ? "NULL" : literal) + ";";
}

}  // namespace devenv::schema
