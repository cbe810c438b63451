#include "catalog/sqlite_ddl.h"

#include <algorithm>

#include "catalog/definition.h"
#include "catalog/sqlite_normalise.h"

namespace devenv::catalog {

namespace {

bool is_primary(const Element& index) { return std::get<Index>(index.detail).kind == IndexKind::Primary; }

// Everything after the column's type and key in a CREATE TABLE.
std::string column_constraints(const Column& column) {
  std::string out = column.not_null ? " NOT NULL" : "";
  out += optional_clause("DEFAULT (", column.default_value) + (column.default_value.empty() ? "" : ")");
  out += optional_clause("COLLATE ", column.collation);
  if (!column.generated.empty()) out += generation(column);
  return out;
}

// A single-column primary key is written on its column: AUTOINCREMENT may only be
// written there, and an INTEGER column is the rowid either way.
const Element* inline_key(const Table& table) {
  for (const Element& index : table.indexes) {
    if (!is_primary(index)) continue;
    const std::string& body = std::get<Index>(index.detail).body;  // the quoted column list
    if (body.find("\", \"") != std::string::npos) return nullptr;
    return &index;
  }
  return nullptr;
}

// A rowid table's single INTEGER key that is not the rowid: only a column's
// `PRIMARY KEY DESC` writes one (SQLite's quirk, lang_createtable.html#rowid; the
// table's PRIMARY KEY ("id" DESC) is the rowid).
bool integer_key_not_rowid(const Table& table, const Element& key, const Column& column) {
  const bool without_rowid = std::any_of(table.options.begin(), table.options.end(),
                                         [](const Element& option) { return option.name == "WITHOUT ROWID"; });
  return !without_rowid && column.type == "INTEGER" && !key.definition.ends_with(" AS ROWID");
}

}  // namespace

std::string sqlite_column_definition(const Column& column) {
  std::string out = column.type + column_constraints(column) + (column.auto_increment ? " AUTOINCREMENT" : "");
  return out.starts_with(" ") ? out.substr(1) : out;
}

std::string sqlite_primary_key_definition(const std::string& columns, bool rowid_alias) {
  return "PRIMARY KEY (" + columns + ")" + (rowid_alias ? " AS ROWID" : "");
}

bool sqlite_standalone_index(const Element& index) {
  const Index& detail = std::get<Index>(index.detail);
  return !detail.constraint && detail.kind != IndexKind::Primary;
}

std::string sqlite_create_table_named(const Table& table, const std::string& name) {
  const Element* key = inline_key(table);
  const std::string key_column = key ? std::get<Index>(key->detail).body : "";
  std::string body;
  for (const Element& element : table.columns) {
    const Column& column = std::get<Column>(element.detail);
    const std::string quoted = quote_sqlite_name(element.name);
    std::string clause = quoted + (column.type.empty() ? "" : " " + column.type);
    if (quoted == key_column) {
      clause += integer_key_not_rowid(table, *key, column) ? " PRIMARY KEY DESC" : " PRIMARY KEY";
      clause += column.auto_increment ? " AUTOINCREMENT" : "";
    }
    body += ",\n  " + clause + column_constraints(column);
  }
  for (const Element& index : table.indexes) {
    const Index& detail = std::get<Index>(index.detail);
    if (detail.kind == IndexKind::Primary && &index != key) body += ",\n  PRIMARY KEY (" + detail.body + ")";
    if (detail.constraint) body += ",\n  UNIQUE (" + detail.body + ")";
  }
  for (const Element& foreign_key : table.foreign_keys) body += ",\n  " + foreign_key.definition;
  for (const Element& check : table.checks) body += ",\n  " + check.definition;
  std::string options;
  for (const Element& option : table.options) options += (options.empty() ? " " : ", ") + option.definition;
  return "CREATE TABLE " + quote_sqlite_name(name) + " (" + body.substr(1) + "\n)" + options + ";\n";
}

std::string sqlite_create_table(const Namespace&, const Table& table) {
  std::string out = sqlite_create_table_named(table, table.name);
  for (const Element& index : table.indexes) out += sqlite_create_index(index);
  return out;
}

std::string sqlite_create_index(const Element& index) {
  if (!sqlite_standalone_index(index)) return "";
  const Index& detail = std::get<Index>(index.detail);
  return std::string("CREATE ") + (detail.kind == IndexKind::Unique ? "UNIQUE " : "") + "INDEX " +
         quote_sqlite_name(index.name) + " " + detail.body + ";\n";
}

std::string sqlite_create_view(const Element& view) {
  return "CREATE VIEW " + quote_sqlite_name(view.name) + " " + std::get<View>(view.detail).body + ";\n";
}

std::string sqlite_create_trigger(const Element& trigger) {
  return "CREATE TRIGGER " + quote_sqlite_name(trigger.name) + " " + std::get<Trigger>(trigger.detail).create + ";\n";
}

}  // namespace devenv::catalog
