// MySQL and MariaDB from information_schema: one query per kind of object for all
// the databases asked for, all of them running at once, each on a connection of its
// own. Their rows come ordered by database and are read as they come: one database's
// model is made from its rows in every query and handed on before the next is read.
#include <algorithm>
#include <array>
#include <future>
#include <regex>
#include <set>

#include "catalog/catalog_row.h"
#include "catalog/definition.h"
#include "catalog/inspector.h"
#include "catalog/mysql_ddl.h"
#include "catalog/mysql_normalise.h"
#include "sqltext/identifier.h"
#include "util/ascii_case.h"

namespace devenv::catalog {
namespace {

using db::Row;

std::string quote_identifier(const std::string& name) {
  return sqltext::quote_identifier(name, sqltext::Dialect::MySQL);
}
std::string quote_string(const std::string& value) { return sqltext::quote_string(value, sqltext::Dialect::MySQL); }

std::string in_list(const std::vector<std::string>& names) {
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + quote_string(name);
  return out.empty() ? "''" : out;
}

// An index the server named after its first column ("a", "a_2") because the schema
// file gave it no name.
bool generated_index_name(const std::string& name, const std::string& first_column) {
  if (name == first_column) return true;
  return name.rfind(first_column + "_", 0) == 0 &&
         name.find_first_not_of("0123456789", first_column.size() + 1) == std::string::npos &&
         name.size() > first_column.size() + 1;
}

// Foreign keys as information_schema lists them, read once for keys and indexes.
struct ForeignKeyRows {
  const std::vector<Row>& columns;                                   // KEY_COLUMN_USAGE, in key order
  std::map<std::string, std::pair<std::string, std::string>> rules;  // schema.table.name → update, delete
};

// The queries a model is read from, one per kind of object. Each one's first column
// is the database, and each is ordered by it byte for byte (as std::string compares),
// so that one database's rows can be taken from every query in turn.
enum Query : std::size_t {
  kSchemata,
  kTables,
  kPartitions,
  kColumns,
  kChecks,
  kKeyColumns,
  kKeyRules,
  kStatistics,
  kViews,
  kTriggers,
  kParameters,
  kRoutines,
  kEvents,
  kQueries
};

// Rows already read whole, handed out as a stream.
class ReadRows final : public db::RowStream {
 public:
  explicit ReadRows(std::vector<Row> rows) : rows_(std::move(rows)) {}
  bool next(Row& row) override {
    if (next_ == rows_.size()) return false;
    row = std::move(rows_[next_++]);
    return true;
  }

 private:
  std::vector<Row> rows_;
  std::size_t next_ = 0;
};

// The rows of one query, taken a database at a time, and the session they come on
// when it is one of their own.
class QueryRows {
 public:
  QueryRows(std::unique_ptr<db::Session> session, std::unique_ptr<db::RowStream> stream)
      : session_(std::move(session)), stream_(std::move(stream)) {}

  // The rows about `database` into `out`; those of databases before it are passed over.
  void take(const std::string& database, std::vector<Row>& out) {
    out.clear();
    while (peek()) {
      const int order = text(head_, 0).compare(database);
      if (order > 0) return;
      if (order == 0) out.push_back(std::move(head_));
      has_head_ = false;
    }
  }

  // The next row, whatever its database; false after the last.
  bool next(Row& row) {
    if (!peek()) return false;
    row = std::move(head_);
    has_head_ = false;
    return true;
  }

 private:
  bool peek() {
    if (!has_head_ && !done_) {
      has_head_ = stream_->next(head_);
      done_ = !has_head_;
    }
    return has_head_;
  }

  std::unique_ptr<db::Session> session_;
  std::unique_ptr<db::RowStream> stream_;  // declared after its session: goes first
  Row head_;
  bool has_head_ = false;
  bool done_ = false;
};

class MySqlInspector final : public Inspector {
 public:
  explicit MySqlInspector(Connect connect) : connect_(connect), session_(connect("")) {
    const std::vector<std::string> version = session_->column("SELECT VERSION()");
    mariadb_ = !version.empty() && version.front().find("MariaDB") != std::string::npos;
  }

  std::vector<std::string> databases() override {
    return session_->column(
        "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME NOT IN "
        "('mysql', 'information_schema', 'performance_schema', 'sys') AND SCHEMA_NAME NOT LIKE '\\_devenv%' "
        "ORDER BY SCHEMA_NAME");
  }

