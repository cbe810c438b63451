#pragma once

#include <string>
#include <vector>

#include "schema/model.h"
#include "sql/dialect.h"

namespace devenv::schema {

enum class Change { Missing, Extra, Changed };  // rendered - + ~
const char* change_name(Change change);          // "missing", "extra", "changed"

// One real difference between what the schema files say and what a database holds.
struct Difference {
  std::string database;  // the live database
  std::string object;    // "table billing.plans", "view active_keys", "database partition_003"
  std::string kind;      // database, schema, table, column, index, foreign key, check, option, view, …
  std::string name;      // the part's name within the object ("" for the object itself)
  Change change;
  std::string expected;  // its definition as the schema files make it ("" when extra); a
                         // missing table's is its whole CREATE TABLE
  std::string actual;    // as the database has it ("" when missing)
  std::string space;     // for fix-up SQL: the namespace (PostgreSQL schema) of the object
  std::string table;     // and the table, for the parts of a table
};

// Every difference between the expected and the actual database, in a stable order.
// Parts whose names the server generated are matched by definition (Element::key).
std::vector<Difference> compare(const Database& expected, const Database& actual, sql::Dialect dialect);

// A database that should exist and does not, or exists and should not.
Difference missing_database(const std::string& name);
Difference extra_database(const std::string& name);

}  // namespace devenv::schema
