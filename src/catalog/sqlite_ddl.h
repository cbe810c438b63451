#pragma once

#include <string>

#include "catalog/model.h"

namespace devenv::catalog {

// SQLite's canonical definitions (what the inspector compares) and the statements the
// dump and the fix-up SQL both write, from the parts' detail. Every name devenv writes
// itself is quoted "…"; text SQLite stored (expressions, view and trigger bodies) is
// written in its canonical spelling (sqlite_normalise.h).

// "TEXT NOT NULL DEFAULT ('x') COLLATE NOCASE", "INTEGER GENERATED ALWAYS AS (a / 2) VIRTUAL",
// "INTEGER AUTOINCREMENT" (the rowid of a key that never reuses a number).
std::string sqlite_column_definition(const Column& column);
// "PRIMARY KEY ("id")", and for a rowid table's single INTEGER key "PRIMARY KEY ("id") AS ROWID":
// that column is the rowid itself (an INT key is not, SQLite's documented quirk).
std::string sqlite_primary_key_definition(const std::string& columns, bool rowid_alias);
// One table as the dump writes it: its CREATE TABLE (a single-column primary key on its
// column, where AUTOINCREMENT must be), then a CREATE INDEX for each of its own indexes.
std::string sqlite_create_table(const Namespace& ns, const Table& table);
// The CREATE TABLE alone, under another name (a rebuild's new_<table>).
std::string sqlite_create_table_named(const Table& table, const std::string& name);
// "CREATE [UNIQUE] INDEX "n" ON t(a) WHERE …;"; "" for a PRIMARY KEY or UNIQUE constraint's
// index, which only its CREATE TABLE makes.
std::string sqlite_create_index(const Element& index);
std::string sqlite_create_view(const Element& view);        // "CREATE VIEW "v" AS SELECT …;"
std::string sqlite_create_trigger(const Element& trigger);  // "CREATE TRIGGER "t" AFTER … END;"
// Whether an index is CREATE INDEX's own (dropped and made on its own), not a constraint's.
bool sqlite_standalone_index(const Element& index);

// The whole database as canonical SQL, loadable into an empty file with sqlite3.
std::string sqlite_dump(const Database& database);

}  // namespace devenv::catalog
