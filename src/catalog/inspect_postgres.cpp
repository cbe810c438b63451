// PostgreSQL from pg_catalog, each database on a connection of its own (there is no
// cross-database catalog), several at once, with the server's own renderings: format_type, pg_get_expr,
// pg_get_constraintdef, pg_get_indexdef, pg_get_viewdef, pg_get_triggerdef,
// pg_get_functiondef. Both sides are read with the same search_path, so names in
// defaults and checks render alike (docs/engines.md, item 15).
#include <algorithm>
#include <mutex>
#include <regex>
#include <thread>

#include "catalog/catalog_row.h"
#include "catalog/definition.h"
#include "catalog/inspector.h"
#include "catalog/postgres_ddl.h"
#include "catalog/postgres_normalise.h"
#include "sqltext/identifier.h"
#include "util/parallel.h"

namespace devenv::catalog {
namespace {

using db::Row;

std::string quote_text(const std::string& value) { return sqltext::quote_string(value, sqltext::Dialect::Postgres); }

// The names PostgreSQL gives what the schema file left unnamed: t_pkey, t_a_b_key,
// t_a_fkey, t_a_check, t_check, t_a_idx, with a number when taken. `columns` is the
// "a_b" of this constraint or index; a name the user chose that merely looks alike
// (t_user_idx for column user_id) is the user's.
bool generated_name(const std::string& name, const std::string& table, const std::string& columns) {
  static const std::regex pattern("(.*)_(pkey|key|fkey|check|excl|idx)[0-9]*");
  std::smatch match;
  if (!std::regex_match(name, match, pattern)) return false;
  const std::string stem = match[1].str();
  if (stem == table) return true;
  if (stem == table + "_" + columns) return true;
  return match[2] == "check" && !columns.empty() && stem.rfind(table + "_", 0) == 0 &&
         columns.rfind(stem.substr(table.size() + 1), 0) == 0;
}

// The type without its modifier: "character varying(10)" → "character varying",
// "numeric(10,2)" → "numeric"; arrays keep their brackets.
std::string base_type(const std::string& type) {
  static const std::regex modifier("\\([^)]*\\)");
  return std::regex_replace(type, modifier, "");
}

// Defaults the server prints differently for the same value (docs/engines.md, item 14):
// a literal cast to the column's own type ('x'::character varying, (1000)::numeric,
// '{}'::text[]) is the literal; a quoted number in a numeric column is the number;
// CURRENT_TIMESTAMP, now() and transaction_timestamp() are one function.
std::string default_expression(const std::string& expression, const std::string& type) {
  if (expression == "CURRENT_TIMESTAMP" || expression == "transaction_timestamp()") return "now()";
  static const std::regex cast("^\\(?(-?[0-9][0-9.]*|'(?:[^']|'')*')\\)?::(.+)$");
  std::smatch match;
  std::string literal = expression;
  if (std::regex_match(expression, match, cast) && base_type(match[2].str()) == base_type(type))
    literal = match[1].str();
  static const std::regex quoted_number("^'(-?[0-9][0-9.]*)'$");
  static const std::regex numeric("^(smallint|integer|bigint|numeric|real|double precision).*");
  if (std::regex_match(literal, match, quoted_number) && std::regex_match(type, numeric)) literal = match[1].str();
  return literal;
}

constexpr const char* kUserSchemas =
    "n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', '_devenv') AND n.nspname NOT LIKE 'pg\\_temp%' "
    "AND n.nspname NOT LIKE 'pg\\_toast\\_temp%'";

// How many databases are read at once: one per core keeps the server, which does
// nearly all the work, busy (on 2 cores 2, 3 and 4 measured alike).
std::size_t worker_count() { return std::clamp<std::size_t>(std::thread::hardware_concurrency(), 2, 8); }

class PostgresInspector final : public Inspector {
 public:
  explicit PostgresInspector(Connect connect) : connect_(std::move(connect)) {}

  std::vector<std::string> databases() override {
    return connect_("")->column(
        "SELECT datname FROM pg_database WHERE NOT datistemplate AND datname <> 'postgres' "
        "AND datname NOT LIKE '\\_devenv%' ORDER BY datname");
  }

