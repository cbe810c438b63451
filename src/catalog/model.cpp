#include "catalog/model.h"

#include <cctype>

namespace devenv::catalog {

Element make_element(std::string name, std::string definition, bool generated_name, Detail detail) {
  Element element;
  element.key = generated_name ? "=" + definition : name;
  element.name = std::move(name);
  element.definition = std::move(definition);
  element.detail = std::move(detail);
  return element;
}

namespace {

bool identifier_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$'; }

void replace_word(std::string& text, const std::string& from, const std::string& to) {
  if (from.empty()) return;
  std::size_t at = 0;
  while ((at = text.find(from, at)) != std::string::npos) {
    const bool starts = at == 0 || !identifier_char(text[at - 1]);
    const bool ends = at + from.size() >= text.size() || !identifier_char(text[at + from.size()]);
    if (starts && ends) {
      text.replace(at, from.size(), to);
      at += to.size();
    } else {
      at += from.size();
    }
  }
}

// The texts of a part's detail that may name other objects, and so the database.
std::vector<std::string*> texts(std::monostate&) { return {}; }
std::vector<std::string*> texts(Column& c) {
  return {&c.type, &c.collation, &c.generated, &c.default_value, &c.comment};
}
std::vector<std::string*> texts(Index& index) { return {&index.body}; }
std::vector<std::string*> texts(View& view) { return {&view.body}; }
std::vector<std::string*> texts(Trigger& trigger) { return {&trigger.table}; }
std::vector<std::string*> texts(Routine& routine) { return {&routine.arguments, &routine.rest}; }
std::vector<std::string*> texts(Sequence&) { return {}; }
std::vector<std::string*> texts(ColumnOrder&) { return {}; }  // made after the renaming, by the differ
std::vector<std::string*> texts(TableOption& option) { return {&option.value}; }
std::vector<std::string*> texts(EnumType& type) {
  std::vector<std::string*> out;
  for (std::string& label : type.labels) out.push_back(&label);
  return out;
}

void rename_in(Element& element, const std::string& from, const std::string& to) {
  replace_word(element.definition, from, to);
  std::visit(
      [&](auto& part) {
        for (std::string* text : texts(part)) replace_word(*text, from, to);
      },
      element.detail);
  if (element.key.rfind("=", 0) == 0) element.key = "=" + element.definition;
}

void rename_in(std::map<std::string, Element>& elements, const std::string& from, const std::string& to) {
  for (auto& [name, element] : elements) rename_in(element, from, to);
}

void rename_in(std::vector<Element>& elements, const std::string& from, const std::string& to) {
  for (Element& element : elements) rename_in(element, from, to);
}

}  // namespace

void rename_references(Database& database, const std::string& from, const std::string& to) {
  std::map<std::string, Namespace> renamed;
  for (auto& [name, ns] : database.namespaces) {
    for (auto& [table_name, table] : ns.tables) {
      for (auto* elements : {&table.columns, &table.indexes, &table.foreign_keys, &table.checks, &table.options}) {
        rename_in(*elements, from, to);
      }
    }
    for (auto* elements : {&ns.views, &ns.triggers, &ns.routines, &ns.sequences, &ns.types})
      rename_in(*elements, from, to);
    Namespace moved = std::move(ns);
    if (moved.name == from) moved.name = to;
    renamed[moved.name] = std::move(moved);
  }
  database.namespaces = std::move(renamed);
  if (database.name == from) database.name = to;
}

}  // namespace devenv::catalog
