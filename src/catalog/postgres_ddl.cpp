#include "catalog/postgres_ddl.h"

#include "catalog/definition.h"
#include "sqltext/identifier.h"

namespace devenv::catalog {

std::string quote_postgres_name(const std::string& name) {
  return sqltext::quote_identifier(name, sqltext::Dialect::Postgres);
}

namespace {

// The largest value of an identity column's type: the default MAXVALUE of an
// ascending sequence, and (negated, minus one) the default MINVALUE of a descending one.
std::string type_maximum(const std::string& type) {
  if (type == "smallint") return "32767";
  if (type == "integer") return "2147483647";
  return "9223372036854775807";
}

std::string type_minimum(const std::string& type) {
  if (type == "smallint") return "-32768";
  if (type == "integer") return "-2147483648";
  return "-9223372036854775808";
}

}  // namespace

std::string identity_options(const Column& column) {
  const Sequence& s = column.identity_sequence;
  if (s.increment.empty()) return "";
  const bool ascending = s.increment.front() != '-';
  const std::string min = ascending ? "1" : type_minimum(s.type);
  const std::string max = ascending ? type_maximum(s.type) : "-1";
  std::string out;
  const auto option = [&](const std::string& text, bool is_default) {
    if (!is_default) out += (out.empty() ? "" : " ") + text;
  };
  option("START WITH " + s.start, s.start == (ascending ? s.min : s.max));
  option("INCREMENT BY " + s.increment, s.increment == "1");
  option("MINVALUE " + s.min, s.min == min);
  option("MAXVALUE " + s.max, s.max == max);
  option("CACHE " + s.cache, s.cache == "1");
  option("CYCLE", !s.cycle);
  return out;
}

std::string postgres_column_clause(const Column& column) {
  std::string out = column.type + optional_clause("", column.collation);
  if (!column.identity.empty()) {
    const std::string options = identity_options(column);
    out += " GENERATED " + column.identity + " AS IDENTITY" + (options.empty() ? "" : " (" + options + ")");
  }
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

std::string postgres_domain_clause(const Domain& domain) {
  std::string out =
      domain.type + optional_clause("", domain.collation) + optional_clause("DEFAULT ", domain.default_value);
  if (domain.not_null) out += " NOT NULL";
  for (const DomainCheck& check : domain.checks) {
    out += (check.generated ? "" : " CONSTRAINT " + quote_postgres_name(check.name)) + " " + check.expression;
  }
  return out;
}

std::string postgres_domain_definition(const Domain& domain) { return "DOMAIN AS " + postgres_domain_clause(domain); }

std::string postgres_policy_clauses(const Policy& policy) {
  return std::string("AS ") + (policy.permissive ? "PERMISSIVE" : "RESTRICTIVE") + " FOR " + policy.command + " TO " +
         policy.roles +
         optional_clause("USING ", policy.using_expression.empty() ? "" : "(" + policy.using_expression + ")") +
         optional_clause("WITH CHECK ", policy.check_expression.empty() ? "" : "(" + policy.check_expression + ")");
}

std::string postgres_create_policy(const std::string& name, const std::string& qualified_table, const Policy& policy) {
  return "CREATE POLICY " + quote_postgres_name(name) + " ON " + qualified_table + " " +
         postgres_policy_clauses(policy) + ";";
}

std::string postgres_trigger_definition(const Trigger& trigger) {
  return trigger.create + (trigger.state.empty() ? "" : "\n-- " + trigger.state);
}

std::string postgres_create_trigger(const std::string& space, const Trigger& trigger) {
  std::string out = trigger.create + ";";
  if (!trigger.state.empty()) {
    out += "\nALTER TABLE " + postgres_qualified(space, trigger.table) + " " + trigger.state + " TRIGGER " +
           quote_postgres_name(trigger.name) + ";";
  }
  return out;
}

std::string postgres_qualified(const std::string& space, const std::string& name) {
  return quote_postgres_name(space) + "." + quote_postgres_name(name);
}

bool is_plain_index(const Element& index) { return !std::get<Index>(index.detail).constraint; }

// Without ONLY: pg_get_indexdef writes "ON ONLY" for every index of a partitioned
// table, where CREATE INDEX ON ONLY would leave the partitions without one and the
// parent's index invalid.
std::string create_index(const std::string& qualified_table, const Element& index) {
  const Index& detail = std::get<Index>(index.detail);
  return std::string("CREATE ") + (detail.kind == IndexKind::Unique ? "UNIQUE " : "") + "INDEX " +
         quote_postgres_name(index.name) + " ON " + qualified_table + " " + detail.body + ";\n";
}

std::string postgres_create_view(const std::string& qualified, const View& view) {
  return std::string("CREATE ") + (view.materialized ? "MATERIALIZED VIEW " : "VIEW ") + qualified + " AS\n" +
         view.body;
}

std::string comment_on(const std::string& what, const std::string& target, const std::string& literal) {
  return "COMMENT ON " + what + " " + target + " IS " + (literal.empty() ? "NULL" : literal) + ";";
}

}  // namespace devenv::catalog