  // The catalog queries of a large server take a quarter of a second each in MariaDB,
  // and one alone keeps the server on one core, mostly opening tables: run together
  // they finish in about half the time. So every query gets a connection and all run
  // at once; their rows stay at the server until this reads them, a database at a
  // time. One database is quick: its queries run in turn on this inspector's session.
  void inspect_each(const std::vector<std::string>& names, const std::function<void(Database&&)>& each) override {
    if (names.empty()) return;
    const std::string in = in_list(names);
    std::vector<QueryRows> sources = names.size() == 1 ? run_in_turn(in) : run_at_once(in);
    for (Row schema; sources[kSchemata].next(schema);) {
      for (std::size_t query = kSchemata + 1; query < kQueries; ++query)
        sources[query].take(text(schema, 0), rows_[query]);
      each(read_database(text(schema, 0)));
    }
    for (std::vector<Row>& rows : rows_) rows = {};
  }

 private:
  std::vector<QueryRows> run_in_turn(const std::string& in) {
    std::vector<QueryRows> sources;
    for (std::size_t query = 0; query < kQueries; ++query)
      sources.emplace_back(nullptr, std::make_unique<ReadRows>(session_->rows(sql(static_cast<Query>(query), in))));
    return sources;
  }

  std::vector<QueryRows> run_at_once(const std::string& in) {
    std::vector<std::future<QueryRows>> running;
    for (std::size_t query = 0; query < kQueries; ++query) {
      running.push_back(std::async(std::launch::async, [this, query, &in] {
        auto session = connect_("");
        auto stream = session->stream(sql(static_cast<Query>(query), in));
        return QueryRows(std::move(session), std::move(stream));
      }));
    }
    std::vector<QueryRows> sources;
    for (auto& query : running) sources.push_back(query.get());  // rethrows a query's DbError
    return sources;
  }

