// SQLite from one database file: sqlite_schema (the CREATE text as written) and the
// table-valued pragmas (pragma_table_xinfo, pragma_index_list, pragma_index_xinfo,
// pragma_foreign_key_list, pragma_table_list). What no pragma reports (collations,
// generated expressions, AUTOINCREMENT, CHECKs, index expressions and WHERE clauses,
// view and trigger bodies) is read from the stored text and written in its canonical
// spelling (sqlite_normalise.h), so that spellings that mean the same compare equal.
#include <algorithm>

#include "catalog/catalog_row.h"
#include "catalog/inspector.h"
#include "catalog/sqlite_ddl.h"
#include "catalog/sqlite_normalise.h"
#include "engine/engine.h"
#include "sqltext/identifier.h"

namespace devenv::catalog {
namespace {

using db::Row;

// The one namespace of a SQLite database (SQLite's "main" schema), unnamed as MySQL's is
// named after its database: reports name the file's objects unqualified.
constexpr const char* kMain = "";

std::string literal(const std::string& value) { return sqltext::quote_string(value, sqltext::Dialect::SQLite); }

std::string joined(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) out += (out.empty() ? "" : ", ") + part;
  return out;
}

class FileReader {
 public:
  explicit FileReader(db::Session& session) : session_(session) {}

  Database read(const std::string& name) {
    Database database;
    database.name = name;
    Namespace& ns = database.namespaces[kMain];
    ns.name = kMain;
    names_ = names();
    // sqlite_% are SQLite's own (sqlite_sequence, sqlite_stat1, the autoindexes);
    // _devenv_% would be devenv's.
    for (const Row& row : session_.rows(
             "SELECT type, name, tbl_name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
             "AND name NOT LIKE '\\_devenv\\_%' ESCAPE '\\' AND sql IS NOT NULL ORDER BY name")) {
      const std::string type = text(row, 0), object = text(row, 1), sql = text(row, 3);
      if (type == "table") ns.tables[object] = table(object, sql);
      if (type == "view")
        ns.views[object] = make_element(object, "VIEW " + sqlite_after_name(sql, names_), false,
                                        View{false, "", sqlite_after_name(sql, names_), ""});
      if (type == "trigger") {
        const std::string body = sqlite_after_name(sql, names_);
        ns.triggers[object] = make_element(object, "TRIGGER " + body, false, Trigger{text(row, 2), object, body, ""});
      }
      if (type == "index") indexes_[text(row, 2)].push_back({object, sql});
    }
    for (auto& [table_name, t] : ns.tables) add_indexes(t);
    for (auto& [table_name, t] : ns.tables) add_foreign_keys(t, ns);
    return database;
  }

 private:
  // What a "…" in the stored text may name (sqlite_normalise.h): the tables, views and
  // tables' columns, lower case (a view's columns are not asked for: a view whose table
  // is gone fails the pragma).
  SqliteNames names() {
    SqliteNames out;
    for (const Row& row :
         session_.rows("SELECT s.name FROM sqlite_schema s WHERE s.type IN ('table', 'view') UNION SELECT c.name FROM "
                       "sqlite_schema s, pragma_table_xinfo(s.name) c WHERE s.type = 'table'"))
      out.insert(sqlite_folded(text(row, 0)));
    return out;
  }

  // What a "…" in a table's CHECKs, generated columns and index expressions may name:
  // only the table and its own columns (elsewhere in the file a name is no name there).
  SqliteNames own_names(const std::string& table) {
    SqliteNames out{sqlite_folded(table)};
    for (const Row& row : session_.rows("SELECT name FROM pragma_table_xinfo(" + literal(table) + ")"))
      out.insert(sqlite_folded(text(row, 0)));
    return out;
  }

  struct Options {
    bool without_rowid = false;
    bool strict = false;
  };

