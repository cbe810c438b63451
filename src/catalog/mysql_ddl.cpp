#include "catalog/mysql_ddl.h"

#include "catalog/definition.h"
#include "sqltext/identifier.h"

namespace devenv::catalog {

std::string quote_mysql_name(const std::string& name) {
  return sqltext::quote_identifier(name, sqltext::Dialect::MySQL);
}

std::string mysql_column_definition(const Column& column) {
  std::string out = column.type + optional_clause("", column.collation);
  if (!column.generated.empty()) {
    out += generation(column) + (column.not_null ? " NOT NULL" : "");
  } else {
    out += column.not_null ? " NOT NULL" : "";
    out += optional_clause("DEFAULT ", column.default_value) + optional_clause("", column.on_update);
    out += column.auto_increment ? " AUTO_INCREMENT" : "";
  }
  return out + optional_clause("COMMENT ", column.comment) + optional_clause("", column.check);
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

std::string mysql_index_definition(const Index& index) { return mysql_index_word(index.kind) + " " + index.body; }

std::string mysql_view_query(const View& view) {
  return view.body + (view.check_option.empty() ? "" : " WITH " + view.check_option + " CHECK OPTION");
}

std::string mysql_view_definition(const View& view) {
  return "SQL SECURITY " + view.security + " VIEW AS " + mysql_view_query(view);
}

std::string mysql_routine_definition(const Routine& routine) {
  return routine.kind + " (" + routine.arguments + ")" + routine.rest;
}

namespace {

// What follows the schedule, alike in the definition and the CREATE EVENT.
std::string event_tail(const Event& event) {
  return " ON COMPLETION " + event.on_completion + " " + event.status + optional_clause("COMMENT ", event.comment) +
         " DO " + event.body;
}

std::string quote_time(const std::string& time) { return sqltext::quote_string(time, sqltext::Dialect::MySQL); }

}  // namespace

std::string mysql_event_definition(const Event& event) {
  const std::string schedule =
      event.every.empty() ? "AT …" : "EVERY " + event.every + (event.ends.empty() ? "" : " ENDS …");
  return schedule + event_tail(event);
}

std::string mysql_create_event(const Element& element) {
  const Event& event = std::get<Event>(element.detail);
  std::string schedule = event.every.empty() ? "AT " + quote_time(event.at) : "EVERY " + event.every;
  if (!event.starts.empty()) schedule += " STARTS " + quote_time(event.starts);
  if (!event.ends.empty()) schedule += " ENDS " + quote_time(event.ends);
  return "CREATE EVENT " + quote_mysql_name(event.name) + " ON SCHEDULE " + schedule + event_tail(event);
}

Element mysql_option(const std::string& name, const std::string& value) {
  const TableOption option{value};
  const std::string definition = name == "PARTITION BY" ? name + optional_clause("", value)
                                                        : (name == "COLLATE" ? "DEFAULT COLLATE" : name) + "=" + value;
  return make_element(name, definition, false, option);
}

std::string mysql_index_clause(const Element& index) {
  const Index& detail = std::get<Index>(index.detail);
  if (detail.kind == IndexKind::Primary) return index.definition;
  return mysql_index_word(detail.kind) + " " + quote_mysql_name(index.name) + " " + detail.body;
}

std::string mysql_view_head(const Element& view, bool replace) {
  return std::string(replace ? "CREATE OR REPLACE" : "CREATE") + " SQL SECURITY " +
         std::get<View>(view.detail).security + " VIEW " + quote_mysql_name(view.name) + " AS ";
}

std::string mysql_create_routine(const Element& routine) {
  const Routine& detail = std::get<Routine>(routine.detail);
  return "CREATE " + detail.kind + " " + quote_mysql_name(detail.name) + "(" + detail.arguments + ")" + detail.rest;
}

std::string mysql_create_trigger(const Element& trigger) {
  return "CREATE TRIGGER " + quote_mysql_name(std::get<Trigger>(trigger.detail).name) + " " + trigger.definition;
}

std::string mysql_delimited(const std::string& statement) { return "DELIMITER ;;\n" + statement + ";;\nDELIMITER ;\n"; }

}  // namespace devenv::catalog
