#pragma once

// Model parts for unit tests, made the way the inspectors make them: the canonical
// definition built from the detail.
#include <string>
#include <utility>
#include <vector>

#include "schema/definition.h"
#include "schema/model.h"
#include "schema/mysql_ddl.h"
#include "schema/postgres_ddl.h"

namespace devenv::test {

using schema::Element;
using sql::Dialect;

// A column of that type and nothing else.
inline schema::Column typed(const std::string& type, bool not_null = false) {
  schema::Column column;
  column.type = type;
  column.not_null = not_null;
  return column;
}

// Each as that dialect's inspector makes it.
inline Element column(const std::string& name, const schema::Column& column, Dialect dialect) {
  const std::string definition = dialect == Dialect::MySQL ? schema::mysql_column_definition(column)
                                                           : schema::postgres_column_definition(column);
  return schema::make_element(name, definition, false, column);
}

inline Element index(const std::string& name, const schema::Index& index, Dialect dialect, bool generated_name = false) {
  const std::string definition =
      dialect == Dialect::MySQL ? schema::mysql_index_definition(index) : schema::postgres_index_definition(index);
  return schema::make_element(name, definition, generated_name, index);
}

inline Element view(const std::string& name, const schema::View& view, Dialect dialect) {
  const std::string definition =
      dialect == Dialect::MySQL ? schema::mysql_view_definition(view) : schema::postgres_view_definition(view);
  return schema::make_element(name, definition, false, view);
}

inline Element option(const std::string& name, const std::string& value, Dialect dialect) {
  return dialect == Dialect::MySQL ? schema::mysql_option(name, value) : schema::postgres_option(name, value);
}

inline Element mysql_routine(const schema::Routine& routine) {
  return schema::make_element(routine.name, schema::mysql_routine_definition(routine), false, routine);
}

inline Element sequence(const std::string& name, const schema::Sequence& sequence) {
  return schema::make_element(name, schema::sequence_definition(sequence), false, sequence);
}

inline Element enum_type(const std::string& name, std::vector<std::string> labels) {
  const schema::EnumType type{std::move(labels)};
  return schema::make_element(name, schema::enum_definition(type), false, type);
}

}  // namespace devenv::test
