// The fix-up SQL: one block per database, its statements planned (fix_order.cpp,
// fix_dependents.cpp) and written with what each is for; destructive statements, and
// those that cannot run without them, commented out unless allowed.
#include "catalog/fix_sql.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <set>

#include "catalog/dialect_writer.h"
#include "catalog/fix_dependents.h"
#include "catalog/fix_order.h"
#include "engine/engine.h"

namespace devenv::catalog {

Statements database_fix(const Difference& d, const std::string& quoted_name) {
  if (d.change == Change::Extra) return {destroy(Step::DropNamespaces, "DROP DATABASE " + quoted_name + ";")};
  return {keep(Step::CreateNamespaces,
               "-- database " + d.database + " is missing: `devenv reset` re-creates it with its schema")};
}

Statements reset_note(const Difference& d) {
  return {keep(Step::CreateNamespaces,
               "-- " + object_label(d) + ": " + actual_definition(d) + " (run `devenv reset` to re-initialise)")};
}

namespace {

std::string fix_heading(const Difference& d) {
  const std::string part = part_name(d);
  return std::string(change_name(d.change)) + ": " + object_label(d) +
         (part.empty() ? "" : " " + std::string(kind_name(d.kind)) + " " + part);
}

// Statements run inside a database; a database's own and the server's run outside.
bool runs_in_database(const Difference& d) { return d.kind != Kind::Database && d.kind != Kind::Fingerprint; }

bool makes(Step step) { return step != Step::DropViews && step != Step::DropTables; }

// The text whose names say what a statement waits for: what it makes, or for a drop,
// what the database has (a view's query, a table's foreign keys).
std::string reads(const Difference& d, const Statement& statement, const ComparedPair* models) {
  if (makes(statement.step)) return statement.sql;
  if (d.kind == Kind::View && d.actual) return d.actual->definition;
  if (!models) return "";
  const Table* table = find_table(models->actual, d.space, d.table);
  return table ? foreign_key_text(*table) : "";
}

std::string object_of(const Difference& d, const Statement& statement) {
  if (d.kind == Kind::View) return d.name;
  const bool table_step = statement.step == Step::CreateTables || statement.step == Step::DropTables;
  if (table_step && (d.kind == Kind::Table || d.kind == Kind::ColumnOrder)) return d.table;
  return "";
}

// A routine that takes or returns a new table's row type waits for the table.
void routines_after_their_row_types(std::vector<PlannedStatement>& planned) {
  std::vector<std::string> tables;
  for (const PlannedStatement& p : planned) {
    if (p.statement.step == Step::CreateTables && !p.object.empty()) tables.push_back(p.object);
  }
  for (PlannedStatement& p : planned) {
    if (p.statement.step != Step::CreateRoutines) continue;
    const std::vector<std::string> names = mentioned_names(routine_header(p.statement.sql));
    if (std::any_of(tables.begin(), tables.end(), [&](const std::string& t) { return mentions(names, t); })) {
      p.statement.step = Step::CreateRowTypeRoutines;
    }
  }
}

// Within a step, what goes before what changes before what is added: a name a
// removal frees is free for an addition.
// Columns added and made again keep the schema files' order among themselves (each
// goes AFTER the one before it).
int change_rank(const Difference& d) {
  if (d.change == Change::Extra) return 0;
  return d.change == Change::Changed && d.kind != Kind::Column ? 1 : 2;
}

void drop_repeated(std::vector<PlannedStatement>& planned);

std::vector<PlannedStatement> plan_database(std::vector<Difference>& differences, const ComparedPair* models,
                                            sqltext::Dialect dialect, bool allow_destructive) {
  std::stable_sort(differences.begin(), differences.end(),
                   [](const Difference& a, const Difference& b) { return change_rank(a) < change_rank(b); });
  const DialectWriter& writer = writer_for(dialect);
  const std::set<const Difference*> inherited = dialect == sqltext::Dialect::Postgres && models
                                                    ? inherited_from_parents(differences, *models)
                                                    : std::set<const Difference*>{};
  std::vector<PlannedStatement> planned;
  for (const Difference& d : differences) {
    if (inherited.count(&d)) continue;
    for (Statement& statement : writer.fix(d, models)) {
      PlannedStatement entry{statement, fix_heading(d), object_of(d, statement), reads(d, statement, models)};
      entry.source = &d;
      planned.push_back(std::move(entry));
    }
  }
  // A SQLite table whose column changes is rebuilt whole, with its parts (sqlite_fix.cpp).
  if (models && dialect != sqltext::Dialect::SQLite)
    add_parts_of_remade_columns(planned, differences, *models, dialect);
  if (dialect == sqltext::Dialect::Postgres && models) add_dependents(planned, differences, *models, allow_destructive);
  if (dialect == sqltext::Dialect::MySQL && models) add_mysql_dependents(planned, differences, *models);
  routines_after_their_row_types(planned);
  if (dialect == sqltext::Dialect::MySQL) merge_mysql_column_changes(planned);
  if (dialect == sqltext::Dialect::SQLite) drop_repeated(planned);
  return in_fix_order(std::move(planned));
}

void write_commented_out(std::ostream& out, const Statement& statement) {
  if (statement.needs.empty()) {
    out << "-- DESTRUCTIVE (kept out; rerun with --allow-destructive):\n";
  } else {
    out << "-- kept out with the destructive statement it needs (" << statement.needs << "):\n";
  }
  std::string line;
  for (char c : statement.sql) {
    if (c == '\n') {
      out << "-- " << line << "\n";
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  if (!line.empty()) out << "-- " << line << "\n";
}

void write_statements(std::ostream& out, const std::vector<PlannedStatement>& statements, bool allow_destructive) {
  std::string heading;
  for (const PlannedStatement& planned : statements) {
    if (planned.heading != heading) {
      heading = planned.heading;
      out << "-- " << heading << "\n";
    }
    const Statement& statement = planned.statement;
    if (statement.instead && allow_destructive) continue;
    if (statement.destructive && !allow_destructive) {
      write_commented_out(out, statement);
    } else {
      std::string sql = statement.sql;
      while (!sql.empty() && sql.back() == '\n') sql.pop_back();
      out << (statement.destructive && statement.needs.empty() ? "-- DESTRUCTIVE\n" : "") << sql << "\n";
    }
  }
}

// What a client session needs for the fix to run in any order the plan picks: MySQL
// checks no foreign key while tables come and go (a table may reference one made
// after it); PostgreSQL checks no function body before the tables it reads exist.
// SQLite rebuilds tables (sqlite_fix.cpp) in one transaction, as its documentation
// does: foreign keys off (a pragma that does nothing inside a transaction) and
// legacy_alter_table on, so that renaming the new table does not check the views and
// triggers that name the old one; foreign_key_check lists what the change broke.
std::string session_settings(sqltext::Dialect dialect) {
  switch (dialect) {
    case sqltext::Dialect::MySQL: return "SET FOREIGN_KEY_CHECKS = 0;";
    case sqltext::Dialect::Postgres: return "SET check_function_bodies = false;";
    case sqltext::Dialect::SQLite: return "PRAGMA foreign_keys = OFF;\nPRAGMA legacy_alter_table = ON;\nBEGIN;";
  }
  return "";
}

std::string session_end(sqltext::Dialect dialect) {
  if (dialect != sqltext::Dialect::SQLite) return "";
  return "PRAGMA foreign_key_check;\nCOMMIT;\nPRAGMA legacy_alter_table = OFF;\nPRAGMA foreign_keys = ON;\n";
}

// A SQLite table rebuilt for several differences gets the same statement from each:
// it runs once, under the first one's heading.
void drop_repeated(std::vector<PlannedStatement>& planned) {
  std::set<std::string> seen;
  std::erase_if(planned, [&](const PlannedStatement& p) {
    return p.statement.step == Step::AlterTables && !seen.insert(p.statement.sql).second;
  });
}

// A database's file, for SQLite's .open: "" without `files`; when not known, <name>.db
// (a database named by its path is that file).
std::string file_of(const std::string& database, const DatabaseFiles* files) {
  if (!files) return "";
  const auto found = files->find(database);
  if (found != files->end()) return found->second;
  return database.find('/') != std::string::npos ? database : engine::Engine::database_file_name(database);
}

}  // namespace

void render_fix_sql(std::ostream& out, const std::vector<Difference>& differences, const ComparedModels& models,
                    sqltext::Dialect dialect, bool allow_destructive, const DatabaseFiles* files) {
  out << "-- devenv: statements that bring the databases to their schema files.\n";
  if (!allow_destructive) out << "-- Destructive statements are commented out; --allow-destructive keeps them.\n";
  std::vector<Difference> server;  // databases and data dirs
  std::vector<std::string> order;
  std::map<std::string, std::vector<Difference>> by_database;
  for (const Difference& d : differences) {
    if (!runs_in_database(d)) {
      server.push_back(d);
      continue;
    }
    if (!by_database.count(d.database)) order.push_back(d.database);
    by_database[d.database].push_back(d);
  }
  if (!server.empty()) {
    out << "\n";
    write_statements(out, plan_database(server, nullptr, dialect, allow_destructive), allow_destructive);
  }
  const DialectWriter& writer = writer_for(dialect);
  for (const std::string& database : order) {
    const auto found = models.find(database);
    out << "\n" << writer.use_database(database, file_of(database, files)) << "\n" << session_settings(dialect) << "\n";
    write_statements(out,
                     plan_database(by_database[database], found == models.end() ? nullptr : &found->second, dialect,
                                   allow_destructive),
                     allow_destructive);
    out << session_end(dialect);
  }
}

}  // namespace devenv::catalog