  // Query `query` about the databases of `in`.
  std::string sql(Query query, const std::string& in) const {
    const auto by_database = [](const std::string& column) { return " ORDER BY CAST(" + column + " AS BINARY)"; };
    switch (query) {
      case kSchemata:
        return "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME IN (" + in + ")" +
               by_database("SCHEMA_NAME");
      case kTables:
        return "SELECT TABLE_SCHEMA, TABLE_NAME, TABLE_TYPE, ENGINE, TABLE_COLLATION, TABLE_COMMENT, CREATE_OPTIONS "
               "FROM information_schema.TABLES WHERE TABLE_SCHEMA IN (" +
               in + ")" + by_database("TABLE_SCHEMA");
      case kPartitions:
        return "SELECT TABLE_SCHEMA, TABLE_NAME, PARTITION_METHOD, PARTITION_EXPRESSION, PARTITION_NAME, "
               "PARTITION_DESCRIPTION FROM information_schema.PARTITIONS WHERE TABLE_SCHEMA IN (" +
               in + ") AND PARTITION_NAME IS NOT NULL" + by_database("TABLE_SCHEMA") +
               ", TABLE_NAME, PARTITION_ORDINAL_POSITION";
      case kColumns:
        return "SELECT TABLE_SCHEMA, TABLE_NAME, COLUMN_NAME, COLUMN_DEFAULT, IS_NULLABLE, COLUMN_TYPE, "
               "CHARACTER_SET_NAME, COLLATION_NAME, EXTRA, COLUMN_COMMENT, GENERATION_EXPRESSION "
               "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA IN (" +
               in + ")" + by_database("TABLE_SCHEMA") + ", TABLE_NAME, ORDINAL_POSITION";
      case kChecks:
        return mariadb_ ? "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, CHECK_CLAUSE, LEVEL FROM "
                          "information_schema.CHECK_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (" +
                              in + ")" + by_database("CONSTRAINT_SCHEMA") + ", TABLE_NAME, CONSTRAINT_NAME"
                        : "SELECT t.TABLE_SCHEMA, t.TABLE_NAME, c.CONSTRAINT_NAME, c.CHECK_CLAUSE, 'Table' FROM "
                          "information_schema.TABLE_CONSTRAINTS t JOIN information_schema.CHECK_CONSTRAINTS c "
                          "ON c.CONSTRAINT_SCHEMA = t.CONSTRAINT_SCHEMA AND c.CONSTRAINT_NAME = t.CONSTRAINT_NAME "
                          "WHERE t.CONSTRAINT_TYPE = 'CHECK' AND t.TABLE_SCHEMA IN (" +
                              in + ")" + by_database("t.TABLE_SCHEMA") + ", t.TABLE_NAME, c.CONSTRAINT_NAME";
      case kKeyColumns:
        return "SELECT TABLE_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, COLUMN_NAME, REFERENCED_TABLE_SCHEMA, "
               "REFERENCED_TABLE_NAME, REFERENCED_COLUMN_NAME, ORDINAL_POSITION FROM "
               "information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA IN (" +
               in + ") AND REFERENCED_TABLE_NAME IS NOT NULL" + by_database("TABLE_SCHEMA") +
               ", TABLE_NAME, CONSTRAINT_NAME, ORDINAL_POSITION";
      case kKeyRules:
        return "SELECT CONSTRAINT_SCHEMA, TABLE_NAME, CONSTRAINT_NAME, UPDATE_RULE, DELETE_RULE "
               "FROM information_schema.REFERENTIAL_CONSTRAINTS WHERE CONSTRAINT_SCHEMA IN (" +
               in + ")" + by_database("CONSTRAINT_SCHEMA");
      case kStatistics:
        return "SELECT TABLE_SCHEMA, TABLE_NAME, INDEX_NAME, NON_UNIQUE, COLUMN_NAME, SUB_PART, COLLATION, "
               "INDEX_TYPE, INDEX_COMMENT" +
               std::string(mariadb_ ? "" : ", EXPRESSION") +
               " FROM information_schema.STATISTICS WHERE TABLE_SCHEMA IN (" + in + ")" + by_database("TABLE_SCHEMA") +
               ", TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX";
      case kViews:
        return "SELECT TABLE_SCHEMA, TABLE_NAME, VIEW_DEFINITION, CHECK_OPTION, SECURITY_TYPE "
               "FROM information_schema.VIEWS WHERE TABLE_SCHEMA IN (" +
               in + ")" + by_database("TABLE_SCHEMA");
      case kTriggers:
        return "SELECT TRIGGER_SCHEMA, TRIGGER_NAME, EVENT_OBJECT_TABLE, ACTION_TIMING, EVENT_MANIPULATION, "
               "ACTION_STATEMENT FROM information_schema.TRIGGERS WHERE TRIGGER_SCHEMA IN (" +
               in + ")" + by_database("TRIGGER_SCHEMA");
      case kParameters:
        return "SELECT SPECIFIC_SCHEMA, SPECIFIC_NAME, PARAMETER_MODE, PARAMETER_NAME, DTD_IDENTIFIER "
               "FROM information_schema.PARAMETERS WHERE SPECIFIC_SCHEMA IN (" +
               in + ") AND ORDINAL_POSITION > 0" + by_database("SPECIFIC_SCHEMA") + ", SPECIFIC_NAME, ORDINAL_POSITION";
      case kRoutines:
        return "SELECT ROUTINE_SCHEMA, ROUTINE_NAME, ROUTINE_TYPE, DTD_IDENTIFIER, ROUTINE_DEFINITION, "
               "IS_DETERMINISTIC, SQL_DATA_ACCESS, SECURITY_TYPE, ROUTINE_COMMENT FROM information_schema.ROUTINES "
               "WHERE ROUTINE_SCHEMA IN (" +
               in + ")" + by_database("ROUTINE_SCHEMA");
      case kEvents:
        return "SELECT EVENT_SCHEMA, EVENT_NAME, INTERVAL_VALUE, INTERVAL_FIELD, EXECUTE_AT, STARTS, ENDS, "
               "ON_COMPLETION, STATUS, EVENT_COMMENT, EVENT_DEFINITION, COALESCE(EXECUTE_AT, ENDS) < NOW() "
               "FROM information_schema.EVENTS WHERE EVENT_SCHEMA IN (" +
               in + ")" + by_database("EVENT_SCHEMA");
      case kQueries: break;
    }
    return "";
  }

