// Each migration tool's own history table, written after the migrations ran, as the
// tool writes it (docs/migration-history.md cites the tools' sources for each layout).
#include "generator/history_table.h"

#include <Poco/Checksum.h>
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <map>

#include "migrations/tool.h"
#include "sqltext/identifier.h"
#include "sqltext/source_error.h"
#include "util/file.h"
#include "util/sha256.h"

namespace devenv::generator {

std::int32_t flyway_checksum(std::string_view file) {
  std::string_view text = file;
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
  Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
  std::size_t begin = 0;
  while (begin < text.size()) {
    std::size_t end = text.find_first_of("\r\n", begin);
    if (end == std::string_view::npos) end = text.size();
    crc.update(text.data() + begin, static_cast<unsigned>(end - begin));
    if (end + 1 < text.size() && text[end] == '\r' && text[end + 1] == '\n') ++end;
    begin = end + 1;
  }
  return static_cast<std::int32_t>(crc.checksum());
}

namespace {

using migrations::Tool;
using sqltext::Dialect;

struct Row {
  const config::SchemaSource* source;
  const CompiledSource* compiled;
};

class HistoryWriter {
 public:
  HistoryWriter(const config::Database& database, const config::Server& server, const HistoryTable& where, Tool tool)
      : database_(database), server_(server), dialect_(server.engine.dialect()), where_(where), tool_(tool) {}

  std::vector<std::string> write(const std::vector<Row>& rows) {
    switch (tool_) {
      case Tool::Sqlx: return sqlx(rows);
      case Tool::Goose: return goose(rows);
      case Tool::GolangMigrate: return golang_migrate(rows);
      case Tool::Drizzle: return drizzle(rows);
      case Tool::Dbmate: return dbmate(rows);
      case Tool::Flyway: return flyway(rows);
      case Tool::Atlas: return atlas(rows);
    }
    return {};
  }

 private:
  bool postgres() const { return dialect_ == Dialect::Postgres; }
  bool sqlite() const { return dialect_ == Dialect::SQLite; }
  std::string quote(const std::string& name) const { return sqltext::quote_identifier(name, dialect_); }
  std::string literal(const std::string& text) const { return sqltext::quote_string(text, dialect_); }
  std::string table() const {
    return where_.schema.empty() ? quote(where_.table) : quote(where_.schema) + "." + quote(where_.table);
  }
  // On SQLite the file keeps each CREATE's text (sqlite_master): the table is named as
  // the tool names it, bare for sqlx, goose and golang-migrate (quoted only when the name
  // needs it), so that the file holds what the tool's own run would have left.
  std::string table_as_written() const { return sqlite() && is_bare_name(where_.table) ? where_.table : table(); }
  static bool is_bare_name(const std::string& name) {
    if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
    return std::all_of(name.begin(), name.end(),
                       [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; });
  }
  std::string bytes_literal(const std::string& hex) const {
    return postgres() ? "'\\x" + hex + "'::bytea" : "X'" + hex + "'";
  }
  std::vector<std::string> with_schema(std::vector<std::string> statements) const {
    if (postgres() && !where_.schema.empty())
      statements.insert(statements.begin(), "CREATE SCHEMA IF NOT EXISTS " + quote(where_.schema));
    return statements;
  }
  static std::string file_bytes(const config::SchemaSource& source) {
    std::optional<std::string> text = util::read_file(source.path);
    if (!text) throw sqltext::SourceError({source.display, 1, 1}, "cannot read the migration file");
    return *text;
  }
  // Integer versions as the tools parse them (sqlx i64, goose int64, golang-migrate uint).
  static std::string integer(const std::string& version) {
    const std::size_t first = version.find_first_not_of('0');
    return first == std::string::npos ? "0" : version.substr(first);
  }
  // The statements the migration sent: what Atlas counts as applied and total.
  static std::size_t statement_count(const CompiledSource& compiled) {
    return std::count_if(compiled.statements.begin(), compiled.statements.end(),
                         [](const CompiledStatement& s) { return s.kind == sqltext::StatementKind::Sql; });
  }

