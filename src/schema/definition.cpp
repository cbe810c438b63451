#include "schema/definition.h"

namespace devenv::schema {
namespace {

std::string optional_clause(const std::string& keyword, const std::string& value) {
  return value.empty() ? "" : " " + keyword + value;
}

std::string generation(const Column& column) {
  return " GENERATED ALWAYS AS (" + column.generated + ")" + (column.stored ? " STORED" : " VIRTUAL");
}

// MySQL writes NOT NULL before the default, and after a generation expression.
std::string mysql_column_definition(const Column& column) {
  std::string out = column.type + optional_clause("", column.collation);
  if (!column.generated.empty()) {
    out += generation(column) + (column.not_null ? " NOT NULL" : "");
  } else {
    out += column.not_null ? " NOT NULL" : "";
    out += optional_clause("DEFAULT ", column.default_value) + optional_clause("", column.on_update);
    out += column.auto_increment ? " AUTO_INCREMENT" : "";
  }
  return out + optional_clause("COMMENT ", column.comment);
}

}  // namespace

std::string postgres_column_clause(const Column& column) {
  std::string out = column.type + optional_clause("", column.collation);
  if (!column.identity.empty()) out += " GENERATED " + column.identity + " AS IDENTITY";
  out += column.generated.empty() ? optional_clause("DEFAULT ", column.default_value) : generation(column);
  return out + (column.not_null ? " NOT NULL" : "");
}

std::string column_definition(const Column& column, sql::Dialect dialect) {
  if (dialect == sql::Dialect::MySQL) return mysql_column_definition(column);
  return postgres_column_clause(column) + optional_clause("COMMENT ", column.comment);
}

std::string mysql_index_word(IndexKind kind) {
  switch (kind) {
    case IndexKind::Primary: return "PRIMARY KEY";
    case IndexKind::Unique: return "UNIQUE KEY";
    case IndexKind::Fulltext: return "FULLTEXT KEY";
    case IndexKind::Spatial: return "SPATIAL KEY";
    case IndexKind::Plain:
    case IndexKind::Exclusion: return "KEY";
  }
  return "KEY";
}

std::string index_definition(const Index& index, sql::Dialect dialect) {
  if (dialect == sql::Dialect::MySQL) return mysql_index_word(index.kind) + " " + index.body;
  if (index.constraint) return index.body;
  return std::string(index.kind == IndexKind::Unique ? "UNIQUE " : "") + "INDEX " + (index.only ? "ONLY " : "") +
         index.body;
}

std::string mysql_view_query(const View& view) {
  return view.body + (view.check_option.empty() ? "" : " WITH " + view.check_option + " CHECK OPTION");
}

std::string view_definition(const View& view, sql::Dialect dialect) {
  if (dialect == sql::Dialect::MySQL) return "SQL SECURITY " + view.security + " VIEW AS " + mysql_view_query(view);
  return std::string(view.materialized ? "MATERIALIZED VIEW" : "VIEW") + " AS\n" + view.body;
}

std::string mysql_routine_definition(const Routine& routine) {
  return routine.kind + " (" + routine.arguments + ")" + routine.rest;
}

std::string sequence_options(const Sequence& s) {
  return " AS " + s.type + " START " + s.start + " INCREMENT " + s.increment + " MINVALUE " + s.min + " MAXVALUE " +
         s.max + " CACHE " + s.cache + (s.cycle ? " CYCLE" : "");
}

std::string sequence_definition(const Sequence& sequence) { return "SEQUENCE" + sequence_options(sequence); }

std::string enum_definition(const EnumType& type) {
  std::string labels;
  for (const std::string& label : type.labels) labels += (labels.empty() ? "" : ", ") + label;
  return "ENUM (" + labels + ")";
}

std::string option_definition(const std::string& name, const TableOption& option, sql::Dialect dialect) {
  if (dialect == sql::Dialect::Postgres || name == "PARTITION BY") return name + optional_clause("", option.value);
  return (name == "COLLATE" ? "DEFAULT COLLATE" : name) + "=" + option.value;
}

Element make_option(const std::string& name, const std::string& value, sql::Dialect dialect) {
  const TableOption option{value};
  return make_element(name, option_definition(name, option, dialect), false, option);
}

}  // namespace devenv::schema