  // One database's model from its rows in rows_.
  Database read_database(const std::string& name) {
    Database db;
    db.name = name;
    db.namespaces[name].name = name;
    table_collation_.clear();
    column_checks_.clear();
    implicit_indexes_.clear();
    read_tables(db);
    read_partitioning(db);
    read_columns(db);
    read_checks(db);  // before the JSON columns are recognised by their checks
    fold_mariadb_json(db);
    fold_column_checks(db);
    const ForeignKeyRows keys = read_foreign_key_rows();
    read_indexes(db, keys);
    read_foreign_keys(db, keys);
    read_views(db);
    read_triggers(db);
    read_routines(db);
    read_events(db);
    return db;
  }

  static Namespace& space(Database& db) { return db.namespaces.begin()->second; }

  static Table* table(Database& db, const std::string& name) {
    Namespace& ns = space(db);
    const auto it = ns.tables.find(name);
    return it == ns.tables.end() ? nullptr : &it->second;
  }

  void read_tables(Database& db) {
    for (const Row& row : rows_[kTables]) {
      if (text(row, 2) == "VIEW") continue;
      Table& t = space(db).tables[text(row, 1)];
      t.name = text(row, 1);
      const std::string collation = mysql::charset(text(row, 4));
      table_collation_[t.name] = collation;
      t.options.push_back(mysql_option("ENGINE", text(row, 3)));
      t.options.push_back(mysql_option("COLLATE", collation));
      if (!text(row, 5).empty()) t.options.push_back(mysql_option("COMMENT", quote_string(text(row, 5))));
      for (const auto& [name, value] : mysql::create_options(text(row, 6)))
        t.options.push_back(mysql_option(name, value));
    }
  }

  // PARTITION BY, which SHOW CREATE TABLE hides in /*!50100 … */ (docs/engines.md, item 11),
  // as a table option in a form ALTER TABLE accepts.
  void read_partitioning(Database& db) {
    std::map<std::string, std::vector<const Row*>> partitions;  // by table
    for (const Row& row : rows_[kPartitions]) partitions[text(row, 1)].push_back(&row);
    for (const auto& [name, parts] : partitions) {
      Table* t = table(db, name);
      if (!t) continue;
      const std::string method = text(*parts.front(), 2);
      std::string clause = method + " (" + text(*parts.front(), 3) + ")";
      if (method.find("RANGE") != std::string::npos || method.find("LIST") != std::string::npos) {
        const bool range = method.find("RANGE") != std::string::npos;
        std::string list;
        for (const Row* part : parts) {
          list += (list.empty() ? "" : ", ") + std::string("PARTITION ") + quote_identifier(text(*part, 4)) +
                  (range ? " VALUES LESS THAN (" : " VALUES IN (") + text(*part, 5) + ")";
        }
        clause += " (" + list + ")";
      } else {
        clause += " PARTITIONS " + std::to_string(parts.size());
      }
      t->options.push_back(mysql_option("PARTITION BY", clause));
    }
  }

  void read_columns(Database& db) {
    for (const Row& row : rows_[kColumns]) {
      Table* t = table(db, text(row, 1));
      if (!t) continue;  // a view's columns
      const Column column = column_of(row);
      t->columns.push_back(make_element(text(row, 2), mysql_column_definition(column), false, column));
    }
  }

  Column column_of(const Row& row) {
    Column column;
    column.type = mysql::column_type(text(row, 5));
    const std::string extra = text(row, 8);
    column.not_null = text(row, 4) != "YES";
    const std::string collation = mysql::charset(text(row, 7));
    const std::string& table_collation = table_collation_[text(row, 1)];
    if (!collation.empty() && collation != table_collation) {
      column.collation = "CHARACTER SET " + mysql::charset(text(row, 6)) + " COLLATE " + collation;
    }
    const std::string generated = text(row, 10);
    const std::string lowered_extra = util::ascii_lower(extra);
    if (!generated.empty() && lowered_extra.find("generated") != std::string::npos &&
        lowered_extra.find("default_generated") == std::string::npos) {
      column.generated = generated;
      column.stored = lowered_extra.find("stored") != std::string::npos;
    } else {
      column.default_value = mysql::column_default(row[3], column.type, extra, mariadb_, !column.not_null).value_or("");
      column.on_update = mysql::on_update(extra);
      column.auto_increment = lowered_extra.find("auto_increment") != std::string::npos;
    }
    if (!text(row, 9).empty()) column.comment = quote_string(text(row, 9));
    return column;
  }

