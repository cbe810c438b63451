// What the dialects' fix writers share: the order of the statements, one group per
// database, and destructive statements commented out unless allowed.
#include "catalog/fix_sql.h"

#include <algorithm>
#include <map>
#include <ostream>
#include <tuple>

#include "catalog/dialect_writer.h"

namespace devenv::catalog {

Statements database_fix(const Difference& d, const std::string& quoted_name) {
  if (d.change == Change::Extra) return {destroy("DROP DATABASE " + quoted_name + ";")};
  return {keep("-- database " + d.database + " is missing: `devenv reset` re-creates it with its schema")};
}

Statements reset_note(const Difference& d) {
  return {keep("-- " + object_label(d) + ": " + actual_definition(d) + " (run `devenv reset` to re-initialise)")};
}

namespace {

// Per database: what goes first removes (so a re-added generated name is free), then
// what changes (a table's options before its columns, which take its default
// collation), then what is added.
std::vector<Difference> in_fix_order(const std::vector<Difference>& differences) {
  std::map<std::string, std::size_t> database_order;
  for (const Difference& d : differences) database_order.emplace(d.database, database_order.size());
  const auto rank = [&](const Difference& d) {
    const int change = d.change == Change::Extra ? 0 : d.change == Change::Changed ? 1 : 2;
    return std::make_tuple(database_order[d.database], change, d.kind == Kind::TableOption ? 0 : 1);
  };
  std::vector<Difference> ordered = differences;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [&](const Difference& a, const Difference& b) { return rank(a) < rank(b); });
  return ordered;
}

// Statements run inside a database; a database's own and the server's run outside.
bool runs_in_database(const Difference& d) { return d.kind != Kind::Database && d.kind != Kind::Fingerprint; }

void write_commented_out(std::ostream& out, const std::string& sql) {
  out << "-- DESTRUCTIVE (kept out; rerun with --allow-destructive):\n";
  std::string line;
  for (char c : sql) {
    if (c == '\n') {
      out << "-- " << line << "\n";
      line.clear();
    } else {
      line.push_back(c);
    }
  }
  if (!line.empty()) out << "-- " << line << "\n";
}

void write_statement(std::ostream& out, const Statement& statement, bool allow_destructive) {
  if (statement.destructive && !allow_destructive) return write_commented_out(out, statement.sql);
  out << (statement.destructive ? "-- DESTRUCTIVE\n" : "") << statement.sql << "\n";
}

std::string heading(const Difference& d) {
  const std::string part = part_name(d);
  return "-- " + std::string(change_name(d.change)) + ": " + object_label(d) +
         (part.empty() ? "" : " " + std::string(kind_name(d.kind)) + " " + part);
}

}  // namespace

void render_fix_sql(std::ostream& out, const std::vector<Difference>& unordered, const ComparedModels& /*models*/,
                    sqltext::Dialect dialect, bool allow_destructive) {
  out << "-- devenv: statements that bring the databases to their schema files.\n";
  if (!allow_destructive) out << "-- Destructive statements are commented out; --allow-destructive keeps them.\n";
  const DialectWriter& writer = writer_for(dialect);
  std::string database;
  for (const Difference& d : in_fix_order(unordered)) {
    if (d.database != database && runs_in_database(d)) {
      database = d.database;
      out << "\n" << writer.use_database(database) << "\n";
    }
    out << heading(d) << "\n";
    for (const Statement& statement : writer.fix(d)) {
      write_statement(out, statement, allow_destructive);
    }
  }
}

}  // namespace devenv::catalog