  // launchbadge/sqlx sqlx-{postgres,mysql,sqlite}/src/migrate.rs (SQLite's layout is
  // MySQL's): one row per applied file, its SHA-384 over the file's exact bytes (BOM and CRLF included).
  std::vector<std::string> sqlx(const std::vector<Row>& rows) const {
    std::vector<std::string> out = {fmt::format(
        "CREATE TABLE IF NOT EXISTS {} (\n    version BIGINT PRIMARY KEY,\n    description TEXT NOT NULL,\n"
        "    installed_on {} NOT NULL DEFAULT {},\n    success BOOLEAN NOT NULL,\n    checksum {} NOT NULL,\n"
        "    execution_time BIGINT NOT NULL\n)",
        table_as_written(), postgres() ? "TIMESTAMPTZ" : "TIMESTAMP", postgres() ? "now()" : "CURRENT_TIMESTAMP",
        postgres() ? "BYTEA" : "BLOB")};
    for (const Row& row : rows) {
      const config::MigrationFile& file = *row.source->migration;
      out.push_back(fmt::format(
          "INSERT INTO {} (version, description, success, checksum, execution_time) VALUES ({}, {}, TRUE, {}, 0)",
          table(), integer(file.version), literal(file.description),
          bytes_literal(util::sha384_hex(file_bytes(*row.source)))));
    }
    return with_schema(out);
  }

  // pressly/goose internal/dialects/{postgres,mysql,sqlite3}.go: the version-0 row goose
  // writes with the table, then one row per version in the order applied.
  std::vector<std::string> goose(const std::vector<Row>& rows) const {
    std::vector<std::string> out = {goose_table(),
                                    fmt::format("INSERT INTO {} (version_id, is_applied) VALUES (0, true)", table())};
    for (const Row& row : rows) {
      out.push_back(fmt::format("INSERT INTO {} (version_id, is_applied) VALUES ({}, true)", table(),
                                integer(row.source->migration->version)));
    }
    return with_schema(out);
  }
  std::string goose_table() const {
    if (postgres()) {
      return fmt::format(
          "CREATE TABLE {} (\n\t\tid integer PRIMARY KEY GENERATED BY DEFAULT AS IDENTITY,\n"
          "\t\tversion_id bigint NOT NULL,\n\t\tis_applied boolean NOT NULL,\n\t\ttstamp timestamp NOT NULL "
          "DEFAULT now()\n\t)",
          table());
    }
    if (sqlite()) {
      return fmt::format(
          "CREATE TABLE {} (\n\t\tid INTEGER PRIMARY KEY AUTOINCREMENT,\n\t\tversion_id INTEGER NOT NULL,\n"
          "\t\tis_applied INTEGER NOT NULL,\n\t\ttstamp TIMESTAMP DEFAULT (datetime('now'))\n\t)",
          table_as_written());
    }
    return fmt::format(
        "CREATE TABLE {} (\n\t\tid bigint(20) unsigned NOT NULL AUTO_INCREMENT,\n\t\tversion_id bigint NOT NULL,\n"
        "\t\tis_applied boolean NOT NULL,\n\t\ttstamp timestamp NULL default now(),\n\t\tPRIMARY KEY(id)\n\t)",
        table());
  }

  // golang-migrate database/{postgres,mysql,sqlite3}: one row, the highest version, not
  // dirty. On SQLite its table has no primary key but a unique index named version_unique.
  std::vector<std::string> golang_migrate(const std::vector<Row>& rows) const {
    std::vector<std::string> out;
    if (sqlite()) {
      out = {fmt::format("CREATE TABLE IF NOT EXISTS {} (version uint64,dirty bool)", table_as_written()),
             fmt::format("CREATE UNIQUE INDEX IF NOT EXISTS version_unique ON {} (version)", table_as_written())};
    } else {
      out = {fmt::format("CREATE TABLE IF NOT EXISTS {} (version bigint not null primary key, dirty boolean not null)",
                         table())};
    }
    if (!rows.empty()) {
      out.push_back(fmt::format("INSERT INTO {} (version, dirty) VALUES ({}, false)", table(),
                                integer(rows.back().source->migration->version)));
    }
    return with_schema(out);
  }

  // drizzle-orm {pg,mysql,sqlite}-core/dialect.js `migrate()`: SHA-256 hex of the file's
  // text and the journal's `when`, one row per entry in journal order. Its migrator runs
  // every entry newer than the newest created_at. On SQLite `id SERIAL` is no rowid
  // alias, so drizzle's rows have a NULL id, and these too.
  std::vector<std::string> drizzle(const std::vector<Row>& rows) const {
    std::vector<std::string> out = {drizzle_table()};
    for (const Row& row : rows) {
      out.push_back(fmt::format("INSERT INTO {} (hash, created_at) VALUES ({}, {})", table(),
                                literal(row.compiled->sha256), row.source->migration->when));
    }
    return with_schema(out);
  }

