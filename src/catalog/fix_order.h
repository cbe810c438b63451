#pragma once

#include <string>
#include <vector>

#include "catalog/fix_writer.h"

namespace devenv::catalog {

// One statement of a fix, with what it is for and what decides its place.
struct PlannedStatement {
  Statement statement;
  std::string heading;                 // "changed: table apis column name", or why it is in the way
  std::string object;                  // the table or view it makes or drops, that others may read ("" when none)
  std::string reads;                   // text whose names say which objects it reads (a definition)
  const Difference* source = nullptr;  // the difference it repairs; null when it is only in the way
};

// Sorted by step. Within a step the order they came in holds, except that a statement
// that reads another's object comes after it when both make (CREATE VIEW after the
// view it selects from, CREATE TABLE after the table it is a partition of) and before
// it when both drop (DropViews, DropTables). A cycle is broken in the order they came.
std::vector<PlannedStatement> in_fix_order(std::vector<PlannedStatement> statements);

// The names a text mentions: identifiers, bare or quoted ("a", `b`, "C d"), each also
// lowered when bare. Over-approximate on purpose: a name in a string literal or a
// column named like a view only moves a statement later, never breaks it.
std::vector<std::string> mentioned_names(const std::string& text);
bool mentions(const std::vector<std::string>& names, const std::string& name);

}  // namespace devenv::catalog