  void read_checks(Database& db) {
    static const std::regex generated("CONSTRAINT_[0-9]+|.*_chk_[0-9]+");
    for (const Row& row : rows_[kChecks]) {
      Table* t = table(db, text(row, 1));
      if (!t) continue;
      const std::string name = text(row, 2);
      const bool column_level = text(row, 4) == "Column";
      if (column_level) column_checks_.insert(text(row, 1) + "." + name);
      t->checks.push_back(
          make_element(name, "CHECK (" + text(row, 3) + ")", column_level || std::regex_match(name, generated)));
    }
    for (auto& [name, t] : space(db).tables) {
      // Stable: unnamed checks alike stay in the order of their names.
      std::stable_sort(t.checks.begin(), t.checks.end(),
                       [](const Element& a, const Element& b) { return a.key < b.key; });
    }
  }

  // MariaDB's JSON is LONGTEXT COLLATE utf8mb4_bin with a json_valid() check named
  // after the column; MySQL 8's is a type of its own. Both read back as "json".
  void fold_mariadb_json(Database& db) {
    if (!mariadb_) return;
    for (auto& [name, t] : space(db).tables) {
      for (Element& element : t.columns) {
        const auto check = std::find_if(t.checks.begin(), t.checks.end(), [&](const Element& c) {
          return c.name == element.name && c.definition == "CHECK (json_valid(" + quote_identifier(element.name) + "))";
        });
        Column& column = std::get<Column>(element.detail);
        const bool longtext =
            column.type == "longtext" && column.collation == "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
        if (check == t.checks.end() || !longtext) continue;
        column.type = "json";
        column.collation.clear();
        element.definition = mysql_column_definition(column);
        t.checks.erase(check);
      }
    }
  }

  // MariaDB keeps a CHECK written on a column with the column (SHOW CREATE TABLE prints
  // it there, MODIFY COLUMN drops it, DROP CONSTRAINT cannot): it is part of the
  // column's definition, so that a fix writes it back where the server keeps it.
  void fold_column_checks(Database& db) {
    for (auto& [name, t] : space(db).tables) {
      for (Element& element : t.columns) {
        const auto check = std::find_if(t.checks.begin(), t.checks.end(), [&](const Element& c) {
          return c.name == element.name && column_checks_.count(name + "." + c.name);
        });
        if (check == t.checks.end()) continue;
        Column& column = std::get<Column>(element.detail);
        column.check = check->definition;
        element.definition = mysql_column_definition(column);
        t.checks.erase(check);
      }
    }
  }

  struct IndexRows {
    std::string name;
    bool unique = false;
    std::string type;
    std::string comment;
    std::vector<std::string> parts;
    std::vector<std::string> columns;
  };

  void read_indexes(Database& db, const ForeignKeyRows& keys) {
    std::map<std::tuple<std::string, std::string, std::string>, IndexRows> indexes;
    std::vector<std::tuple<std::string, std::string, std::string>> order;
    for (const Row& row : rows_[kStatistics]) {
      const auto id = std::make_tuple(text(row, 0), text(row, 1), text(row, 2));
      if (!indexes.count(id)) order.push_back(id);
      IndexRows& index = indexes[id];
      index.name = text(row, 2);
      index.unique = text(row, 3) == "0";
      index.type = text(row, 7);
      index.comment = text(row, 8);
      std::string part = row[4] ? quote_identifier(text(row, 4)) : "(" + text(row, 9) + ")";
      // A SPATIAL index reports a SUB_PART (32) that is no prefix and cannot be written back.
      if (row[5] && text(row, 7) != "SPATIAL") part += "(" + text(row, 5) + ")";
      if (text(row, 6) == "D") part += " DESC";
      index.parts.push_back(part);
      index.columns.push_back(text(row, 4));
    }
    const auto fk_index_names = foreign_key_index_names(keys);
    for (const auto& id : order) {
      const IndexRows& index = indexes[id];
      Table* t = table(db, std::get<1>(id));
      if (!t) continue;
      // InnoDB adds an index for a foreign key that has none, named after the key or
      // its column; the schema file never says so (docs/engines.md, item 5).
      if (!index.unique && fk_index_names.count(std::get<0>(id) + "." + std::get<1>(id) + "." + index.name)) {
        implicit_indexes_[std::get<0>(id) + "." + std::get<1>(id)].insert(index.name);
        continue;
      }
      std::string columns;
      for (const std::string& part : index.parts) columns += (columns.empty() ? "" : ",") + part;
      Index detail;
      detail.kind = index.name == "PRIMARY"    ? IndexKind::Primary
                    : index.type == "FULLTEXT" ? IndexKind::Fulltext
                    : index.type == "SPATIAL"  ? IndexKind::Spatial
                    : index.unique             ? IndexKind::Unique
                                               : IndexKind::Plain;
      detail.body = "(" + columns + ")" + (index.type == "HASH" ? " USING HASH" : "") +
                    optional_clause("COMMENT ", index.comment.empty() ? "" : quote_string(index.comment));
      const bool generated = index.name == "PRIMARY" || generated_index_name(index.name, index.columns.front());
      t->indexes.push_back(
          make_element(index.name, mysql_index_definition(detail), generated && index.name != "PRIMARY", detail));
    }
  }