  Table table(const std::string& name, const std::string& sql) {
    Table t;
    t.name = name;
    const SqliteTableText written = parse_sqlite_table(sql, own_names(name));
    std::vector<std::pair<int, std::string>> key;  // position in the primary key, column
    for (const Row& row :
         session_.rows("SELECT name, type, \"notnull\", dflt_value, pk, hidden FROM pragma_table_xinfo(" +
                       literal(name) + ") ORDER BY cid")) {
      Column column;
      const std::string column_name = text(row, 0);
      column.type = sqlite_type(text(row, 1));
      column.not_null = text(row, 2) == "1";
      column.default_value = row[3] ? sqlite_default(*row[3]) : "";
      const auto found = written.columns.find(sqlite_folded(column_name));
      if (found != written.columns.end()) {
        column.collation = found->second.collation;
        column.generated = found->second.generated;
        column.auto_increment = found->second.autoincrement;
      }
      column.stored = text(row, 5) == "3";
      if (const int position = std::stoi("0" + text(row, 4)); position > 0)
        key.emplace_back(position, quote_sqlite_name(column_name));
      t.columns.push_back(make_element(column_name, sqlite_column_definition(column), false, column));
    }
    const Options options = table_options(name);
    if (options.without_rowid)
      t.options.push_back(make_element("WITHOUT ROWID", "WITHOUT ROWID", false, TableOption{}));
    if (options.strict) t.options.push_back(make_element("STRICT", "STRICT", false, TableOption{}));
    if (!key.empty()) {
      std::sort(key.begin(), key.end());
      std::vector<std::string> columns;
      for (const auto& [position, column] : key) columns.push_back(column);
      const bool rowid_alias = !options.without_rowid && key.size() == 1 && !has_key_index(name);
      Index index{IndexKind::Primary, false, false, joined(columns)};
      std::string definition = sqlite_primary_key_definition(index.body, rowid_alias);
      t.indexes.push_back(make_element("PRIMARY", std::move(definition), false, std::move(index)));
    }
    for (const std::string& check : written.checks) t.checks.push_back(make_element(check, check, true));
    return t;
  }

  // A rowid table's key is the rowid exactly when SQLite made no index for it: an
  // INTEGER PRIMARY KEY is, but `INT PRIMARY KEY` and `INTEGER PRIMARY KEY DESC` are
  // not (lang_createtable.html#rowid), and the index list says which without parsing.
  bool has_key_index(const std::string& table) {
    return !session_.rows("SELECT 1 FROM pragma_index_list(" + literal(table) + ") WHERE origin = 'pk'").empty();
  }

  Options table_options(const std::string& name) {
    Options options;
    for (const Row& row : session_.rows("SELECT wr, strict FROM pragma_table_list(" + literal(name) + ")")) {
      options.without_rowid = text(row, 0) == "1";
      options.strict = text(row, 1) == "1";
    }
    return options;
  }

  // CREATE INDEX's by name and by its canonical text; a UNIQUE constraint's by its
  // columns, never by the name SQLite made up (sqlite_autoindex_<table>_<n>); the
  // primary key's is the table's PRIMARY KEY already.
  void add_indexes(Table& t) {
    std::map<std::string, std::string> written;  // index name → CREATE INDEX text
    for (const auto& [name, sql] : indexes_[t.name]) written[name] = sql;
    for (const Row& row : session_.rows("SELECT name, \"unique\", origin FROM pragma_index_list(" + literal(t.name) +
                                        ") ORDER BY name")) {
      const std::string name = text(row, 0), origin = text(row, 2);
      const bool unique = text(row, 1) == "1";
      if (origin == "pk") continue;
      if (origin == "c" && written.count(name)) {
        const std::string body = sqlite_after_name(written[name], own_names(t.name));
        Index index{unique ? IndexKind::Unique : IndexKind::Plain, false, false, body};
        t.indexes.push_back(make_element(name, std::string(unique ? "UNIQUE " : "") + "INDEX " + body, false, index));
      } else {
        Index index{IndexKind::Unique, true, false, unique_columns(t, name)};
        const std::string definition = "UNIQUE (" + index.body + ")";
        t.indexes.push_back(make_element(definition, definition, true, index));
      }
    }
  }

