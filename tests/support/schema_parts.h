#pragma once

// Model parts for unit tests, made the way the inspectors make them: the canonical
// definition built from the detail.
#include <string>
#include <utility>
#include <vector>

#include "schema/definition.h"
#include "schema/model.h"

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

inline Element column(const std::string& name, const schema::Column& column, Dialect dialect) {
  return schema::make_element(name, schema::column_definition(column, dialect), false, column);
}

inline Element index(const std::string& name, const schema::Index& index, Dialect dialect, bool generated_name = false) {
  return schema::make_element(name, schema::index_definition(index, dialect), generated_name, index);
}

inline Element view(const std::string& name, const schema::View& view, Dialect dialect) {
  return schema::make_element(name, schema::view_definition(view, dialect), false, view);
}

inline Element option(const std::string& name, const std::string& value, Dialect dialect) {
  return schema::make_option(name, value, dialect);
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
