#pragma once

#include <string>

#include "db/session.h"
#include "engine/engine.h"

namespace devenv::runtime {

// What a snapshot's save and restore do by SQL, as root, around the engine's dump and
// load tools (docs/snapshots.md): a database is dropped and made again before a
// dump is loaded into it, keeping what init gave it.

bool database_exists(db::Session& session, const engine::Engine& engine, const std::string& database);

// The statement that makes `database` again as it is now: for the MySQL family its
// SHOW CREATE DATABASE (charset and collation; its grants live in mysql.db and
// outlive a drop). "" for PostgreSQL, whose archive carries the database's owner,
// grants and settings itself.
std::string database_creation(db::Session& session, const engine::Engine& engine, const std::string& database);

// Makes room for a load: drops `database` (PostgreSQL: closing its sessions first;
// the pristine _devenv_tpl_ copies of a reset are other databases, left alone); for
// the MySQL family then makes it again, empty, with `creation`.
void clear_database(db::Session& session, const engine::Engine& engine, const std::string& database,
                    const std::string& creation);

}  // namespace devenv::runtime