  std::string drizzle_table() const {
    if (postgres() || sqlite()) {
      return fmt::format(
          "CREATE TABLE IF NOT EXISTS {} (\n\t\t\t\tid SERIAL PRIMARY KEY,\n\t\t\t\thash text NOT NULL,\n"
          "\t\t\t\tcreated_at {}\n\t\t\t)",
          table(), sqlite() ? "numeric" : "bigint");
    }
    return fmt::format(
        "create table if not exists {} (\n\t\t\t\tid serial primary key,\n\t\t\t\thash text not null,\n"
        "\t\t\t\tcreated_at bigint\n\t\t\t)",
        table());
  }

  // amacneil/dbmate pkg/driver/{postgres,mysql,sqlite}: the version string as the file name
  // writes it (leading zeros kept), one row per file.
  std::vector<std::string> dbmate(const std::vector<Row>& rows) const {
    std::vector<std::string> out = {fmt::format("create table if not exists {} (version {} primary key)", table(),
                                                postgres() ? "varchar" : "varchar(128)")};
    for (const Row& row : rows)
      out.push_back(
          fmt::format("INSERT INTO {} (version) VALUES ({})", table(), literal(row.source->migration->version)));
    return with_schema(out);
  }

  // flyway PostgreSQLDatabase.java / MySQLDatabase.java / SQLiteDatabase.java and
  // JdbcTableSchemaHistory: ranks in the order applied, the CRC32 Flyway computes over the
  // file's lines (terminators left out, a BOM dropped) as a signed 32-bit integer.
  std::vector<std::string> flyway(const std::vector<Row>& rows) const {
    const std::string table_name = sqlite() ? quote("main") + "." + table() : table();
    std::vector<std::string> out = sqlite() ? flyway_sqlite_table(table_name) : flyway_table(table_name);
    const std::string installed_by = installed_by_flyway();
    int rank = 0;
    for (const Row& row : rows) {
      const config::MigrationFile& file = *row.source->migration;
      out.push_back(fmt::format(
          "INSERT INTO {} ({}, {}, {}, {}, {}, {}, {}, {}, {}) VALUES ({}, {}, {}, 'SQL', {}, {}, {}, 0, {})",
          table_name, name("installed_rank"), name("version"), name("description"), name("type"), name("script"),
          name("checksum"), name("installed_by"), name("execution_time"), name("success"), ++rank,
          file.version.empty() ? "NULL" : literal(file.version), literal(abbreviated(file.description, 200)),
          literal(abbreviated_path(file.script, 1000)), flyway_checksum(file_bytes(*row.source)), literal(installed_by),
          postgres() ? "true" : "1"));
    }
    return with_schema(out);
  }

  std::vector<std::string> flyway_table(const std::string& table_name) const {
    std::vector<std::string> out = {fmt::format(
        "CREATE TABLE {} (\n    {} INT NOT NULL,\n    {} VARCHAR(50),\n    {} VARCHAR(200) NOT NULL,\n"
        "    {} VARCHAR(20) NOT NULL,\n    {} VARCHAR(1000) NOT NULL,\n    {} {},\n"
        "    {} VARCHAR(100) NOT NULL,\n    {} TIMESTAMP NOT NULL DEFAULT {},\n"
        "    {} {} NOT NULL,\n    {} {} NOT NULL{}\n)",
        table_name, name("installed_rank"), name("version"), name("description"), name("type"), name("script"),
        name("checksum"), postgres() ? "INTEGER" : "INT", name("installed_by"), name("installed_on"),
        postgres() ? "now()" : "CURRENT_TIMESTAMP", name("execution_time"), postgres() ? "INTEGER" : "INT",
        name("success"), postgres() ? "BOOLEAN" : "BOOL",
        postgres()
            ? ""
            : ",\n    CONSTRAINT " + name(where_.table + "_pk") + " PRIMARY KEY (" + name("installed_rank") + ")")};
    if (postgres()) {
      out.push_back(fmt::format("ALTER TABLE {} ADD CONSTRAINT {} PRIMARY KEY ({})", table_name,
                                name(where_.table + "_pk"), name("installed_rank")));
    }
    out.push_back(
        fmt::format("CREATE INDEX {} ON {} ({})", name(where_.table + "_s_idx"), table_name, name("success")));
    return out;
  }