  // Each database's queries keep one of the server's cores busy for a tenth of a
  // second (a new connection, then about 60 ms of queries): worker_count() databases
  // are read at once, each on a connection of its own, taken in the order asked.
  void inspect_each(const std::vector<std::string>& names, const std::function<void(Database&&)>& each) override {
    const std::vector<std::string> existing = databases();
    std::vector<std::string> todo;
    for (const std::string& name : names) {
      if (std::find(existing.begin(), existing.end(), name) != existing.end() || name.starts_with("_devenv"))
        todo.push_back(name);
    }
    if (todo.size() < 2) {
      for (const std::string& name : todo) each(inspect_one(name));
      return;
    }
    std::mutex handing_on;
    util::for_each_in_parallel(todo.size(), worker_count(), [&](std::size_t i) {
      Database database = inspect_one(todo[i]);
      const std::lock_guard<std::mutex> lock(handing_on);
      each(std::move(database));
    });
  }

 private:
  Database inspect_one(const std::string& name) {
    auto session = connect_(name);
    // The definitions the server prints leave out schemas on the search_path: a database
    // that sets its own (ALTER DATABASE … SET search_path, for its app) must read the
    // same as its shadow, which does not.
    session->execute("SET search_path TO public");
    Database database;
    database.name = name;
    for (const std::string& schema :
         session->column(std::string("SELECT n.nspname FROM pg_namespace n WHERE ") + kUserSchemas)) {
      database.namespaces[schema].name = schema;
    }
    read_tables(*session, database);
    read_columns(*session, database);
    read_constraints(*session, database);
    read_indexes(*session, database);
    read_views(*session, database);
    read_triggers(*session, database);
    read_functions(*session, database);
    read_sequences(*session, database);
    read_enums(*session, database);
    read_domains(*session, database);
    read_policies(*session, database);
    read_comments(*session, database);
    for (const Row& row : session->rows("SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'")) {
      database.extensions[text(row, 0)] = make_element(text(row, 0), "EXTENSION " + text(row, 0), false);
    }
    return database;
  }

  static Table* table(Database& database, const std::string& schema, const std::string& name) {
    const auto ns = database.namespaces.find(schema);
    if (ns == database.namespaces.end()) return nullptr;
    const auto it = ns->second.tables.find(name);
    return it == ns->second.tables.end() ? nullptr : &it->second;
  }

  void read_tables(db::Session& session, Database& database) {
    for (const Row& row : session.rows(
             std::string("SELECT n.nspname, c.relname, obj_description(c.oid, 'pg_class'), pg_get_partkeydef(c.oid), "
                         "CASE WHEN c.relispartition THEN (SELECT pn.nspname || '.' || pc.relname FROM pg_inherits i "
                         "JOIN pg_class pc ON pc.oid = i.inhparent JOIN pg_namespace pn ON pn.oid = pc.relnamespace "
                         "WHERE i.inhrelid = c.oid) END, pg_get_expr(c.relpartbound, c.oid), c.relpersistence, "
                         "c.relrowsecurity, c.relforcerowsecurity "
                         "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE c.relkind IN ('r', 'p') AND ") +
             kUserSchemas)) {
      auto ns = database.namespaces.find(text(row, 0));
      if (ns == database.namespaces.end()) continue;
      Table& t = ns->second.tables[text(row, 1)];
      t.name = text(row, 1);
      if (row[2]) t.options.push_back(postgres_option("COMMENT", quote_text(text(row, 2))));
      if (row[3]) t.options.push_back(postgres_option("PARTITION BY", text(row, 3)));
      if (row[4]) t.options.push_back(postgres_option("PARTITION OF", text(row, 4) + " " + text(row, 5)));
      if (text(row, 6) == "u") t.options.push_back(postgres_option("UNLOGGED", ""));
      if (text(row, 7) == "t") t.options.push_back(postgres_option("ROW LEVEL SECURITY", ""));
      if (text(row, 8) == "t") t.options.push_back(postgres_option("FORCE ROW LEVEL SECURITY", ""));
    }
  }