  // information_schema joins are evaluated row by row in MariaDB (4 s for 5,000
  // keys): the two tables are read separately and joined here.
  ForeignKeyRows read_foreign_key_rows() const {
    ForeignKeyRows keys{rows_[kKeyColumns], {}};
    for (const Row& row : rows_[kKeyRules]) {
      keys.rules[text(row, 0) + "." + text(row, 1) + "." + text(row, 2)] = {text(row, 3), text(row, 4)};
    }
    return keys;
  }

  // Indexes named like a foreign key or its first column, on that key's table.
  static std::set<std::string> foreign_key_index_names(const ForeignKeyRows& keys) {
    std::set<std::string> names;
    for (const Row& row : keys.columns) {
      if (text(row, 7) != "1") continue;
      names.insert(text(row, 0) + "." + text(row, 1) + "." + text(row, 2));
      names.insert(text(row, 0) + "." + text(row, 1) + "." + text(row, 3));
    }
    return names;
  }

  // The index read_indexes left out as InnoDB's own for this key: named after the key,
  // or after its first column (`quoted_column`).
  std::string implicit_index(const std::tuple<std::string, std::string, std::string>& key,
                             const std::string& quoted_column) const {
    const auto found = implicit_indexes_.find(std::get<0>(key) + "." + std::get<1>(key));
    if (found == implicit_indexes_.end()) return "";
    if (found->second.count(std::get<2>(key))) return std::get<2>(key);
    for (const std::string& index : found->second) {
      if (quote_identifier(index) == quoted_column) return index;
    }
    return "";
  }

  void read_foreign_keys(Database& db, const ForeignKeyRows& rows) {
    struct Key {
      std::vector<std::string> columns, referenced;
      std::string referenced_schema, referenced_table, update_rule, delete_rule;
    };
    std::map<std::tuple<std::string, std::string, std::string>, Key> keys;
    for (const Row& row : rows.columns) {
      Key& key = keys[std::make_tuple(text(row, 0), text(row, 1), text(row, 2))];
      key.columns.push_back(quote_identifier(text(row, 3)));
      key.referenced.push_back(quote_identifier(text(row, 6)));
      key.referenced_schema = text(row, 4);
      key.referenced_table = text(row, 5);
      const auto rule = rows.rules.find(text(row, 0) + "." + text(row, 1) + "." + text(row, 2));
      if (rule != rows.rules.end()) {
        key.update_rule = rule->second.first;
        key.delete_rule = rule->second.second;
      }
    }
    static const std::regex generated(".*_ibfk_[0-9]+");
    for (const auto& [id, key] : keys) {
      Table* t = table(db, std::get<1>(id));
      if (!t) continue;
      const auto join = [](const std::vector<std::string>& parts) {
        std::string joined;
        for (const std::string& part : parts) joined += (joined.empty() ? "" : ",") + part;
        return joined;
      };
      // The target's database only when it is another one: shadow and live then agree.
      std::string target =
          key.referenced_schema == std::get<0>(id) ? "" : quote_identifier(key.referenced_schema) + ".";
      std::string definition = "FOREIGN KEY (" + join(key.columns) + ") REFERENCES " + target +
                               quote_identifier(key.referenced_table) + " (" + join(key.referenced) + ")";
      if (const std::string rule = mysql::referential_action(key.delete_rule); !rule.empty()) {
        definition += " ON DELETE " + rule;
      }
      if (const std::string rule = mysql::referential_action(key.update_rule); !rule.empty()) {
        definition += " ON UPDATE " + rule;
      }
      t->foreign_keys.push_back(make_element(std::get<2>(id), definition, std::regex_match(std::get<2>(id), generated),
                                             ForeignKey{implicit_index(id, key.columns.front())}));
    }
  }