  // SQLiteDatabase.getRawCreateScript: the table in schema "main", its index named there
  // too (SQLite's CREATE INDEX takes the schema on the index's name).
  std::vector<std::string> flyway_sqlite_table(const std::string& table_name) const {
    return {
        fmt::format("CREATE TABLE {} (\n    \"installed_rank\" INT NOT NULL PRIMARY KEY,\n"
                    "    \"version\" VARCHAR(50),\n    \"description\" VARCHAR(200) NOT NULL,\n"
                    "    \"type\" VARCHAR(20) NOT NULL,\n    \"script\" VARCHAR(1000) NOT NULL,\n"
                    "    \"checksum\" INT,\n    \"installed_by\" VARCHAR(100) NOT NULL,\n"
                    "    \"installed_on\" TEXT NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f','now')),\n"
                    "    \"execution_time\" INT NOT NULL,\n    \"success\" BOOLEAN NOT NULL\n)",
                    table_name),
        fmt::format("CREATE INDEX {}.{} ON {} (\"success\")", quote("main"), name(where_.table + "_s_idx"), table())};
  }

  // Flyway records the connection's user; SQLite has none, and Flyway writes "" there
  // (SQLiteDatabase.doGetCurrentUser).
  std::string installed_by_flyway() const {
    if (sqlite()) return "";
    return database_.owner.empty() ? server_.root_user : database_.owner;
  }

  std::string name(const std::string& text) const { return quote(text); }
  // Flyway cuts a description longer than `limit` characters (not bytes) to limit - 3 and "...".
  static std::string abbreviated(const std::string& text, std::size_t limit) {
    std::vector<std::size_t> starts;  // of each UTF-8 character
    for (std::size_t i = 0; i < text.size(); ++i) {
      if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
    }
    return starts.size() <= limit ? text : text.substr(0, starts[limit - 3]) + "...";
  }
  static std::string abbreviated_path(const std::string& text, std::size_t limit) {
    return text.size() <= limit ? text : "..." + text.substr(text.size() - (limit - 3));
  }

  // ariga/atlas cmd/atlas/internal/migrate (the revisions table, ent's layout) and
  // sql/migrate/migrate.go: one complete revision per file (applied = total), its hash
  // as atlas.sum records it.
  std::vector<std::string> atlas(const std::vector<Row>& rows) const {
    std::vector<std::string> out = {atlas_table()};
    for (const Row& row : rows) {
      const config::MigrationFile& file = *row.source->migration;
      const std::size_t statements = statement_count(*row.compiled);
      out.push_back(fmt::format(
          "INSERT INTO {} (version, description, type, applied, total, executed_at, execution_time, hash, "
          "operator_version) VALUES ({}, {}, 2, {}, {}, CURRENT_TIMESTAMP, 0, {}, 'Atlas CLI (recorded by devenv)')",
          table(), literal(file.version), literal(file.description), statements, statements,
          literal(atlas_sum_hash(*row.source))));
    }
    return with_schema(out);
  }

  // The revisions table as ent lays it out through Atlas for each engine (ent
  // dialect/sql/schema/{postgres,mysql,sqlite}.go, atTypeC). SQLite has no schemas: the
  // table is in the database file itself (cmd/atlas/internal/migrate/migrate.go).
  std::string atlas_table() const {
    if (postgres()) {
      return fmt::format(
          "CREATE TABLE {} (\"version\" character varying NOT NULL, \"description\" character varying NOT NULL, "
          "\"type\" bigint NOT NULL DEFAULT 2, \"applied\" bigint NOT NULL DEFAULT 0, \"total\" bigint NOT NULL "
          "DEFAULT 0, \"executed_at\" timestamptz NOT NULL, \"execution_time\" bigint NOT NULL, \"error\" text NULL, "
          "\"error_stmt\" text NULL, \"hash\" character varying NOT NULL, \"partial_hashes\" jsonb NULL, "
          "\"operator_version\" character varying NOT NULL, PRIMARY KEY (\"version\"))",
          table());
    }
    if (sqlite()) {
      return fmt::format(
          "CREATE TABLE {} (`version` text NOT NULL, `description` text NOT NULL, `type` integer NOT NULL DEFAULT 2, "
          "`applied` integer NOT NULL DEFAULT 0, `total` integer NOT NULL DEFAULT 0, `executed_at` datetime NOT "
          "NULL, `execution_time` integer NOT NULL, `error` text NULL, `error_stmt` text NULL, `hash` text NOT NULL, "
          "`partial_hashes` json NULL, `operator_version` text NOT NULL, PRIMARY KEY (`version`))",
          sqltext::quote_identifier(where_.table, Dialect::MySQL));
    }
    return fmt::format(
        "CREATE TABLE {} (`version` varchar(255) NOT NULL, `description` varchar(255) NOT NULL, `type` bigint "
        "unsigned NOT NULL DEFAULT 2, `applied` bigint NOT NULL DEFAULT 0, `total` bigint NOT NULL DEFAULT 0, "
        "`executed_at` timestamp NULL, `execution_time` bigint NOT NULL, `error` longtext NULL, `error_stmt` "
        "longtext NULL, `hash` varchar(255) NOT NULL, `partial_hashes` json NULL, `operator_version` varchar(255) "
        "NOT NULL, PRIMARY KEY (`version`)) CHARSET utf8mb4 COLLATE utf8mb4_bin",
        table());
  }

