#include <sqlite3.h>

#include <sys/stat.h>

#include <cctype>
#include <cerrno>
#include <filesystem>
#include <fstream>

#include "db/session.h"
#include "util/interrupt.h"

namespace devenv::db {
namespace {

// The library's own message for what just failed on `db`, with what devenv was doing.
[[noreturn]] void fail(sqlite3* db, const std::string& doing) {
  throw DbError(doing + ": " + (db ? sqlite3_errmsg(db) : "out of memory"));
}

int refuse_attach(void*, int action, const char*, const char*, const char*, const char*) {
  return action == SQLITE_ATTACH || action == SQLITE_DETACH ? SQLITE_DENY : SQLITE_OK;
}

// Byte 18 of the header is 2 in a database in WAL mode.
bool header_says_wal(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  char header[20] = {};
  return file.read(header, sizeof header) && header[18] == 2;
}

class SqliteRowStream final : public RowStream {
 public:
  SqliteRowStream(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
  ~SqliteRowStream() override { sqlite3_finalize(statement_); }
  SqliteRowStream(const SqliteRowStream&) = delete;
  SqliteRowStream& operator=(const SqliteRowStream&) = delete;

  bool next(Row& row) override {
    const int step = sqlite3_step(statement_);
    if (step == SQLITE_DONE) return false;
    if (step != SQLITE_ROW) fail(db_, "reading a result");
    row.resize(static_cast<std::size_t>(sqlite3_column_count(statement_)));
    for (int i = 0; i < static_cast<int>(row.size()); ++i) {
      const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(statement_, i));
      if (text == nullptr) {
        row[static_cast<std::size_t>(i)].reset();
      } else {
        row[static_cast<std::size_t>(i)].emplace(text, static_cast<std::size_t>(sqlite3_column_bytes(statement_, i)));
      }
    }
    return true;
  }

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

// One database file, opened with the C library (no wrapper: this file and the
// Session interface are all devenv needs of it). A busy file (an app writing) is
// waited for up to the timeout rather than failing at once.
class SqliteSession final : public Session {
 public:
  SqliteSession(const std::string& path, int open_flags, int timeout_seconds) {
    const int flags = open_flags | SQLITE_OPEN_NOFOLLOW;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      const std::string why = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw DbError("cannot open the SQLite database " + path + ": " + why);
    }
    sqlite3_busy_timeout(db_, timeout_seconds * 1000);
    sqlite3_extended_result_codes(db_, 1);
    // A long statement (an init file's bulk insert) stops at Ctrl-C: SQLite asks every
    // few thousand steps, and a non-zero answer ends it with SQLITE_INTERRUPT.
    sqlite3_progress_handler(
        db_, 10000, [](void*) { return util::interrupt_requested() ? 1 : 0; }, nullptr);
    // A session that can write runs schema text (an init file, a shadow's load): it
    // must reach no other file, whatever the splitter made of the text. The engine
    // refuses ATTACH and DETACH (VACUUM INTO attaches its target the same way).
    if (open_flags & SQLITE_OPEN_READWRITE) {
      sqlite3_limit(db_, SQLITE_LIMIT_ATTACHED, 0);
      sqlite3_set_authorizer(db_, refuse_attach, nullptr);
    }
  }
  ~SqliteSession() override { sqlite3_close_v2(db_); }
  SqliteSession(const SqliteSession&) = delete;
  SqliteSession& operator=(const SqliteSession&) = delete;

  void execute(const std::string& sql) override {
    char* message = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &message) != SQLITE_OK) {
      const std::string why = message ? message : sqlite3_errmsg(db_);
      sqlite3_free(message);
      throw DbError(why);
    }
  }

  sqlite3* handle() const { return db_; }

  std::unique_ptr<RowStream> stream(const std::string& sql) override {
    sqlite3_stmt* statement = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), static_cast<int>(sql.size()), &statement, nullptr) != SQLITE_OK) {
      fail(db_, "preparing a query");
    }
    if (statement == nullptr) fail(db_, "the query is empty");
    return std::make_unique<SqliteRowStream>(db_, statement);
  }

 private:
  sqlite3* db_ = nullptr;
};

}  // namespace

std::string sqlite_uri(const std::string& path) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out = "file:";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += {'%', digits[c >> 4], digits[c & 15]};
    }
  }
  return out;
}

std::unique_ptr<Session> open_sqlite(const std::string& path, bool create, int timeout_seconds) {
  return std::make_unique<SqliteSession>(path, SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0),
                                         timeout_seconds);
}

// Read-only, not merely query_only: a read-write connection that closes last on a WAL
// database checkpoints into the file and deletes its -wal, a write to a file devenv
// only reads (a verify's live side).
//
// A WAL database with no -wal and -shm beside it is closed (no app has it open): opened
// read-only, SQLite would still make both and leave them, so it is opened immutable,
// which makes none. With them, an app may be writing: it is read through them.
std::unique_ptr<Session> open_sqlite_read_only(const std::string& path, int timeout_seconds) {
  std::error_code error;
  const bool closed_wal = header_says_wal(path) && !std::filesystem::exists(path + "-wal", error) &&
                          !std::filesystem::exists(path + "-shm", error);
  return std::make_unique<SqliteSession>(sqlite_uri(path) + (closed_wal ? "?immutable=1" : ""),
                                         SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, timeout_seconds);
}

void backup_sqlite(const std::string& source, const std::string& target) {
  const auto from = open_sqlite_read_only(source);
  const SqliteSession to(target, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, 5);
  sqlite3* from_handle = static_cast<const SqliteSession&>(*from).handle();
  sqlite3_backup* backup = sqlite3_backup_init(to.handle(), "main", from_handle, "main");
  if (backup == nullptr) fail(to.handle(), "copying " + source);
  const int stepped = sqlite3_backup_step(backup, -1);  // every page, in one read transaction
  sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE) fail(to.handle(), "copying " + source);
}

std::unique_ptr<Session> connect_sqlite(const Endpoint& endpoint, int timeout_seconds) {
  const std::string path =
      endpoint.socket.empty()
          ? endpoint.database
          : (std::filesystem::path(endpoint.socket) / engine::Engine::database_file_name(endpoint.database)).string();
  struct stat info {};
  if (lstat(path.c_str(), &info) != 0 && errno == ENOENT) throw MissingDatabase("no database file " + path);
  return open_sqlite_read_only(path, timeout_seconds);
}

}  // namespace devenv::db
