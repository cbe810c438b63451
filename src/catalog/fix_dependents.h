#pragma once

#include <set>
#include <string>
#include <vector>

#include "catalog/differ.h"
#include "catalog/fix_order.h"
#include "sqltext/dialect.h"

namespace devenv::catalog {

// PostgreSQL refuses to drop or retype what something else depends on (a view on a
// column whose type changes, a trigger on a function made again, a table a view
// reads), and cannot put a new column anywhere but last. Adds to a database's planned
// statements (docs/fix-sql.md):
//  - the views and triggers in the way of a change, dropped before it and made again
//    after it, views that read those views too;
//  - a table made again (destructive) when a new column goes between others, and with
//    a table made again, what went with it: the foreign keys that reference it, its
//    triggers, the sequences it owned; the statements for its parts are then dropped.
// A statement that only a destructive one makes necessary is kept out with it.
void add_dependents(std::vector<PlannedStatement>& planned, const std::vector<Difference>& differences,
                    const ComparedPair& models, bool allow_destructive);

// Both dialects: the indexes and checks on a column that is dropped and added again
// (fix_writer.h, *_column_made_again) go with it; they are dropped before it and added
// back after, kept out with it without --allow-destructive.
void add_parts_of_remade_columns(std::vector<PlannedStatement>& planned, const std::vector<Difference>& differences,
                                 const ComparedPair& models, sqltext::Dialect dialect);

// A partition's part that differs because its parent's does (a column's type, a
// check): the parent's fix changes it, and PostgreSQL refuses to change it on the
// partition ("cannot alter inherited column"). These differences get no statements.
std::set<const Difference*> inherited_from_parents(const std::vector<Difference>& differences,
                                                   const ComparedPair& models);

// The signature and result of a PostgreSQL routine's definition, without its body.
std::string routine_header(const std::string& definition);

// MySQL: the column changes of one table (MODIFY without a position) as one ALTER
// TABLE: the columns of a FULLTEXT index must change character set together (error
// 1283 one at a time).
void merge_mysql_column_changes(std::vector<PlannedStatement>& planned);

// MariaDB and MySQL refuse to change the type of a column a foreign key holds, on
// either side of it (errors 1832, 1833), whatever FOREIGN_KEY_CHECKS says: those keys
// are dropped before the change and added again after it.
void add_mysql_dependents(std::vector<PlannedStatement>& planned, const std::vector<Difference>& differences,
                          const ComparedPair& models);

}  // namespace devenv::catalog