  void read_columns(db::Session& session, Database& database) {
    for (const Row& row : session.rows(
             std::string(
                 "SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull, "
                 "pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, "
                 "CASE WHEN a.attcollation <> t.typcollation THEN co.collname END, col_description(c.oid, a.attnum), "
                 "format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, "
                 "s.seqcycle "
                 "FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_type t ON t.oid = a.atttypid "
                 "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                 "LEFT JOIN pg_collation co ON co.oid = a.attcollation "
                 "LEFT JOIN pg_depend sd ON a.attidentity <> '' AND sd.refobjid = c.oid AND sd.refobjsubid = a.attnum "
                 "AND sd.classid = 'pg_class'::regclass AND sd.deptype = 'i' "
                 "LEFT JOIN pg_sequence s ON s.seqrelid = sd.objid "
                 "WHERE a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p') AND ") +
             kUserSchemas + " ORDER BY n.nspname, c.relname, a.attnum")) {
      Table* t = table(database, text(row, 0), text(row, 1));
      if (!t) continue;
      Column column;
      column.type = text(row, 3);
      if (row[8]) column.collation = "COLLATE \"" + text(row, 8) + "\"";
      if (text(row, 6) == "a") column.identity = "ALWAYS";
      if (text(row, 6) == "d") column.identity = "BY DEFAULT";
      if (row[10]) {
        column.identity_sequence = Sequence{text(row, 10), text(row, 11), text(row, 12),        text(row, 13),
                                            text(row, 14), text(row, 15), text(row, 16) == "t", ""};
      }
      if (text(row, 7) == "s") {
        column.generated = text(row, 5);
      } else if (row[5]) {
        column.default_value = default_expression(text(row, 5), text(row, 3));
      }
      column.not_null = text(row, 4) == "t";
      if (row[9]) column.comment = quote_text(text(row, 9));
      t->columns.push_back(make_element(text(row, 2), postgres_column_definition(column), false, column));
    }
  }

  void read_constraints(db::Session& session, Database& database) {
    for (const Row& row : session.rows(
             std::string("SELECT n.nspname, c.relname, con.conname, con.contype, pg_get_constraintdef(con.oid, true), "
                         "array_to_string(ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, i) "
                         "JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.i), '_') "
                         "FROM pg_constraint con JOIN pg_class c ON c.oid = con.conrelid "
                         "JOIN pg_namespace n ON n.oid = c.relnamespace "
                         "WHERE con.contype IN ('p', 'u', 'f', 'c', 'x') AND con.conparentid = 0 AND ") +
             kUserSchemas + " ORDER BY n.nspname, c.relname, con.conname")) {
      Table* t = table(database, text(row, 0), text(row, 1));
      if (!t) continue;
      const std::string name = text(row, 2);
      const char kind = text(row, 3).front();
      const bool generated = kind == 'p' || generated_name(name, t->name, text(row, 5));
      if (kind == 'f') {
        t->foreign_keys.push_back(make_element(name, text(row, 4), generated));
      } else if (kind == 'c') {
        t->checks.push_back(make_element(name, postgres::array_casts(text(row, 4)), generated));
      } else {
        const Index index{kind == 'p'   ? IndexKind::Primary
                          : kind == 'u' ? IndexKind::Unique
                                        : IndexKind::Exclusion,
                          true, false, text(row, 4)};
        t->indexes.push_back(make_element(name, postgres_index_definition(index), generated, index));
      }
    }
  }

