#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace devenv::catalog {

// SQLite keeps every CREATE statement as the schema file wrote it (sqlite_schema.sql),
// so two files that mean the same schema may store different text. These functions
// turn such text into one spelling per meaning (docs/sqlite.md, "verify, diff and
// dump"): comments and whitespace go, keywords are upper case, a quoted name that
// needs no quotes is written bare ("x", [x], `x` and x are one name), any other is
// written "…". Names and function names keep their case (a view's column names are
// as written). The result is valid SQLite: the dump and the fix write it back.
std::string sqlite_canonical(std::string_view sql);

// A declared column type, upper case, single-spaced, no space inside its parentheses:
// "varchar (320)" → "VARCHAR(320)". Types are compared as declared: INT and INTEGER
// have one affinity but are different declarations (only INTEGER PRIMARY KEY is the
// rowid), so a change between them is reported.
std::string sqlite_type(std::string_view declared);

// "name", quotes doubled: how devenv writes every name it writes itself.
std::string quote_sqlite_name(std::string_view name);

// What of a column only its CREATE TABLE text says (no pragma reports it).
struct SqliteColumnText {
  std::string collation;  // "NOCASE"; "" for the default (BINARY)
  std::string generated;  // a generated column's expression, canonical
  bool autoincrement = false;
};

// A CREATE TABLE statement read for what the pragmas leave out: per column (by its
// name in lower case, as SQLite matches names) and the table's CHECKs, written on a
// column or on the table alike ("CHECK (…)", canonical, in the order written).
struct SqliteTableText {
  std::map<std::string, SqliteColumnText> columns;
  std::vector<std::string> checks;
};
SqliteTableText parse_sqlite_table(std::string_view create_table);

// What follows the object's name in a CREATE VIEW / TRIGGER / INDEX statement,
// canonical: "AS SELECT …", "AFTER INSERT ON t BEGIN … END", "ON t (a) WHERE …".
std::string sqlite_after_name(std::string_view create);

// A name in lower case, as SQLite compares names (ASCII only).
std::string sqlite_folded(std::string_view name);

}  // namespace devenv::catalog
