#pragma once

#include <string>
#include <vector>

#include "catalog/differ.h"

namespace devenv::catalog {

// What a dialect's fix writer makes of one difference: the statements that repair it,
// each marked when it destroys data (render_fix_sql comments those out unless allowed).
struct Statement {
  std::string sql;
  bool destructive = false;
};
using Statements = std::vector<Statement>;

inline Statement keep(std::string sql) { return {std::move(sql), false}; }
inline Statement destroy(std::string sql) { return {std::move(sql), true}; }

Statements mysql_fix(const Difference& difference);     // mysql_fix.cpp
Statements postgres_fix(const Difference& difference);  // postgres_fix.cpp

// Alike in both dialects: a database (dropped when extra, re-created by a reset) and
// what only a reset repairs (a data dir made from other init files).
Statements database_fix(const Difference& difference, const std::string& quoted_name);
Statements reset_note(const Difference& difference);

}  // namespace devenv::catalog
