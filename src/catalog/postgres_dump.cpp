// The PostgreSQL dump: schemas, extensions, types and sequences first, then tables,
// functions, indexes, foreign keys, views, triggers and comments, so that it loads
// into an empty database with psql; objects sorted by name.
#include "catalog/definition.h"
#include "catalog/postgres_ddl.h"

namespace devenv::catalog {
namespace {

struct PostgresTable {
  std::string create, indexes, keys, comments;
};

PostgresTable postgres_table(const std::string& space, const Table& table) {
  PostgresTable out;
  const std::string qualified = postgres_qualified(space, table.name);
  const Element* partition_of = nullptr;
  std::string suffix;
  for (const Element& option : table.options) {
    if (option.name == "PARTITION OF") partition_of = &option;
    if (option.name == "PARTITION BY") suffix += " " + option.definition;
    if (option.name == "COMMENT") {
      out.comments += comment_on("TABLE", qualified, std::get<TableOption>(option.detail).value) + "\n";
    }
  }
  if (partition_of) {  // its columns are its parent's
    out.create = "CREATE TABLE " + qualified + " " + partition_of->definition + ";\n";
    return out;
  }
  std::string body;
  for (const Element& element : table.columns) {
    const Column& column = std::get<Column>(element.detail);
    const std::string name = quote_postgres_name(element.name);
    body += ",\n  " + name + " " + postgres_column_clause(column);
    if (!column.comment.empty()) out.comments += comment_on("COLUMN", qualified + "." + name, column.comment) + "\n";
  }
  for (const Element& index : table.indexes) {
    if (is_plain_index(index)) {
      out.indexes += create_index(qualified, index);
    } else {
      body += ",\n  CONSTRAINT " + quote_postgres_name(index.name) + " " + index.definition;
    }
  }
  for (const Element& check : table.checks)
    body += ",\n  CONSTRAINT " + quote_postgres_name(check.name) + " " + check.definition;
  for (const Element& key : table.foreign_keys) {
    out.keys +=
        "ALTER TABLE " + qualified + " ADD CONSTRAINT " + quote_postgres_name(key.name) + " " + key.definition + ";\n";
  }
  // A table may have no columns at all (CREATE TABLE t ()): then there is no first comma.
  const std::string columns = body.empty() ? body : body.substr(1);
  out.create = "CREATE TABLE " + qualified + " (" + columns + "\n)" + suffix + ";\n";
  return out;
}

}  // namespace

std::string postgres_create_table(const Namespace& ns, const Table& table) {
  const PostgresTable parts = postgres_table(ns.name, table);
  return parts.create + parts.indexes + parts.keys + parts.comments;
}

std::string postgres_dump(const Database& database) {
  std::string head, tables, functions, indexes, keys, views, triggers, comments;
  for (const auto& [name, extension] : database.extensions) {
    head += "CREATE EXTENSION IF NOT EXISTS " + quote_postgres_name(name) + ";\n";
  }
  for (const auto& [ns_name, ns] : database.namespaces) {
    if (ns_name != "public") head += "CREATE SCHEMA " + quote_postgres_name(ns_name) + ";\n";
    for (const auto& [name, type] : ns.types) {
      head += "CREATE TYPE " + postgres_qualified(ns_name, name) + " AS " + type.definition + ";\n";
    }
    for (const auto& [name, sequence] : ns.sequences) {
      head += "CREATE SEQUENCE " + postgres_qualified(ns_name, name) +
              sequence_options(std::get<Sequence>(sequence.detail)) + ";\n";
    }
    for (const auto& [name, table] : ns.tables) {
      const PostgresTable parts = postgres_table(ns_name, table);
      tables += parts.create + "\n";
      indexes += parts.indexes;
      keys += parts.keys;
      comments += parts.comments;
    }
    for (const auto& [name, routine] : ns.routines) functions += routine.definition + ";\n\n";
    for (const auto& [name, view] : ns.views) {
      views += postgres_create_view(postgres_qualified(ns_name, name), std::get<View>(view.detail)) + "\n\n";
    }
    for (const auto& [name, trigger] : ns.triggers) triggers += trigger.definition + ";\n";
  }
  return head + "\n" + tables + functions + indexes + "\n" + keys + "\n" + views + triggers + "\n" + comments;
}

}  // namespace devenv::catalog
