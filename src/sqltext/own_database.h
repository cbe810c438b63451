#pragma once

#include <optional>
#include <string>

#include "sqltext/qualifier.h"
#include "sqltext/statement.h"

namespace devenv::sqltext {

// A statement that creates or selects the database the config assigns to its file:
// `CREATE DATABASE [IF NOT EXISTS] partition_001 …`, `USE partition_001` (MySQL), or
// `CREATE DATABASE platform`, `\connect platform` (PostgreSQL). Projects whose files
// the official images run unchanged begin that way. devenv creates and selects each
// database itself, so such a statement is left out of the init files and the shadow
// loads; any other database stays an error (qualifier.h).
struct OwnDatabaseStatement {
  std::string what;        // "CREATE DATABASE partition_001", "USE partition_001"
  bool has_options;        // CREATE DATABASE … CHARACTER SET/COLLATE: config.toml's apply instead
  std::size_t code_begin;  // offset of its first code token in Statement::text (comments before it stay)
};

std::optional<OwnDatabaseStatement> own_database_statement(const Statement& statement, const QualifyTarget& target);

// The database such a statement names, whichever it is: what `devenv init` reads to
// tell which database an init file of the official images fills.
struct DatabaseStatement {
  std::string database;
  bool selects;  // USE / \connect: the statements after it run there; false for CREATE DATABASE
};
std::optional<DatabaseStatement> database_statement(const Statement& statement, Dialect dialect);

}  // namespace devenv::sqltext