  // pg_get_indexdef writes "CREATE [UNIQUE] INDEX name ON [ONLY] table USING method (…)…":
  // the part from USING on is what CREATE INDEX takes after the table, found by the
  // method's name rather than by the shape of the names before it (quoted names hold
  // spaces and dots).
  void read_indexes(db::Session& session, Database& database) {
    for (const Row& row : session.rows(
             std::string("SELECT n.nspname, ct.relname, ci.relname, pg_get_indexdef(i.indexrelid), "
                         "array_to_string(ARRAY(SELECT coalesce(a.attname, 'expr') FROM unnest(i.indkey::int2[]) WITH "
                         "ORDINALITY "
                         "k(attnum, n) LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum "
                         "ORDER BY k.n), '_'), am.amname, i.indisunique "
                         "FROM pg_index i "
                         "JOIN pg_class ci ON ci.oid = i.indexrelid JOIN pg_class ct ON ct.oid = i.indrelid "
                         "JOIN pg_am am ON am.oid = ci.relam "
                         "JOIN pg_namespace n ON n.oid = ct.relnamespace WHERE NOT ci.relispartition AND NOT EXISTS "
                         "(SELECT 1 FROM pg_constraint con WHERE con.conindid = i.indexrelid AND con.contype IN ('p', "
                         "'u', 'x')) "
                         "AND ") +
             kUserSchemas + " ORDER BY n.nspname, ct.relname, ci.relname")) {
      Table* t = table(database, text(row, 0), text(row, 1));
      if (!t) continue;
      const std::string definition = postgres::array_casts(text(row, 3));
      const std::size_t using_at = definition.find(" USING " + text(row, 5) + " ");
      const std::size_t only_at = definition.find(" ON ONLY ");
      // What no CREATE INDEX reads back as is kept whole, like a constraint's definition.
      const Index index =
          using_at != std::string::npos
              ? Index{text(row, 6) == "t" ? IndexKind::Unique : IndexKind::Plain, false,
                      only_at != std::string::npos && only_at < using_at, definition.substr(using_at + 1)}
              : Index{IndexKind::Plain, true, false, definition};
      t->indexes.push_back(make_element(text(row, 2), postgres_index_definition(index),
                                        generated_name(text(row, 2), t->name, text(row, 4)), index));
    }
  }

  void read_views(db::Session& session, Database& database) {
    for (const Row& row :
         session.rows(std::string("SELECT n.nspname, c.relname, c.relkind, pg_get_viewdef(c.oid, true) FROM pg_class c "
                                  "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND ") +
                      kUserSchemas)) {
      auto ns = database.namespaces.find(text(row, 0));
      if (ns == database.namespaces.end()) continue;
      View view;
      view.materialized = text(row, 2) == "m";
      view.body = postgres::array_casts(text(row, 3));
      ns->second.views[text(row, 1)] = make_element(text(row, 1), postgres_view_definition(view), false, view);
    }
  }

