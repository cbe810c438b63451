#pragma once

// Model parts for unit tests, made the way the inspectors make them: the canonical
// definition built from the detail.
#include <string>
#include <utility>
#include <vector>

#include "catalog/definition.h"
#include "catalog/model.h"
#include "catalog/mysql_ddl.h"
#include "catalog/postgres_ddl.h"

namespace devenv::test {

using catalog::Element;
using sqltext::Dialect;

// A column of that type and nothing else.
inline catalog::Column typed(const std::string& type, bool not_null = false) {
  catalog::Column column;
  column.type = type;
  column.not_null = not_null;
  return column;
}

// Each as that dialect's inspector makes it.
inline Element column(const std::string& name, const catalog::Column& column, Dialect dialect) {
  const std::string definition = dialect == Dialect::MySQL ? catalog::mysql_column_definition(column)
                                                           : catalog::postgres_column_definition(column);
  return catalog::make_element(name, definition, false, column);
}

inline Element index(const std::string& name, const catalog::Index& index, Dialect dialect,
                     bool generated_name = false) {
  const std::string definition =
      dialect == Dialect::MySQL ? catalog::mysql_index_definition(index) : catalog::postgres_index_definition(index);
  return catalog::make_element(name, definition, generated_name, index);
}

inline Element view(const std::string& name, const catalog::View& view, Dialect dialect) {
  const std::string definition =
      dialect == Dialect::MySQL ? catalog::mysql_view_definition(view) : catalog::postgres_view_definition(view);
  return catalog::make_element(name, definition, false, view);
}

inline Element option(const std::string& name, const std::string& value, Dialect dialect) {
  return dialect == Dialect::MySQL ? catalog::mysql_option(name, value) : catalog::postgres_option(name, value);
}

inline Element mysql_routine(const catalog::Routine& routine) {
  return catalog::make_element(routine.name, catalog::mysql_routine_definition(routine), false, routine);
}

inline Element sequence(const std::string& name, const catalog::Sequence& sequence) {
  return catalog::make_element(name, catalog::sequence_definition(sequence), false, sequence);
}

inline Element enum_type(const std::string& name, std::vector<std::string> labels) {
  const catalog::EnumType type{std::move(labels)};
  return catalog::make_element(name, catalog::enum_definition(type), false, type);
}

}  // namespace devenv::test
