#include "catalog/definition.h"

namespace devenv::catalog {

std::string optional_clause(const std::string& keyword, const std::string& value) {
  return value.empty() ? "" : " " + keyword + value;
}

std::string generation(const Column& column) {
  return " GENERATED ALWAYS AS (" + column.generated + ")" + (column.stored ? " STORED" : " VIRTUAL");
}

std::string sequence_options(const Sequence& s) {
  return " AS " + s.type + " START " + s.start + " INCREMENT " + s.increment + " MINVALUE " + s.min + " MAXVALUE " +
         s.max + " CACHE " + s.cache + (s.cycle ? " CYCLE" : "");
}

std::string sequence_definition(const Sequence& sequence) {
  return "SEQUENCE" + sequence_options(sequence) + optional_clause("OWNED BY ", sequence.owned_by);
}

std::string enum_definition(const EnumType& type) {
  std::string labels;
  for (const std::string& label : type.labels) labels += (labels.empty() ? "" : ", ") + label;
  return "ENUM (" + labels + ")";
}

}  // namespace devenv::catalog