  void read_triggers(db::Session& session, Database& database) {
    for (const Row& row :
         session.rows(std::string("SELECT n.nspname, c.relname, t.tgname, pg_get_triggerdef(t.oid, true), t.tgenabled "
                                  "FROM pg_trigger t "
                                  "JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                                  "WHERE NOT t.tgisinternal AND t.tgparentid = 0 AND ") +
                      kUserSchemas)) {
      auto ns = database.namespaces.find(text(row, 0));
      if (ns == database.namespaces.end()) continue;
      const std::string key = text(row, 1) + "." + text(row, 2);  // trigger names are per table
      const Trigger trigger{text(row, 1), text(row, 2), text(row, 3), trigger_state(text(row, 4))};
      ns->second.triggers[key] = make_element(key, postgres_trigger_definition(trigger), false, trigger);
    }
  }

  // pg_trigger.tgenabled: O fires (as made), D disabled, R on replicas only, A always.
  static std::string trigger_state(const std::string& enabled) {
    if (enabled == "D") return "DISABLE";
    if (enabled == "R") return "ENABLE REPLICA";
    if (enabled == "A") return "ENABLE ALWAYS";
    return "";
  }

  void read_functions(db::Session& session, Database& database) {
    for (const Row& row : session.rows(
             std::string(
                 "SELECT n.nspname, p.proname, pg_get_function_identity_arguments(p.oid), pg_get_functiondef(p.oid), "
                 "p.prokind FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace "
                 "WHERE p.prokind IN ('f', 'p') AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = p.oid "
                 "AND d.deptype = 'e') "
                 // devenv's stand-ins for newer servers' built-ins (generator/polyfills.h)
                 "AND coalesce(obj_description(p.oid, 'pg_proc'), '') NOT LIKE 'devenv polyfill%' AND ") +
             kUserSchemas)) {
      auto ns = database.namespaces.find(text(row, 0));
      if (ns == database.namespaces.end()) continue;
      const Routine routine{text(row, 4) == "p" ? "PROCEDURE" : "FUNCTION", text(row, 1), text(row, 2), ""};
      const std::string key = routine.name + "(" + routine.arguments + ")";  // overloads are distinct routines
      ns->second.routines[key] = make_element(key, text(row, 3), false, routine);
    }
  }

  // Identity columns' sequences belong to the column; serial's and explicit ones are
  // compared the same way, so `serial` and its spelled-out form agree (item 13).
  void read_sequences(db::Session& session, Database& database) {
    for (const Row& row : session.rows(
             std::string(
                 "SELECT n.nspname, c.relname, format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, "
                 "s.seqmax, s.seqcache, s.seqcycle, (SELECT quote_ident(tn.nspname) || '.' || quote_ident(tc.relname) "
                 "|| '.' || quote_ident(ta.attname) FROM pg_depend o JOIN pg_class tc ON tc.oid = o.refobjid "
                 "JOIN pg_namespace tn ON tn.oid = tc.relnamespace JOIN pg_attribute ta ON ta.attrelid = tc.oid "
                 "AND ta.attnum = o.refobjsubid WHERE o.objid = c.oid AND o.classid = 'pg_class'::regclass "
                 "AND o.refclassid = 'pg_class'::regclass AND o.deptype = 'a') "
                 "FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid "
                 "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE NOT EXISTS (SELECT 1 FROM pg_depend d "
                 "WHERE d.objid = c.oid AND d.deptype = 'i') AND ") +
             kUserSchemas)) {
      auto ns = database.namespaces.find(text(row, 0));
      if (ns == database.namespaces.end()) continue;
      const Sequence sequence{text(row, 2), text(row, 3), text(row, 4),        text(row, 5),
                              text(row, 6), text(row, 7), text(row, 8) == "t", text(row, 9)};
      ns->second.sequences[text(row, 1)] = make_element(text(row, 1), sequence_definition(sequence), false, sequence);
    }
  }

  // One row per label, in order, so the labels arrive as a list.
  void read_enums(db::Session& session, Database& database) {
    std::map<std::pair<std::string, std::string>, EnumType> types;
    for (const Row& row : session.rows(
             std::string(
                 "SELECT n.nspname, t.typname, quote_literal(e.enumlabel) "
                 "FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace "
                 "WHERE ") +
             kUserSchemas + " ORDER BY n.nspname, t.typname, e.enumsortorder")) {
      types[{text(row, 0), text(row, 1)}].labels.push_back(text(row, 2));
    }
    for (const auto& [id, type] : types) {
      auto ns = database.namespaces.find(id.first);
      if (ns == database.namespaces.end()) continue;
      ns->second.types[id.second] = make_element(id.second, enum_definition(type), false, type);
    }
  }

  void read_domains(db::Session& session, Database& database) {
    std::map<std::pair<std::string, std::string>, std::vector<DomainCheck>> checks;
    for (const Row& row :
         session.rows(std::string("SELECT n.nspname, t.typname, c.conname, pg_get_constraintdef(c.oid, true) "
                                  "FROM pg_constraint c JOIN pg_type t ON t.oid = c.contypid "
                                  "JOIN pg_namespace n ON n.oid = t.typnamespace WHERE c.contype = 'c' AND ") +
                      kUserSchemas + " ORDER BY n.nspname, t.typname, c.conname")) {
      static const std::regex generated_check("(.*)_check[0-9]*");
      std::smatch match;
      const std::string name = text(row, 2);
      const bool generated = std::regex_match(name, match, generated_check) && match[1] == text(row, 1);
      checks[{text(row, 0), text(row, 1)}].push_back({name, generated, text(row, 3)});
    }
    for (const Row& row : session.rows(
             std::string("SELECT n.nspname, t.typname, format_type(t.typbasetype, t.typtypmod), t.typnotnull, "
                         "t.typdefault, CASE WHEN t.typcollation <> b.typcollation THEN co.collname END "
                         "FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace "
                         "JOIN pg_type b ON b.oid = t.typbasetype LEFT JOIN pg_collation co ON co.oid = t.typcollation "
                         "WHERE t.typtype = 'd' AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.objid = t.oid "
                         "AND e.deptype = 'e') AND ") +
             kUserSchemas)) {
      auto ns = database.namespaces.find(text(row, 0));
      if (ns == database.namespaces.end()) continue;
      Domain domain;
      domain.type = text(row, 2);
      domain.not_null = text(row, 3) == "t";
      if (row[4]) domain.default_value = default_expression(text(row, 4), domain.type);
      if (row[5]) domain.collation = "COLLATE \"" + text(row, 5) + "\"";
      domain.checks = checks[{text(row, 0), text(row, 1)}];
      ns->second.domains[text(row, 1)] = make_element(text(row, 1), postgres_domain_definition(domain), false, domain);
    }
  }

  // Roles are listed sorted, so TO a, b and TO b, a agree.
  void read_policies(db::Session& session, Database& database) {
    for (const Row& row : session.rows(
             std::string("SELECT p.schemaname, p.tablename, p.policyname, p.permissive, "
                         "array_to_string(ARRAY(SELECT quote_ident(r) FROM unnest(p.roles) r ORDER BY 1), ', '), "
                         "p.cmd, p.qual, p.with_check FROM pg_policies p "
                         "JOIN pg_namespace n ON n.nspname = p.schemaname WHERE ") +
             kUserSchemas + " ORDER BY p.schemaname, p.tablename, p.policyname")) {
      Table* t = table(database, text(row, 0), text(row, 1));
      if (!t) continue;
      const Policy policy{text(row, 3) == "PERMISSIVE", text(row, 5), text(row, 4), postgres::array_casts(text(row, 6)),
                          postgres::array_casts(text(row, 7))};
      t->policies.push_back(make_element(text(row, 2), "POLICY " + postgres_policy_clauses(policy), false, policy));
    }
  }

  // Comments on everything but tables and columns (compared with those), read through
  // pg_identify_object, which names any object the way COMMENT ON does; objects of
  // extensions carry their extension's comments and are left out. The server's own
  // objects (OIDs below FirstNormalObjectId, 16384) are not named at all: thousands of
  // built-in functions have comments, and only schemas (public) of theirs may be the
  // user's to comment.
  void read_comments(db::Session& session, Database& database) {
    for (const Row& row :
         session.rows("SELECT i.type, i.schema, i.identity, d.description FROM pg_description d "
                      "CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) i "
                      "WHERE d.objsubid = 0 AND (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass) "
                      "AND i.type NOT IN ('table', 'foreign table', 'extension') "
                      "AND d.classoid IN ('pg_proc'::regclass, 'pg_constraint'::regclass, 'pg_type'::regclass, "
                      "'pg_namespace'::regclass, 'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_class'::regclass) "
                      "AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid AND e.objid = d.objoid "
                      "AND e.deptype = 'e') AND d.description NOT LIKE 'devenv polyfill%'")) {
      const std::string type = text(row, 0);
      const std::string space = type == "schema" ? text(row, 2) : text(row, 1);
      auto ns = database.namespaces.find(space);
      if (ns == database.namespaces.end()) continue;
      const std::string key = type + " " + text(row, 2);
      const Comment comment{comment_target(type, text(row, 2)), quote_text(text(row, 3))};
      ns->second.comments[key] = make_element(key, comment.literal, false, comment);
    }
  }

  // COMMENT ON's words for what pg_identify_object calls "table constraint",
  // "domain constraint", "materialized view", …
  static std::string comment_target(const std::string& type, const std::string& identity) {
    if (type == "table constraint") return "CONSTRAINT " + identity;
    if (type == "domain constraint") {
      const std::size_t on = identity.rfind(" on ");
      return "CONSTRAINT " + identity.substr(0, on) + " ON DOMAIN " + identity.substr(on + 4);
    }
    std::string words = type == "composite type" ? "type" : type;
    for (char& c : words) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return words + " " + identity;
  }

  Connect connect_;
};

}  // namespace

std::unique_ptr<Inspector> make_postgres_inspector(Connect connect) {
  return std::make_unique<PostgresInspector>(std::move(connect));
}

}  // namespace devenv::catalog
