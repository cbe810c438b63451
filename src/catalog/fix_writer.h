#pragma once

#include <string>
#include <vector>

#include "catalog/differ.h"

namespace devenv::catalog {

// Where a statement runs in a fix (docs/fix-sql.md): what blocks a change is dropped
// first (triggers, then views, dependents before what they read), then what is
// removed, then what the rest is made of, tables, their changes, what uses them.
// Statements of one step keep the order their differences came in, except views and
// tables, which follow what they read (fix_order.cpp).
enum class Step {
  DropTriggers,           // triggers, policies, events: extra, changed, or in the way
  DropViews,              // extra, changed or in the way; a view before the views it reads
  DropRoutines,           // routines made again with another signature or result
  DropForeignKeys,        // before the indexes they need, and the columns they hold on to (MySQL)
  ReleaseAutoIncrement,   // MySQL: a column stops counting before its key goes
  DropConstraints,        // checks and indexes
  DropGeneratedColumns,   // before the columns they are computed from
  DropColumns,            //
  DropTables,             // a table before the tables it references
  CreateNamespaces,       // schemas, extensions
  CreateTypes,            // enum types, domains and sequences, made or altered
  CreateRoutines,         // before the tables whose defaults and checks call them
  CreateTables,           // a table after the tables it is a partition of
  CreateRowTypeRoutines,  // PostgreSQL: routines that take or return a new table's row type
  AlterTables,            // table options, before the columns that take their default collation
  ChangeColumns,          // changed, moved
  AddColumns,             // in the schema files' column order, after the moves
  GeneratedColumns,       // changed or made again, once the columns they read exist
  DropTypes,              // extra sequences, types, domains, routines: once nothing uses them
  AddConstraints,         // indexes and checks
  AutoIncrement,          // MySQL: a column counts once its key exists
  AddForeignKeys,         // once every table has its columns and unique indexes
  OwnSequences,           // OWNED BY, once the owning column exists
  CreateViews,            // a view after the views it reads
  CreateTriggers,         // triggers, policies, events, row-level security
  Comments,               //
  DropNamespaces,         // extra schemas and extensions, once nothing of theirs is used
};

// What a dialect's fix writer makes of one difference: the statements that repair it,
// each with its step, and marked when it destroys data (render_fix_sql comments those
// out unless allowed). `needs` says why a statement that loses nothing is kept out
// with the destructive one it cannot run without.
struct Statement {
  std::string sql;
  bool destructive = false;
  Step step = Step::ChangeColumns;
  std::string needs;
  bool instead = false;  // what can be done without the destructive statements: runs only when they are kept out
};
using Statements = std::vector<Statement>;

inline Statement keep(Step step, std::string sql) { return {std::move(sql), false, step, {}}; }
inline Statement destroy(Step step, std::string sql) { return {std::move(sql), true, step, {}}; }
// A statement that runs only when destructive ones are kept out, doing what can be done
// without them (an enum type's new labels added in place when it cannot be made again).
inline Statement instead_of_destructive(Step step, std::string sql) { return {std::move(sql), false, step, {}, true}; }
// A statement that runs only when the destructive one before it does.
inline Statement after_destructive(Step step, std::string sql, std::string why) {
  return {std::move(sql), true, step, std::move(why)};
}

// `models` (may be null) are the two sides the difference was found between.
Statements mysql_fix(const Difference& difference, const ComparedPair* models);     // mysql_fix.cpp
Statements postgres_fix(const Difference& difference, const ComparedPair* models);  // postgres_fix.cpp
Statements sqlite_fix(const Difference& difference, const ComparedPair* models);    // sqlite_fix.cpp

// Whether a changed column is dropped and added again rather than altered: MariaDB
// cannot MODIFY a column into a generated one or between VIRTUAL and STORED; PostgreSQL
// cannot alter a generation expression. The indexes and checks on it go with it
// (fix_dependents.cpp puts them back).
bool mysql_column_made_again(const Column& want, const Column& have);     // mysql_fix.cpp
bool postgres_column_made_again(const Column& want, const Column& have);  // postgres_fix.cpp

// Alike in both dialects: a database (dropped when extra, re-created by a reset) and
// what only a reset repairs (a data dir made from other init files).
Statements database_fix(const Difference& difference, const std::string& quoted_name);
Statements reset_note(const Difference& difference);

}  // namespace devenv::catalog
