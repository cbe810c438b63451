#pragma once

#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace devenv::catalog {

// SQLite keeps every CREATE statement as the schema file wrote it (sqlite_schema.sql),
// so two files that mean the same schema may store different text. These functions
// turn such text into one spelling per meaning (docs/sqlite.md, "verify, diff and
// dump"): comments and whitespace go, keywords are upper case, a quoted name that
// needs no quotes is written bare ([x], `x` and x are one name), any other is written
// "…". Names and function names keep their case (a view's column names are as
// written). The result is valid SQLite: the dump and the fix write it back.
//
// A "…" token is a name only where SQLite resolves it to one: otherwise it is a string
// (SQLite's double-quoted string literals). It is taken for a name when `names` (the
// database's tables, views and columns, lower case) holds it or a '.' is next to it
// (t."a", "t".a); any other is kept as written, so that "x" and 'x' stay different.
// A name that is a keyword is written the way a bare one is (KEY, upper case) when
// SQLite takes the bare keyword for a name there too, so `key` and "key" compare equal.
using SqliteNames = std::set<std::string>;
std::string sqlite_canonical(std::string_view sql, const SqliteNames& names = {});

// A column's default as pragma_table_xinfo reports it, canonical. A "…" token there is
// a string (a default cannot name a column): written '…', as SQLite reads it.
std::string sqlite_default(std::string_view written);

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
SqliteTableText parse_sqlite_table(std::string_view create_table, const SqliteNames& names = {});

// What follows the object's name in a CREATE VIEW / TRIGGER / INDEX statement,
// canonical: "AS SELECT …", "AFTER INSERT ON t BEGIN … END", "ON t (a) WHERE …".
std::string sqlite_after_name(std::string_view create, const SqliteNames& names = {});

// A name in lower case, as SQLite compares names (ASCII only).
std::string sqlite_folded(std::string_view name);

}  // namespace devenv::catalog