  // The file's line in its folder's atlas.sum, without "h1:"; Atlas refuses a folder
  // without atlas.sum, and so does devenv.
  static std::string atlas_sum_hash(const config::SchemaSource& source) {
    const std::filesystem::path sum = source.path.parent_path() / "atlas.sum";
    const std::optional<std::string> text = util::read_file(sum);
    if (!text) {
      throw sqltext::SourceError({source.display, 1, 1}, "the folder has no atlas.sum, which Atlas requires",
                                 "run `atlas migrate hash` in it");
    }
    const std::string name = source.path.filename().string();
    std::size_t at = 0;
    while (at < text->size()) {
      std::size_t end = text->find('\n', at);
      if (end == std::string::npos) end = text->size();
      const std::string line = text->substr(at, end - at);
      if (line.starts_with(name + " h1:")) return line.substr(name.size() + 4);
      at = end + 1;
    }
    throw sqltext::SourceError({source.display, 1, 1}, "atlas.sum has no line for this file",
                               "run `atlas migrate hash` to record it");
  }

  const config::Database& database_;
  const config::Server& server_;
  Dialect dialect_;
  HistoryTable where_;
  Tool tool_;
};

// Each tool's table by default, and on PostgreSQL the schema it uses when it has its
// own ("" = the database's `schema`, first on its search_path).
struct DefaultTable {
  Tool tool;
  const char* table;
  const char* postgres_schema;
};

constexpr DefaultTable kDefaults[] = {
    {Tool::Sqlx, "_sqlx_migrations", ""},
    {Tool::Goose, "goose_db_version", ""},
    {Tool::GolangMigrate, "schema_migrations", ""},
    {Tool::Drizzle, "__drizzle_migrations", "drizzle"},
    {Tool::Dbmate, "schema_migrations", ""},
    {Tool::Flyway, "flyway_schema_history", ""},
    {Tool::Atlas, "atlas_schema_revisions", "atlas_schema_revisions"},
};

const DefaultTable& defaults_of(Tool tool) {
  for (const DefaultTable& one : kDefaults) {
    if (one.tool == tool) return one;
  }
  return kDefaults[0];
}

}  // namespace

std::optional<HistoryTable> history_table(const config::Database& database, const config::Server& server) {
  if (!database.migrations) return std::nullopt;
  const auto tool = migrations::tool_named(database.migrations->tool);
  if (!tool) return std::nullopt;
  const DefaultTable& defaults = defaults_of(*tool);
  const bool postgres = server.engine.has_schemas();
  HistoryTable out{postgres ? (*defaults.postgres_schema ? defaults.postgres_schema : database.schema) : "",
                   defaults.table};
  const std::string& renamed = database.migrations->table;
  if (renamed.empty()) return out;
  const std::size_t dot = renamed.find('.');
  if (dot == std::string::npos || !postgres) {
    out.table = dot == std::string::npos ? renamed : renamed.substr(dot + 1);
  } else {
    out.schema = renamed.substr(0, dot);
    out.table = renamed.substr(dot + 1);
  }
  return out;
}

std::vector<std::string> history_statements(const config::Database& database, const config::Server& server,
                                            const std::vector<CompiledSource>& compiled) {
  const std::optional<HistoryTable> where = history_table(database, server);
  if (!where) return {};
  std::vector<Row> rows;
  for (const CompiledSource& source : compiled) {
    if (source.source->migration) rows.push_back({source.source, &source});
  }
  return HistoryWriter(database, server, *where, *migrations::tool_named(database.migrations->tool)).write(rows);
}

}  // namespace devenv::generator
