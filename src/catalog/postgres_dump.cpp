// The PostgreSQL dump: schemas, extensions, types, domains and sequences first, then
// tables, functions, indexes, foreign keys and sequence owners, views, triggers,
// row-level security and policies, and comments, so that it loads into an empty
// database with psql; objects sorted by name.
#include "catalog/definition.h"
#include "catalog/postgres_ddl.h"

namespace devenv::catalog {

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
    if (option.name == "ROW LEVEL SECURITY" || option.name == "FORCE ROW LEVEL SECURITY") {
      out.security += "ALTER TABLE " + qualified + (option.name == "ROW LEVEL SECURITY" ? " ENABLE " : " FORCE ") +
                      "ROW LEVEL SECURITY;\n";
    }
  }
  for (const Element& policy : table.policies) {
    out.security += postgres_create_policy(policy.name, qualified, std::get<Policy>(policy.detail)) + "\n";
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
  // NOT VALID is ignored inside CREATE TABLE: such a check is added after it.
  for (const Element& check : table.checks) {
    const std::string& definition = check.definition;
    const bool not_valid = definition.size() > 10 && definition.compare(definition.size() - 10, 10, " NOT VALID") == 0;
    const std::string constraint = "CONSTRAINT " + quote_postgres_name(check.name) + " " + definition;
    if (not_valid) {
      out.indexes += "ALTER TABLE " + qualified + " ADD " + constraint + ";\n";
    } else {
      body += ",\n  " + constraint;
    }
  }
  for (const Element& key : table.foreign_keys) {
    out.keys +=
        "ALTER TABLE " + qualified + " ADD CONSTRAINT " + quote_postgres_name(key.name) + " " + key.definition + ";\n";
  }
  // A table may have no columns at all (CREATE TABLE t ()): then there is no first comma.
  const std::string columns = body.empty() ? body : body.substr(1);
  out.create = "CREATE TABLE " + qualified + " (" + columns + "\n)" + suffix + ";\n";
  return out;
}

std::string postgres_create_table(const Namespace& ns, const Table& table) {
  const PostgresTable parts = postgres_table(ns.name, table);
  return parts.create + parts.indexes + parts.keys + parts.security + parts.comments;
}

std::string postgres_dump(const Database& database) {
  std::string head, tables, functions, indexes, keys, views, triggers, security, comments;
  for (const auto& [name, extension] : database.extensions) {
    head += "CREATE EXTENSION IF NOT EXISTS " + quote_postgres_name(name) + ";\n";
  }
  for (const auto& [ns_name, ns] : database.namespaces) {
    if (ns_name != "public") head += "CREATE SCHEMA " + quote_postgres_name(ns_name) + ";\n";
    for (const auto& [name, type] : ns.types) {
      head += "CREATE TYPE " + postgres_qualified(ns_name, name) + " AS " + type.definition + ";\n";
    }
    for (const auto& [name, domain] : ns.domains) {
      head += "CREATE DOMAIN " + postgres_qualified(ns_name, name) + " AS " +
              postgres_domain_clause(std::get<Domain>(domain.detail)) + ";\n";
    }
    for (const auto& [name, element] : ns.sequences) {
      const Sequence& sequence = std::get<Sequence>(element.detail);
      head += "CREATE SEQUENCE " + postgres_qualified(ns_name, name) + sequence_options(sequence) + ";\n";
      if (!sequence.owned_by.empty()) {  // once its table exists
        keys += "ALTER SEQUENCE " + postgres_qualified(ns_name, name) + " OWNED BY " + sequence.owned_by + ";\n";
      }
    }
    for (const auto& [key, comment] : ns.comments) {
      const Comment& detail = std::get<Comment>(comment.detail);
      comments += "COMMENT ON " + detail.target + " IS " + detail.literal + ";\n";
    }
    for (const auto& [name, table] : ns.tables) {
      const PostgresTable parts = postgres_table(ns_name, table);
      tables += parts.create + "\n";
      indexes += parts.indexes;
      keys += parts.keys;
      security += parts.security;
      comments += parts.comments;
    }
    for (const auto& [name, routine] : ns.routines) functions += routine.definition + ";\n\n";
    for (const auto& [name, view] : ns.views) {
      views += postgres_create_view(postgres_qualified(ns_name, name), std::get<View>(view.detail)) + "\n\n";
    }
    for (const auto& [name, trigger] : ns.triggers) {
      triggers += postgres_create_trigger(ns_name, std::get<Trigger>(trigger.detail)) + "\n";
    }
  }
  return head + "\n" + tables + functions + indexes + "\n" + keys + "\n" + views + triggers + security + "\n" +
         comments;
}

}  // namespace devenv::catalog
