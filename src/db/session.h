#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "db/endpoint.h"
#include "engine/engine.h"
#include "sqltext/dialect.h"

namespace devenv::db {

// A failed connect or query, with the server's own message.
struct DbError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// SQLite: the database's file does not exist (any other failure to open it is a
// DbError of its own: a verify reports this one as a missing database, the others as
// errors).
struct MissingDatabase : DbError {
  using DbError::DbError;
};

// One row of a result: NULL is nullopt.
using Row = std::vector<std::optional<std::string>>;

// The rows of one query, read one at a time as the server sends them: the reader
// keeps only what it takes. While it is open its session runs nothing else.
class RowStream {
 public:
  virtual ~RowStream() = default;
  // The next row into `row` (its strings' room reused); false after the last.
  virtual bool next(Row& row) = 0;
};

// One connection to a server, the same for every engine.
class Session {
 public:
  virtual ~Session() = default;
  virtual void execute(const std::string& sql) = 0;
  // MySQL family: unbuffered (mysql_use_result), the rows stay at the server until
  // read. PostgreSQL: libpq holds the one result, the rows are copied out one by one.
  virtual std::unique_ptr<RowStream> stream(const std::string& sql) = 0;
  // Every row, read at once.
  std::vector<Row> rows(const std::string& sql);
  // The first column of every row (NULL as the empty string).
  std::vector<std::string> column(const std::string& sql);
};

// Connects with the engine's library: Connector/C++ for the MySQL family (MySQL and
// MariaDB speak one protocol), libpqxx for PostgreSQL, the C library for SQLite (whose
// endpoint's `socket` is the server's folder and `database` a name in it, <name>.db;
// without a folder `database` is the file's path; the file must exist, and is opened
// read-only: sessions from here read live files (verify, diff, dump); devenv makes
// and writes its own files with open_sqlite). `timeout_seconds` bounds the connection
// unless the endpoint sets its own connect_timeout_seconds. Throws DbError.
std::unique_ptr<Session> connect(sqltext::Dialect protocol, const Endpoint& endpoint, int timeout_seconds = 5);

// A SQLite database file, made (empty) when `create` and it does not exist. Symbolic
// links are refused (SQLITE_OPEN_NOFOLLOW). Throws DbError.
std::unique_ptr<Session> open_sqlite(const std::string& path, bool create, int timeout_seconds = 5);
std::unique_ptr<Session> open_sqlite_read_only(const std::string& path, int timeout_seconds = 5);

// `path` as a SQLite URI filename (file:…), every byte but unreserved ones and '/'
// percent-encoded: any file name reads back as itself, and needs no quoting in the
// sqlite3 shell's .open. Parameters (?mode=rw, ?immutable=1) go after it.
std::string sqlite_uri(const std::string& path);

// Copies a live SQLite database into `target`, a new file, with SQLite's online backup:
// one consistent state (what its -wal holds included) while apps keep writing, the
// source read through a read-only session. Throws DbError.
void backup_sqlite(const std::string& source, const std::string& target);

// Sessions on any database of one server; "" opens the engine's fallback database
// (PostgreSQL always connects to some database).
using Connect = std::function<std::unique_ptr<Session>(const std::string& database)>;
Connect connector(const engine::Engine& engine, const Endpoint& endpoint);

// Another account on the same server (a verify's temporary account).
struct Login {
  std::string user;
  std::string password;
};
using ConnectAs = std::function<std::unique_ptr<Session>(const std::string& database, const Login& login)>;
ConnectAs connector_as(const engine::Engine& engine, const Endpoint& endpoint);

}  // namespace devenv::db
