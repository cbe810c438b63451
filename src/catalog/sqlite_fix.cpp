// SQLite's fix-up statements. ALTER TABLE can only rename, add a column at the end
// (not a key, unique, STORED or with a non-constant default; NOT NULL with a default)
// and drop a column nothing else uses. Every other change of a table is the rebuild
// SQLite documents (lang_altertable.html, "Making Other Kinds Of Table Schema
// Changes"): a new table made as the schema files say, the rows copied, the old table
// dropped, the new one renamed, its indexes and triggers made again. The fix runs with
// foreign_keys off and legacy_alter_table on (fix_sql.cpp), so neither the copy nor the
// rename trips over keys or views that name the table.
#include <algorithm>

#include "catalog/fix_order.h"
#include "catalog/fix_writer.h"
#include "catalog/sqlite_ddl.h"
#include "catalog/sqlite_normalise.h"

namespace devenv::catalog {
namespace {

const Table* table_in(const Database& database, const std::string& name) {
  for (const auto& [space, ns] : database.namespaces) {
    const auto found = ns.tables.find(name);
    if (found != ns.tables.end()) return &found->second;
  }
  return nullptr;
}

bool has_column(const Table& table, const std::string& name) {
  return std::any_of(table.columns.begin(), table.columns.end(),
                     [&](const Element& e) { return sqlite_folded(e.name) == sqlite_folded(name); });
}

// Everything of the database that could name a column of `table`: its keys, indexes,
// checks, generated columns, and every view and trigger (over-approximate on purpose:
// a false match only rebuilds where DROP COLUMN would have done).
std::string users_of_columns(const Database& database, const Table& table) {
  std::string text;
  for (const Element& e : table.indexes) text += e.definition + "\n";
  for (const Element& e : table.foreign_keys) text += e.definition + "\n";
  for (const Element& e : table.checks) text += e.definition + "\n";
  for (const Element& e : table.columns) text += std::get<Column>(e.detail).generated + "\n";
  for (const auto& [space, ns] : database.namespaces) {
    for (const auto& [name, view] : ns.views) text += view.definition + "\n";
    for (const auto& [name, trigger] : ns.triggers) text += trigger.definition + "\n";
    for (const auto& [name, other] : ns.tables) {
      for (const Element& e : other.foreign_keys) text += e.definition + "\n";
    }
  }
  return text;
}

// ADD COLUMN appends, and takes only what needs no rows rewritten.
bool added_in_place(const Difference& d, const ComparedPair& models) {
  const Table* want = table_in(models.expected, d.table);
  const Table* have = table_in(models.actual, d.table);
  if (!want || !have) return false;
  const Column& column = std::get<Column>(d.expected->detail);
  const std::string& value = column.default_value;
  const bool constant_default = value.find('(') == std::string::npos && value.find("CURRENT_") == std::string::npos;
  if (!constant_default || (column.not_null && value.empty()) || (!column.generated.empty() && column.stored))
    return false;
  if (mentions(mentioned_names(users_of_columns(models.expected, *want)), d.name)) return false;
  const auto at =
      std::find_if(want->columns.begin(), want->columns.end(), [&](const Element& e) { return e.name == d.name; });
  return std::none_of(at, want->columns.end(), [&](const Element& e) { return has_column(*have, e.name); });
}

bool dropped_in_place(const Difference& d, const ComparedPair& models) {
  const Table* have = table_in(models.actual, d.table);
  return have && !mentions(mentioned_names(users_of_columns(models.actual, *have)), d.name);
}

bool needs_rebuild(const Difference& d, const ComparedPair& models) {
  switch (d.kind) {
    case Kind::Column:
      if (d.change == Change::Missing) return !added_in_place(d, models);
      if (d.change == Change::Extra) return !dropped_in_place(d, models);
      return true;
    case Kind::Index:
      return (d.expected && !sqlite_standalone_index(*d.expected)) || (d.actual && !sqlite_standalone_index(*d.actual));
    case Kind::ColumnOrder:
    case Kind::ForeignKey:
    case Kind::Check:
    case Kind::TableOption: return true;
    default: return false;
  }
}

// One table of each side, compared alone: whether anything about it needs a rebuild.
bool rebuilt(const std::string& table, const ComparedPair& models) {
  const Table* want = table_in(models.expected, table);
  const Table* have = table_in(models.actual, table);
  if (!want || !have) return false;
  Database expected, actual;
  expected.namespaces["main"].tables[table] = *want;
  actual.namespaces["main"].tables[table] = *have;
  const std::vector<Difference> differences = compare(expected, actual, sqltext::Dialect::SQLite);
  return std::any_of(differences.begin(), differences.end(),
                     [&](const Difference& d) { return needs_rebuild(d, models); });
}

// Whether rebuilding a table loses values: the live table has a column the schema
// files do not (a generated one is computed, nothing is lost).
bool rebuild_loses(const std::string& name, const ComparedPair& models) {
  const Table& want = *table_in(models.expected, name);
  const Table& have = *table_in(models.actual, name);
  return std::any_of(have.columns.begin(), have.columns.end(), [&](const Element& column) {
    return !has_column(want, column.name) && std::get<Column>(column.detail).generated.empty();
  });
}

// The twelve steps, one statement per table (the same text for every difference of the
// table: fix_sql.cpp writes it once). Destructive when a column's values are lost.
Statements rebuild(const std::string& name, const ComparedPair& models) {
  const Table& want = *table_in(models.expected, name);
  const Table& have = *table_in(models.actual, name);
  const std::string table = quote_sqlite_name(name);
  const std::string temporary = quote_sqlite_name("_devenv_new_" + name);
  std::string columns;
  for (const Element& column : want.columns) {
    if (!has_column(have, column.name) || !std::get<Column>(column.detail).generated.empty()) continue;
    columns += (columns.empty() ? "" : ", ") + quote_sqlite_name(column.name);
  }
  std::string sql = "-- rebuilt as SQLite documents it (lang_altertable.html): a new table, the rows copied\n";
  sql += sqlite_create_table_named(want, "_devenv_new_" + name);
  if (!columns.empty())
    sql += "INSERT INTO " + temporary + " (" + columns + ") SELECT " + columns + " FROM " + table + ";\n";
  sql += "DROP TABLE " + table + ";\nALTER TABLE " + temporary + " RENAME TO " + table + ";\n";
  for (const Element& index : want.indexes) sql += sqlite_create_index(index);
  for (const auto& [space, ns] : models.expected.namespaces) {
    for (const auto& [trigger_name, trigger] : ns.triggers) {
      if (sqlite_folded(std::get<Trigger>(trigger.detail).table) == sqlite_folded(name))
        sql += sqlite_create_trigger(trigger);
    }
  }
  return {Statement{sql, rebuild_loses(name, models), Step::AlterTables, {}}};
}

std::string column_clause(const Difference& d) {
  Column column = std::get<Column>(d.expected->detail);
  column.auto_increment = false;
  return quote_sqlite_name(d.name) + " " + sqlite_column_definition(column);
}

Statements table_part(const Difference& d) {
  const std::string table = quote_sqlite_name(d.table);
  if (d.kind == Kind::Column && d.change == Change::Missing)
    return {keep(Step::AddColumns, "ALTER TABLE " + table + " ADD COLUMN " + column_clause(d) + ";")};
  if (d.kind == Kind::Column && d.change == Change::Extra)
    return {destroy(Step::DropColumns, "ALTER TABLE " + table + " DROP COLUMN " + quote_sqlite_name(d.name) + ";")};
  Statements out;  // a CREATE INDEX's own index
  if (d.actual) out.push_back(keep(Step::DropConstraints, "DROP INDEX " + quote_sqlite_name(d.actual->name) + ";"));
  if (d.expected) out.push_back(keep(Step::AddConstraints, sqlite_create_index(*d.expected)));
  return out;
}

// A trigger on a table that is rebuilt is made by the rebuild, but only when the
// rebuild runs: one that loses values is kept out without --allow-destructive, and
// the trigger dropped here must then be made here (instead_of_destructive).
Statements trigger_fix(const Difference& d, const ComparedPair* models) {
  Statements out;
  if (d.actual) out.push_back(keep(Step::DropTriggers, "DROP TRIGGER " + quote_sqlite_name(d.name) + ";"));
  if (!d.expected) return out;
  const std::string create = sqlite_create_trigger(*d.expected);
  const std::string& table = std::get<Trigger>(d.expected->detail).table;
  if (!models || !rebuilt(table, *models)) {
    out.push_back(keep(Step::CreateTriggers, create));
  } else if (rebuild_loses(table, *models)) {
    out.push_back(instead_of_destructive(Step::CreateTriggers, create));
  }
  return out;
}

// Without both models only what ALTER TABLE does in place can be written.
bool in_place(const Difference& d) {
  if (d.kind == Kind::Column) return d.change != Change::Changed;
  return d.kind == Kind::Index && (!d.expected || sqlite_standalone_index(*d.expected)) &&
         (!d.actual || sqlite_standalone_index(*d.actual));
}

}  // namespace

Statements sqlite_fix(const Difference& d, const ComparedPair* models) {
  const std::string quoted = quote_sqlite_name(d.name);
  if (is_table_part(d.kind)) {
    if (models && rebuilt(d.table, *models)) return rebuild(d.table, *models);
    if (!in_place(d)) return {keep(Step::AlterTables, "-- devenv cannot change " + object_label(d) + " in place")};
    return table_part(d);
  }
  switch (d.kind) {
    case Kind::Table:
      if (d.change == Change::Extra) return {destroy(Step::DropTables, "DROP TABLE " + quoted + ";")};
      return {keep(Step::CreateTables, d.expected->definition)};
    case Kind::View: {
      Statements out;
      if (d.actual) out.push_back(keep(Step::DropViews, "DROP VIEW " + quoted + ";"));
      if (d.expected) out.push_back(keep(Step::CreateViews, sqlite_create_view(*d.expected)));
      return out;
    }
    case Kind::Trigger: return trigger_fix(d, models);
    case Kind::Database:
      return {keep(Step::CreateNamespaces, "-- database " + d.database + " is " + change_name(d.change) +
                                               ": its file is " + d.database + ".db (`devenv reset` makes it again)")};
    default: break;
  }
  return reset_note(d);
}

}  // namespace devenv::catalog
