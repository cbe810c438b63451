// The fix-up SQL of MySQL and MariaDB: ALTER TABLE for the parts of a table, CREATE OR
// REPLACE or DROP and CREATE for the other objects, routines and triggers inside
// DELIMITER for the mysql client.
#include <algorithm>

#include "catalog/definition.h"
#include "catalog/fix_writer.h"
#include "catalog/mysql_ddl.h"

namespace devenv::catalog {
namespace {

std::string alter_table(const Difference& d, const std::string& change) {
  return "ALTER TABLE " + quote_mysql_name(d.table) + " " + change + ";";
}

// Where a column goes: first, or after the one the schema files put before it (" FIRST",
// " AFTER `a`"); nothing when that is not known.
std::string position(const std::optional<std::string>& after) {
  if (!after) return "";
  return after->empty() ? " FIRST" : " AFTER " + quote_mysql_name(*after);
}

std::string add_column(const Difference& d) {
  return alter_table(d, "ADD COLUMN " + quote_mysql_name(d.name) + " " + d.expected->definition +
                            position(std::get<Column>(d.expected->detail).after));
}

// AUTO_INCREMENT needs a key on the column (error 1075): a column is added or changed
// without it, and counts once its key exists; one that stops counting does so before
// its key goes.
Statements auto_increment_fix(const Difference& d) {
  const std::string modify = alter_table(d, "MODIFY COLUMN " + quote_mysql_name(d.name) + " " + d.expected->definition);
  const Column& want = std::get<Column>(d.expected->detail);
  if (d.change == Change::Missing) {
    Column counting_later = want;
    counting_later.auto_increment = false;
    Difference without = d;
    without.expected->definition = mysql_column_definition(counting_later);
    return {keep(Step::AddColumns, add_column(without)), keep(Step::AutoIncrement, modify)};
  }
  return {keep(want.auto_increment ? Step::AutoIncrement : Step::ReleaseAutoIncrement, modify)};
}

bool auto_increment_changes(const Difference& d) {
  const bool want = d.expected && std::get<Column>(d.expected->detail).auto_increment;
  const bool have = d.actual && std::get<Column>(d.actual->detail).auto_increment;
  return d.change != Change::Extra && want != have;
}

bool generated(const std::optional<Element>& column) {
  return column && !std::get<Column>(column->detail).generated.empty();
}

// A generated column goes before the columns it reads and comes (changed, or made
// again) after the columns it reads are added.
Statements column_fix(const Difference& d) {
  const std::string name = quote_mysql_name(d.name);
  const std::string drop = alter_table(d, "DROP COLUMN " + name);
  if (auto_increment_changes(d)) return auto_increment_fix(d);
  switch (d.change) {
    case Change::Missing: return {keep(Step::AddColumns, add_column(d))};
    case Change::Extra: return {destroy(generated(d.actual) ? Step::DropGeneratedColumns : Step::DropColumns, drop)};
    case Change::Changed: break;
  }
  if (mysql_column_made_again(std::get<Column>(d.expected->detail), std::get<Column>(d.actual->detail))) {
    return {destroy(Step::DropGeneratedColumns, drop),
            after_destructive(Step::AddColumns, add_column(d), "the column is made again")};
  }
  const Step step = generated(d.expected) ? Step::GeneratedColumns : Step::ChangeColumns;
  return {keep(step, alter_table(d, "MODIFY COLUMN " + name + " " + d.expected->definition))};
}

// Each column out of place is moved after the one the schema files put before it,
// walking the expected order, so every move is made against the order so far.
Statements column_order_fix(const Difference& d) {
  const ColumnOrder& want = std::get<ColumnOrder>(d.expected->detail);
  std::vector<std::string> order = std::get<ColumnOrder>(d.actual->detail).names;
  Statements out;
  for (std::size_t i = 0; i < want.names.size() && i < order.size(); ++i) {
    if (order[i] == want.names[i]) continue;
    const std::string after = i == 0 ? "" : want.names[i - 1];
    out.push_back(keep(Step::ChangeColumns, alter_table(d, "MODIFY COLUMN " + quote_mysql_name(want.names[i]) + " " +
                                                               want.definitions[i] + position(after))));
    order.erase(std::find(order.begin(), order.end(), want.names[i]));
    order.insert(order.begin() + static_cast<std::ptrdiff_t>(i), want.names[i]);
  }
  return out;
}

// The primary key has no name to drop it by.
std::string drop_index(const Element& index) {
  if (std::get<Index>(index.detail).kind == IndexKind::Primary) return "DROP PRIMARY KEY";
  return "DROP INDEX " + quote_mysql_name(index.name);
}

// A changed index is dropped and added in one statement, so that a foreign key that
// needs it is never without one.
Statements index_fix(const Difference& d) {
  switch (d.change) {
    case Change::Missing: return {keep(Step::AddConstraints, alter_table(d, "ADD " + mysql_index_clause(*d.expected)))};
    case Change::Extra: return {keep(Step::DropConstraints, alter_table(d, drop_index(*d.actual)))};
    case Change::Changed: break;
  }
  return {
      keep(Step::AddConstraints, alter_table(d, drop_index(*d.actual) + ", ADD " + mysql_index_clause(*d.expected)))};
}

// A foreign key goes with the index InnoDB made for it, which the schema files never
// name: left behind, it would be drift.
Statements drop_foreign_key(const Difference& d) {
  const std::string drop = "DROP FOREIGN KEY " + quote_mysql_name(d.name);
  const auto* key = std::get_if<ForeignKey>(&d.actual->detail);
  if (!key || key->implicit_index.empty()) return {keep(Step::DropForeignKeys, alter_table(d, drop))};
  return {keep(Step::DropForeignKeys, alter_table(d, drop)),
          keep(Step::DropConstraints, alter_table(d, "DROP INDEX " + quote_mysql_name(key->implicit_index)))};
}

// Foreign keys and checks: dropped and added again, as neither can be altered.
Statements constraint_fix(const Difference& d) {
  const bool foreign = d.kind == Kind::ForeignKey;
  const std::string name = quote_mysql_name(d.name);
  Statements out;
  if (d.actual) {
    if (foreign) {
      const Statements drops = drop_foreign_key(d);
      out.insert(out.end(), drops.begin(), drops.end());
    } else
      out.push_back(keep(Step::DropConstraints, alter_table(d, "DROP CONSTRAINT " + name)));
  }
  if (d.expected) {
    out.push_back(keep(foreign ? Step::AddForeignKeys : Step::AddConstraints,
                       alter_table(d, "ADD CONSTRAINT " + name + " " + d.expected->definition)));
  }
  return out;
}

// An option's definition is its own ALTER TABLE clause; an extra one is reset.
Statements option_fix(const Difference& d) {
  const auto alter = [&](const std::string& clause) {
    return Statements{keep(Step::AlterTables, alter_table(d, clause))};
  };
  if (d.expected) return alter(d.expected->definition);
  if (d.name == "COMMENT") return alter("COMMENT = ''");
  if (d.name == "PARTITION BY") return alter("REMOVE PARTITIONING");
  if (d.name == "ROW_FORMAT") return alter("ROW_FORMAT=DEFAULT");
  if (d.name == "KEY_BLOCK_SIZE") return alter("KEY_BLOCK_SIZE=0");
  return {};
}

// A new table's foreign keys are added once every column has its final type: InnoDB
// refuses a key to a column of another type (errno 150) even with FOREIGN_KEY_CHECKS
// = 0, which fix_sql.cpp sets so that the order of the tables does not matter.
Statements table_fix(const Difference& d, const ComparedPair* models) {
  if (d.change == Change::Extra) return {destroy(Step::DropTables, "DROP TABLE " + quote_mysql_name(d.table) + ";")};
  const Table* table = models ? find_table(models->expected, d.space, d.table) : nullptr;
  if (!table) return {keep(Step::CreateTables, d.expected->definition)};
  Table without_keys = *table;
  without_keys.foreign_keys.clear();
  Statements out{keep(Step::CreateTables, mysql_create_table(without_keys))};
  for (const Element& key : table->foreign_keys) {
    out.push_back(keep(Step::AddForeignKeys,
                       alter_table(d, "ADD CONSTRAINT " + quote_mysql_name(key.name) + " " + key.definition)));
  }
  return out;
}

// CREATE OR REPLACE, as a view that reads this one stays valid.
Statements view_fix(const Difference& d) {
  if (d.change == Change::Extra) return {keep(Step::DropViews, "DROP VIEW " + quote_mysql_name(d.name) + ";")};
  return {keep(Step::CreateViews,
               mysql_view_head(*d.expected, true) + mysql_view_query(std::get<View>(d.expected->detail)) + ";")};
}

Statements trigger_fix(const Difference& d) {
  Statements out{keep(Step::DropTriggers, "DROP TRIGGER IF EXISTS " + quote_mysql_name(d.name) + ";")};
  if (d.expected) out.push_back(keep(Step::CreateTriggers, mysql_delimited(mysql_create_trigger(*d.expected))));
  return out;
}

// Dropped by the kind the database has it as, or will have it as.
Statements routine_fix(const Difference& d) {
  const Element& routine = d.expected ? *d.expected : *d.actual;
  Statements out{keep(Step::DropRoutines, "DROP " + std::get<Routine>(routine.detail).kind + " IF EXISTS " +
                                              quote_mysql_name(d.name) + ";")};
  if (d.expected) out.push_back(keep(Step::CreateRoutines, mysql_delimited(mysql_create_routine(*d.expected))));
  return out;
}

// Dropped and made again, as routines are: ALTER EVENT cannot take an ENDS away, and
// an event holds no data.
Statements event_fix(const Difference& d) {
  Statements out{keep(Step::DropTriggers, "DROP EVENT IF EXISTS " + quote_mysql_name(d.name) + ";")};
  if (d.expected) out.push_back(keep(Step::CreateTriggers, mysql_delimited(mysql_create_event(*d.expected))));
  return out;
}

}  // namespace

// MariaDB cannot turn a column into a generated one, or change where a generated one
// is kept (VIRTUAL, STORED), by MODIFY (error 1907).
bool mysql_column_made_again(const Column& want, const Column& have) {
  if (want.generated.empty() != have.generated.empty()) return !want.generated.empty();
  return !want.generated.empty() && want.stored != have.stored;
}

Statements mysql_fix(const Difference& d, const ComparedPair* models) {
  switch (d.kind) {
    case Kind::Column: return column_fix(d);
    case Kind::ColumnOrder: return column_order_fix(d);
    case Kind::Index: return index_fix(d);
    case Kind::ForeignKey:
    case Kind::Check: return constraint_fix(d);
    case Kind::TableOption: return option_fix(d);
    case Kind::Table: return table_fix(d, models);
    case Kind::View: return view_fix(d);
    case Kind::Trigger: return trigger_fix(d);
    case Kind::Routine: return routine_fix(d);
    case Kind::Event: return event_fix(d);
    case Kind::Database: return database_fix(d, quote_mysql_name(d.database));
    case Kind::Schema:  // PostgreSQL's alone
    case Kind::Extension:
    case Kind::Sequence:
    case Kind::EnumType:
    case Kind::Domain:
    case Kind::Comment:
    case Kind::Policy:
    case Kind::Fingerprint: break;
  }
  return reset_note(d);
}

}  // namespace devenv::catalog
