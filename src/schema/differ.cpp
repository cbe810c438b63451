#include "schema/differ.h"

#include <map>

#include "schema/dump.h"

namespace devenv::schema {

const char* change_name(Change change) {
  switch (change) {
    case Change::Missing: return "missing";
    case Change::Extra: return "extra";
    case Change::Changed: return "changed";
  }
  return "?";
}

namespace {

class Comparison {
 public:
  Comparison(std::string database, sql::Dialect dialect) : database_(std::move(database)), dialect_(dialect) {}

  void namespaces(const Database& expected, const Database& actual) {
    for (const auto& [name, ns] : expected.namespaces) {
      const auto other = actual.namespaces.find(name);
      if (other == actual.namespaces.end()) {
        add("schema " + name, "schema", "", Change::Missing, "SCHEMA " + name, "");
      } else {
        space(ns, other->second);
      }
    }
    for (const auto& [name, ns] : actual.namespaces) {
      if (!expected.namespaces.count(name)) add("schema " + name, "schema", "", Change::Extra, "", "SCHEMA " + name);
    }
    named(expected.extensions, actual.extensions, "extension", "");
  }

  std::vector<Difference> take() { return std::move(differences_); }

 private:
  // MySQL databases have one namespace named after the database: no prefix then.
  std::string qualified(const Namespace& ns, const std::string& name) const {
    return ns.name == database_ ? name : ns.name + "." + name;
  }

  void space(const Namespace& expected, const Namespace& actual) {
    space_ = expected.name;
    for (const auto& [name, table] : expected.tables) {
      const auto other = actual.tables.find(name);
      table_ = name;
      if (other == actual.tables.end()) {
        add("table " + qualified(expected, name), "table", "", Change::Missing, create_table(expected, table, dialect_),
            "");
      } else {
        tables(expected, table, other->second);
      }
    }
    for (const auto& [name, table] : actual.tables) {
      table_ = name;
      if (!expected.tables.count(name)) add("table " + qualified(actual, name), "table", "", Change::Extra, "", summary(table));
    }
    table_.clear();
    const std::string prefix = expected.name == database_ ? "" : expected.name + ".";
    named(expected.views, actual.views, "view", prefix);
    named(expected.triggers, actual.triggers, "trigger", prefix);
    named(expected.routines, actual.routines, "routine", prefix);
    named(expected.sequences, actual.sequences, "sequence", prefix);
    named(expected.types, actual.types, "type", prefix);
  }

  void tables(const Namespace& ns, const Table& expected, const Table& actual) {
    const std::string object = "table " + qualified(ns, expected.name);
    parts(object, "column", expected.columns, actual.columns);
    parts(object, "index", expected.indexes, actual.indexes);
    parts(object, "foreign key", expected.foreign_keys, actual.foreign_keys);
    parts(object, "check", expected.checks, actual.checks);
    parts(object, "option", expected.options, actual.options);
  }

  void parts(const std::string& object, const std::string& kind, const std::vector<Element>& expected,
             const std::vector<Element>& actual) {
    std::map<std::string, const Element*> by_key;
    for (const Element& element : actual) by_key[element.key] = &element;
    for (const Element& element : expected) {
      const auto other = by_key.find(element.key);
      if (other == by_key.end()) {
        add(object, kind, element.name, Change::Missing, element.definition, "");
        continue;
      }
      if (other->second->definition != element.definition) {
        add(object, kind, element.name, Change::Changed, element.definition, other->second->definition);
      }
      by_key.erase(other);
    }
    for (const Element& element : actual) {
      if (by_key.count(element.key)) add(object, kind, element.name, Change::Extra, "", element.definition);
    }
  }

  void named(const std::map<std::string, Element>& expected, const std::map<std::string, Element>& actual,
             const std::string& kind, const std::string& prefix) {
    for (const auto& [name, element] : expected) {
      const auto other = actual.find(name);
      if (other == actual.end()) {
        add(kind + " " + prefix + name, kind, "", Change::Missing, element.definition, "");
      } else if (other->second.definition != element.definition) {
        add(kind + " " + prefix + name, kind, "", Change::Changed, element.definition, other->second.definition);
      }
    }
    for (const auto& [name, element] : actual) {
      if (!expected.count(name)) add(kind + " " + prefix + name, kind, "", Change::Extra, "", element.definition);
    }
  }

  static std::string summary(const Table& table) {
    return std::to_string(table.columns.size()) + " columns, " + std::to_string(table.indexes.size()) + " indexes";
  }

  void add(std::string object, std::string kind, std::string name, Change change, std::string expected,
           std::string actual) {
    differences_.push_back(Difference{database_, std::move(object), std::move(kind), std::move(name), change,
                                      std::move(expected), std::move(actual), space_, table_});
  }

  std::string database_;
  sql::Dialect dialect_;
  std::string space_;
  std::string table_;
  std::vector<Difference> differences_;
};

}  // namespace

std::vector<Difference> compare(const Database& expected, const Database& actual, sql::Dialect dialect) {
  Comparison comparison(actual.name, dialect);
  comparison.namespaces(expected, actual);
  return comparison.take();
}

Difference missing_database(const std::string& name) {
  return {name, "database " + name, "database", "", Change::Missing, "DATABASE " + name, "", "", ""};
}

Difference extra_database(const std::string& name) {
  return {name, "database " + name, "database", "", Change::Extra, "", "DATABASE " + name, "", ""};
}

}  // namespace devenv::schema
