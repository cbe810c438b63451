#pragma once

#include <string>
#include <vector>

#include "catalog/fix_sql.h"
#include "catalog/fix_writer.h"

namespace devenv::catalog {

// What PostgreSQL's fix writer (postgres_fix.cpp, postgres_enum_fix.cpp) and the
// planner of dependents (fix_dependents.cpp) both need to know.

// A changed routine that CREATE OR REPLACE can replace: the same kind, arguments and
// result. Otherwise it is dropped and made again, and what uses it with it.
bool replaces_in_place(const Difference& routine);

// Whether ALTER TYPE … ADD VALUE can make `have` into `want`: no label goes, and the
// ones both have keep their order. Otherwise the type is made again.
bool enum_changes_in_place(const EnumType& want, const EnumType& have);

// Whether a label of `have` is not in `want`: making the type again then loses rows.
bool enum_loses_labels(const EnumType& want, const EnumType& have);

// A column whose type is an enum type, or an array of it.
struct TypeUse {
  std::string space, table, column;
  Column detail;
};
std::vector<TypeUse> columns_using_type(const Database& database, const std::string& space, const std::string& type);

// An enum type changed in place, or made again: renamed aside, created anew, every
// column that uses it converted through text, the old one dropped.
Statements postgres_enum_fix(const Difference& difference, const ComparedPair* models);

}  // namespace devenv::catalog
