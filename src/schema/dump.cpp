#include "schema/dump.h"

#include "schema/definition.h"
#include "schema/mysql_ddl.h"
#include "schema/postgres_ddl.h"

namespace devenv::schema {
namespace {

std::string mysql_table(const std::string& name, const Table& table) {
  std::string body;
  for (const Element& column : table.columns) body += ",\n  " + quote_mysql_name(column.name) + " " + column.definition;
  for (const Element& index : table.indexes) body += ",\n  " + mysql_index_clause(index);
  for (const Element& key : table.foreign_keys) body += ",\n  CONSTRAINT " + quote_mysql_name(key.name) + " " + key.definition;
  for (const Element& check : table.checks) body += ",\n  CONSTRAINT " + quote_mysql_name(check.name) + " " + check.definition;
  std::string options;
  for (const Element& option : table.options) options += " " + option.definition;
  return "CREATE TABLE " + quote_mysql_name(name) + " (" + body.substr(1) + "\n)" + options + ";\n";
}

std::string dump_mysql(const Database& database) {
  // Tables come in name order, so a foreign key may name a table not made yet.
  std::string out = "SET FOREIGN_KEY_CHECKS = 0;\n\n";
  const std::string own_prefix = quote_mysql_name(database.name) + ".";
  const auto local = [&](std::string text) {  // names of this database, unqualified
    for (std::size_t at; (at = text.find(own_prefix)) != std::string::npos;) text.erase(at, own_prefix.size());
    return text;
  };
  for (const auto& [ns_name, ns] : database.namespaces) {
    for (const auto& [name, table] : ns.tables) out += mysql_table(name, table) + "\n";
    for (const auto& [name, view] : ns.views) {
      out += mysql_view_head(view, false) + local(mysql_view_query(std::get<View>(view.detail))) + ";\n\n";
    }
    for (const auto& [name, routine] : ns.routines) out += mysql_delimited(local(mysql_create_routine(routine))) + "\n";
    for (const auto& [name, trigger] : ns.triggers) out += mysql_delimited(local(mysql_create_trigger(trigger))) + "\n";
  }
  return out + "SET FOREIGN_KEY_CHECKS = 1;\n";
}

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
  for (const Element& check : table.checks) body += ",\n  CONSTRAINT " + quote_postgres_name(check.name) + " " + check.definition;
  for (const Element& key : table.foreign_keys) {
    out.keys += "ALTER TABLE " + qualified + " ADD CONSTRAINT " + quote_postgres_name(key.name) + " " + key.definition + ";\n";
  }
  out.create = "CREATE TABLE " + qualified + " (" + body.substr(1) + "\n)" + suffix + ";\n";
  return out;
}

std::string dump_postgres(const Database& database) {
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
      head += "CREATE SEQUENCE " + postgres_qualified(ns_name, name) + sequence_options(std::get<Sequence>(sequence.detail)) + ";\n";
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

}  // namespace

std::string create_table(const Namespace& ns, const Table& table, sql::Dialect dialect) {
  if (dialect == sql::Dialect::MySQL) return mysql_table(table.name, table);
  const PostgresTable parts = postgres_table(ns.name, table);
  return parts.create + parts.indexes + parts.keys + parts.comments;
}

std::string dump(const Database& database, sql::Dialect dialect) {
  return dialect == sql::Dialect::MySQL ? dump_mysql(database) : dump_postgres(database);
}

}  // namespace devenv::schema