  void read_views(Database& db) {
    for (const Row& row : rows_[kViews]) {
      View view;
      view.security = text(row, 4);
      view.body = mysql::body(text(row, 2));
      if (text(row, 3) != "NONE") view.check_option = text(row, 3);
      space(db).views[text(row, 1)] = make_element(text(row, 1), mysql_view_definition(view), false, view);
    }
  }

  void read_triggers(Database& db) {
    for (const Row& row : rows_[kTriggers]) {
      space(db).triggers[text(row, 1)] =
          make_element(text(row, 1),
                       text(row, 3) + " " + text(row, 4) + " ON " + quote_identifier(text(row, 2)) + " FOR EACH ROW " +
                           mysql::body(text(row, 5)),
                       false, Trigger{text(row, 2), text(row, 1), "", ""});
    }
  }

  void read_routines(Database& db) {
    std::map<std::string, std::string> parameters;  // name → "(IN `a` int, …)"
    for (const Row& row : rows_[kParameters]) {
      std::string& list = parameters[text(row, 1)];
      list += (list.empty() ? "" : ", ") + (text(row, 2).empty() ? "" : text(row, 2) + " ") +
              quote_identifier(text(row, 3)) + " " + mysql::column_type(text(row, 4));
    }
    for (const Row& row : rows_[kRoutines]) {
      Routine routine{text(row, 2), text(row, 1), parameters[text(row, 1)], ""};
      if (routine.kind == "FUNCTION") routine.rest += " RETURNS " + mysql::column_type(text(row, 3));
      if (text(row, 5) == "YES") routine.rest += " DETERMINISTIC";
      routine.rest += " " + text(row, 6) + " SQL SECURITY " + text(row, 7);
      if (!text(row, 8).empty()) routine.rest += " COMMENT " + quote_string(text(row, 8));
      routine.rest += "\n" + mysql::body(text(row, 4));
      space(db).routines[text(row, 1)] = make_element(text(row, 1), mysql_routine_definition(routine), false, routine);
    }
  }

  // Definers are left out: they name accounts, which differ between machines.
  void read_events(Database& db) {
    for (const Row& row : rows_[kEvents]) {
      Event event;
      event.name = text(row, 1);
      if (row[2]) event.every = text(row, 2) + " " + text(row, 3);
      event.at = text(row, 4);
      event.starts = text(row, 5);
      event.ends = text(row, 6);
      event.on_completion = text(row, 7);
      event.status = event_status(text(row, 8));
      if (!text(row, 9).empty()) event.comment = quote_string(text(row, 9));
      event.body = mysql::body(text(row, 10));
      event.over = text(row, 11) == "1";
      space(db).events[event.name] = make_element(event.name, mysql_event_definition(event), false, event);
    }
  }

  // information_schema's STATUS as the clause that sets it.
  static std::string event_status(const std::string& status) {
    if (status == "ENABLED") return "ENABLE";
    if (status == "SLAVESIDE_DISABLED") return "DISABLE ON SLAVE";
    return "DISABLE";
  }

  Connect connect_;
  std::unique_ptr<db::Session> session_;
  bool mariadb_ = false;
  std::array<std::vector<Row>, kQueries> rows_;                    // one database's rows, by query
  std::map<std::string, std::string> table_collation_;             // table → its collation
  std::set<std::string> column_checks_;                            // "table.check" of checks on a column
  std::map<std::string, std::set<std::string>> implicit_indexes_;  // "db.table" → InnoDB's own FK indexes
};

}  // namespace

std::unique_ptr<Inspector> make_mysql_inspector(Connect connect) {
  return std::make_unique<MySqlInspector>(std::move(connect));
}

}  // namespace devenv::catalog
