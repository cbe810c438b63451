#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "catalog/model.h"
#include "sqltext/dialect.h"

namespace devenv::catalog {

enum class Change { Missing, Extra, Changed };  // rendered - + ~; missing: the schema files have it, the database not
const char* change_name(Change change);         // "missing", "extra", "changed"

// What a difference is about: a whole object, or a part of a table (is_table_part).
enum class Kind {
  Database,
  Schema,
  Extension,
  Table,
  Column,
  ColumnOrder,
  Index,
  ForeignKey,
  Check,
  Policy,
  TableOption,
  View,
  Trigger,
  Routine,
  Event,  // MySQL
  Sequence,
  EnumType,
  Domain,
  Comment,
  Fingerprint,  // the last: all_kinds() lists every kind up to it
};
// As reports print it, a documented interface: "column", "foreign key", "option", "type", …
const char* kind_name(Kind kind);
bool is_table_part(Kind kind);
// Every kind, in the order above (ignore patterns name them by kind_name).
const std::vector<Kind>& all_kinds();

// One real difference between what the schema files say and what a database holds.
struct Difference {
  Kind kind;
  Change change;
  std::string database;             // the live database ("server x" for a fingerprint)
  std::string space;                // its namespace: the PostgreSQL schema, MySQL's database ("" when none)
  std::string table;                // the table, for a table and its parts
  std::string name;                 // the object's or the part's name (the model's key: "users.touch" for a
                                    // PostgreSQL trigger, "f(integer)" for a PostgreSQL routine)
  std::optional<Element> expected;  // as the schema files make it (absent when extra); a missing
                                    // table's definition is its whole CREATE TABLE
  std::optional<Element> actual;    // as the database has it (absent when missing)
};

// "table billing.plans", "view active_keys", "database partition_003": the object the
// difference is in. Names are qualified by their namespace unless it is the database's own.
std::string object_label(const Difference& difference);
// The part's name within its table, "" when the difference is a whole object.
std::string part_name(const Difference& difference);
// The expected / actual definition, "" when absent.
std::string expected_definition(const Difference& difference);
std::string actual_definition(const Difference& difference);

// Every difference between the expected and the actual database, in a stable order.
// Parts whose names the server generated are matched by definition (Element::key).
std::vector<Difference> compare(const Database& expected, const Database& actual, sqltext::Dialect dialect);

// The two models one live database was compared with: the fix plans from them what
// the differences alone do not say (which views read a table whose column changes,
// which columns use an enum type that is made again, a table's full column order).
struct ComparedPair {
  Database expected;
  Database actual;
};
using ComparedModels = std::map<std::string, ComparedPair>;  // by live database name

// A database that should exist and does not, or exists and should not.
Difference missing_database(const std::string& name);
Difference extra_database(const std::string& name);

}  // namespace devenv::catalog
