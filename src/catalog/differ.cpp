#include "catalog/differ.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <vector>

#include "catalog/dialect_writer.h"

namespace devenv::catalog {

const char* change_name(Change change) {
  switch (change) {
    case Change::Missing: return "missing";
    case Change::Extra: return "extra";
    case Change::Changed: return "changed";
  }
  return "?";
}

const char* kind_name(Kind kind) {
  switch (kind) {
    case Kind::Database: return "database";
    case Kind::Schema: return "schema";
    case Kind::Extension: return "extension";
    case Kind::Table: return "table";
    case Kind::Column: return "column";
    case Kind::ColumnOrder: return "column order";
    case Kind::Index: return "index";
    case Kind::ForeignKey: return "foreign key";
    case Kind::Check: return "check";
    case Kind::Policy: return "policy";
    case Kind::TableOption: return "option";
    case Kind::View: return "view";
    case Kind::Trigger: return "trigger";
    case Kind::Routine: return "routine";
    case Kind::Event: return "event";
    case Kind::Sequence: return "sequence";
    case Kind::EnumType: return "type";
    case Kind::Domain: return "domain";
    case Kind::Comment: return "comment";
    case Kind::Fingerprint: return "fingerprint";
  }
  return "?";
}

const std::vector<Kind>& all_kinds() {
  static const std::vector<Kind> kinds = [] {
    std::vector<Kind> out;
    for (int kind = 0; kind <= static_cast<int>(Kind::Fingerprint); ++kind) out.push_back(static_cast<Kind>(kind));
    return out;
  }();
  return kinds;
}

bool is_table_part(Kind kind) {
  return kind == Kind::Column || kind == Kind::ColumnOrder || kind == Kind::Index || kind == Kind::ForeignKey ||
         kind == Kind::Check || kind == Kind::Policy || kind == Kind::TableOption;
}

std::string object_label(const Difference& d) {
  switch (d.kind) {
    case Kind::Fingerprint: return "data dir";
    case Kind::Database: return "database " + d.database;
    case Kind::Schema:
    case Kind::Extension: return std::string(kind_name(d.kind)) + " " + d.name;
    case Kind::Comment: return "comment on " + d.name;  // the name says what the comment is on
    default: break;
  }
  // A MySQL database is its own one namespace: its objects are not qualified.
  const std::string prefix = d.space.empty() || d.space == d.database ? "" : d.space + ".";
  if (d.kind == Kind::Table || is_table_part(d.kind)) return "table " + prefix + d.table;
  return std::string(kind_name(d.kind)) + " " + prefix + d.name;
}

std::string part_name(const Difference& d) { return is_table_part(d.kind) ? d.name : ""; }

std::string expected_definition(const Difference& d) { return d.expected ? d.expected->definition : ""; }
std::string actual_definition(const Difference& d) { return d.actual ? d.actual->definition : ""; }

namespace {

// An element that only describes: a whole object's definition or a summary of it.
Element described(const std::string& name, std::string text) { return {name, name, std::move(text), {}}; }

class Comparison {
 public:
  Comparison(std::string database, sqltext::Dialect dialect) : database_(std::move(database)), dialect_(dialect) {}

  void namespaces(const Database& expected, const Database& actual) {
    for (const auto& [name, ns] : expected.namespaces) {
      const auto other = actual.namespaces.find(name);
      if (other == actual.namespaces.end()) {
        // And everything in it, each missing, so that a fix makes them too.
        add({Kind::Schema, Change::Missing, database_, "", "", name, described(name, "SCHEMA " + name), {}});
        Namespace empty;
        empty.name = name;
        space(ns, empty);
      } else {
        space(ns, other->second);
      }
    }
    for (const auto& [name, ns] : actual.namespaces) {
      if (!expected.namespaces.count(name)) {
        add({Kind::Schema, Change::Extra, database_, "", "", name, {}, described(name, "SCHEMA " + name)});
      }
    }
    named(Kind::Extension, "", expected.extensions, actual.extensions);
  }

  std::vector<Difference> take() { return std::move(differences_); }

 private:
  void space(const Namespace& expected, const Namespace& actual) {
    for (const auto& [name, table] : expected.tables) {
      const auto other = actual.tables.find(name);
      if (other == actual.tables.end()) {
        add({Kind::Table,
             Change::Missing,
             database_,
             expected.name,
             name,
             name,
             described(name, writer_for(dialect_).create_table(expected, table)),
             {}});
      } else {
        tables(expected, table, other->second);
      }
    }
    for (const auto& [name, table] : actual.tables) {
      if (!expected.tables.count(name)) {
        add({Kind::Table, Change::Extra, database_, expected.name, name, name, {}, described(name, summary(table))});
      }
    }
    named(Kind::View, expected.name, expected.views, actual.views);
    named(Kind::Trigger, expected.name, expected.triggers, actual.triggers);
    named(Kind::Routine, expected.name, expected.routines, actual.routines);
    named(Kind::Event, expected.name, expected.events, actual.events);
    named(Kind::Sequence, expected.name, expected.sequences, actual.sequences);
    named(Kind::EnumType, expected.name, expected.types, actual.types);
    named(Kind::Domain, expected.name, expected.domains, actual.domains);
    named(Kind::Comment, expected.name, expected.comments, actual.comments);
  }