  // "\"a\", \"b\" COLLATE NOCASE DESC": a collation only when not the column's own.
  std::string unique_columns(const Table& t, const std::string& index) {
    std::vector<std::string> columns;
    for (const Row& row : session_.rows("SELECT name, \"desc\", coll FROM pragma_index_xinfo(" + literal(index) +
                                        ") WHERE key = 1 ORDER BY seqno")) {
      const std::string name = text(row, 0);
      std::string own = "BINARY";
      for (const Element& e : t.columns) {
        const std::string& collation = std::get<Column>(e.detail).collation;
        if (sqlite_folded(e.name) == sqlite_folded(name) && !collation.empty()) own = collation;
      }
      std::string collation = text(row, 2);
      std::transform(collation.begin(), collation.end(), collation.begin(), ::toupper);
      columns.push_back(quote_sqlite_name(name) + (collation == own ? "" : " COLLATE " + collation) +
                        (text(row, 1) == "1" ? " DESC" : ""));
    }
    return joined(columns);
  }

  // Grouped by id; a key written without its columns (REFERENCES t) refers to the
  // primary key, and is written with it.
  void add_foreign_keys(Table& t, const Namespace& ns) {
    std::map<int, std::vector<Row>> keys;
    for (Row& row : session_.rows("SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM "
                                  "pragma_foreign_key_list(" +
                                  literal(t.name) + ") ORDER BY id, seq")) {
      keys[std::stoi(text(row, 0))].push_back(std::move(row));
    }
    for (const auto& [id, rows] : keys) {
      const std::string target = text(rows.front(), 1);
      std::vector<std::string> from, to;
      for (const Row& row : rows) {
        from.push_back(quote_sqlite_name(text(row, 2)));
        if (row[3]) to.push_back(quote_sqlite_name(*row[3]));
      }
      if (to.empty()) to = primary_key_of(ns, target);
      std::string definition = "FOREIGN KEY (" + joined(from) + ") REFERENCES " + quote_sqlite_name(target) +
                               (to.empty() ? "" : " (" + joined(to) + ")");
      for (const auto& [word, column] : {std::pair{"ON UPDATE ", 4}, std::pair{"ON DELETE ", 5}}) {
        const std::string action = text(rows.front(), static_cast<std::size_t>(column));
        if (!action.empty() && action != "NO ACTION") definition += std::string(" ") + word + action;
      }
      t.foreign_keys.push_back(make_element(definition, definition, true, ForeignKey{}));
    }
  }

  static std::vector<std::string> primary_key_of(const Namespace& ns, const std::string& table) {
    for (const auto& [name, t] : ns.tables) {
      if (sqlite_folded(name) != sqlite_folded(table)) continue;
      for (const Element& index : t.indexes) {
        if (std::get<Index>(index.detail).kind == IndexKind::Primary) return {std::get<Index>(index.detail).body};
      }
    }
    return {};
  }

  db::Session& session_;
  SqliteNames names_;
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> indexes_;  // by table: name, sql
};

// One file per database: a database whose file does not exist is not there (the
// caller reports it missing); any other failure to open one is an error of its own.
// db::connect opens live files read-only (immutable when a closed WAL file), which is
// what keeps a verify from writing to them; query_only is a second guard, for the
// shadows' sessions too, which are opened to write.
class SqliteInspector final : public Inspector {
 public:
  explicit SqliteInspector(Connect connect) : connect_(std::move(connect)) {}

  // A folder of files has no catalog to list them: the runtime knows its files.
  std::vector<std::string> databases() override { return {}; }

  void inspect_each(const std::vector<std::string>& databases, const std::function<void(Database&&)>& each) override {
    for (const std::string& name : databases) {
      std::unique_ptr<db::Session> session;
      try {
        session = connect_(name);
      } catch (const db::MissingDatabase&) {
        continue;
      }
      each(read(*session, name));
    }
  }

 private:
  // SQLite opens a file lazily: one that is not a database fails the first query, with
  // a message that does not say which file.
  static Database read(db::Session& session, const std::string& name) {
    try {
      session.execute("PRAGMA query_only = ON");
      return FileReader(session).read(name);
    } catch (const db::DbError& error) {
      const std::string file = name.find('/') != std::string::npos ? name : engine::Engine::database_file_name(name);
      throw db::DbError("reading SQLite database " + name + " (" + file + "): " + error.what());
    }
  }

  Connect connect_;
};

}  // namespace

std::unique_ptr<Inspector> make_sqlite_inspector(Connect connect) {
  return std::make_unique<SqliteInspector>(std::move(connect));
}

}  // namespace devenv::catalog
