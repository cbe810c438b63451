#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "sqltext/dialect.h"
#include "sqltext/qualified_text.h"
#include "sqltext/statement.h"

namespace devenv::sqltext {

// Where a schema source's unqualified names must go.
struct QualifyTarget {
  Dialect dialect = Dialect::MySQL;
  // MySQL: the target database is a slot in the output (one source serves every
  // partition). `database` is its name when it is a single database, so that a
  // redundant `USE <it>` is accepted; empty for a partition template.
  std::string database;
  std::string database_label;  // for messages: "unkey", "partition_{n:03}"
  // PostgreSQL: the schema (namespace) unqualified names go into.
  std::string schema;
  // Qualifiers a source may write explicitly and keep as written: MySQL, the
  // databases the config declares on this server; PostgreSQL, this database's schemas.
  std::set<std::string> known_qualifiers;
  // PostgreSQL: every schema the source names is its own (`devenv diff` of a file,
  // which no config database constrains), so no qualifier is refused.
  bool any_schema = false;
  // The databases this source is for: its database, or every name of a partition
  // template. A file may create or select these itself (as files written for the
  // official images do); compile_source leaves those statements out.
  std::set<std::string> own_databases;
  // MySQL: the collation the server has for one the source names, when it lacks that
  // name (MariaDB for MySQL 8's `_0900_` collations); unset or nullopt keeps it.
  std::function<std::optional<std::string>(std::string_view)> map_collation;
};

// Rewrites a statement so that every object it creates, alters, drops or writes
// names its database (MySQL `db`.`t`) or schema (PostgreSQL s.t), changing no other
// byte. Throws SourceError for `USE`/`\connect` to another database, for names
// qualified with an undeclared database or schema, and for CREATE/DROP DATABASE
// (devenv creates the databases from the config). Collation names are mapped with
// target.map_collation where they are code, never inside strings or comments.
QualifiedText qualify(const Statement& statement, const QualifyTarget& target);

}  // namespace devenv::sqltext