  void tables(const Namespace& space, const Table& expected, const Table& actual) {
    const Difference in_table{Kind::Table, Change::Changed, database_, space.name, expected.name, "", {}, {}};
    columns(in_table, expected.columns, actual.columns);
    column_order(in_table, space, expected, actual);
    parts(in_table, Kind::Index, expected.indexes, actual.indexes);
    parts(in_table, Kind::ForeignKey, expected.foreign_keys, actual.foreign_keys);
    parts(in_table, Kind::Check, expected.checks, actual.checks);
    parts(in_table, Kind::Policy, expected.policies, actual.policies);
    parts(in_table, Kind::TableOption, expected.options, actual.options);
  }

  // A missing or changed column carries the column before it, so that a fix that adds
  // it (or adds it again) can put it there.
  void columns(const Difference& in_table, const std::vector<Element>& expected, const std::vector<Element>& actual) {
    const std::size_t first = differences_.size();
    parts(in_table, Kind::Column, expected, actual);
    for (std::size_t i = first; i < differences_.size(); ++i) {
      Difference& d = differences_[i];
      if (d.change == Change::Extra) continue;
      const auto at =
          std::find_if(expected.begin(), expected.end(), [&](const Element& e) { return e.name == d.name; });
      if (at != expected.end()) {
        std::get<Column>(d.expected->detail).after = at == expected.begin() ? "" : std::prev(at)->name;
      }
    }
  }

  // The columns both sides have, compared by their order alone: an added or dropped
  // column is reported as such, not as a change of order.
  void column_order(const Difference& in_table, const Namespace& space, const Table& expected, const Table& actual) {
    ColumnOrder want = common_columns(expected.columns, actual.columns);
    ColumnOrder have = common_columns(actual.columns, expected.columns);
    if (want.names == have.names) return;
    want.rebuild = writer_for(dialect_).create_table(space, expected);
    Difference d = in_table;
    d.kind = Kind::ColumnOrder;
    d.expected = Element{"column order", "", "(" + joined(want.names) + ")", want};
    d.actual = Element{"column order", "", "(" + joined(have.names) + ")", have};
    add(std::move(d));
  }

  static ColumnOrder common_columns(const std::vector<Element>& side, const std::vector<Element>& other) {
    ColumnOrder order;
    for (const Element& column : side) {
      const bool shared =
          std::any_of(other.begin(), other.end(), [&](const Element& e) { return e.name == column.name; });
      if (!shared) continue;
      order.names.push_back(column.name);
      order.definitions.push_back(column.definition);
    }
    return order;
  }

  static std::string joined(const std::vector<std::string>& names) {
    std::string out;
    for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
  }

  // Parts are matched by key, so that a part whose name the server made up is found
  // by its definition. Keys are matched as a multiset: two identical unnamed parts
  // (CHECK (a > 0) twice) are two keys alike, each matched once.
  void parts(const Difference& in_table, Kind kind, const std::vector<Element>& expected,
             const std::vector<Element>& actual) {
    std::multimap<std::string, std::size_t> unmatched;  // key → index into actual
    for (std::size_t i = 0; i < actual.size(); ++i) unmatched.emplace(actual[i].key, i);
    const auto part = [&](Change change, const Element& element, const Element* want, const Element* have) {
      Difference d = in_table;
      d.kind = kind;
      d.change = change;
      d.name = element.name;
      if (want) d.expected = *want;
      if (have) d.actual = *have;
      add(std::move(d));
    };
    for (const Element& element : expected) {
      const auto other = unmatched.lower_bound(element.key);  // the first alike, in actual's order
      if (other == unmatched.end() || other->first != element.key) {
        part(Change::Missing, element, &element, nullptr);
        continue;
      }
      const Element& have = actual[other->second];
      if (have.definition != element.definition) part(Change::Changed, element, &element, &have);
      unmatched.erase(other);
    }
    std::vector<bool> extra(actual.size(), false);
    for (const auto& [key, index] : unmatched) extra[index] = true;
    for (std::size_t i = 0; i < actual.size(); ++i) {
      if (extra[i]) part(Change::Extra, actual[i], nullptr, &actual[i]);
    }
  }

  void named(Kind kind, const std::string& space, const std::map<std::string, Element>& expected,
             const std::map<std::string, Element>& actual) {
    for (const auto& [name, element] : expected) {
      const auto other = actual.find(name);
      if (other == actual.end()) {
        add({kind, Change::Missing, database_, space, "", name, element, {}});
      } else if (other->second.definition != element.definition) {
        add({kind, Change::Changed, database_, space, "", name, element, other->second});
      }
    }
    for (const auto& [name, element] : actual) {
      if (!expected.count(name)) add({kind, Change::Extra, database_, space, "", name, {}, element});
    }
  }

  static std::string summary(const Table& table) {
    return std::to_string(table.columns.size()) + " columns, " + std::to_string(table.indexes.size()) + " indexes";
  }

  void add(Difference difference) { differences_.push_back(std::move(difference)); }

  std::string database_;
  sqltext::Dialect dialect_;
  std::vector<Difference> differences_;
};

}  // namespace

std::vector<Difference> compare(const Database& expected, const Database& actual, sqltext::Dialect dialect) {
  Comparison comparison(actual.name, dialect);
  comparison.namespaces(expected, actual);
  return comparison.take();
}

Difference missing_database(const std::string& name) {
  return {Kind::Database, Change::Missing, name, "", "", name, described(name, "DATABASE " + name), {}};
}

Difference extra_database(const std::string& name) {
  return {Kind::Database, Change::Extra, name, "", "", name, {}, described(name, "DATABASE " + name)};
}

}  // namespace devenv::catalog
