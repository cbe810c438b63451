#include "schema/dump.h"

#include <regex>

#include "sql/identifier.h"

namespace devenv::schema {
namespace {

std::string quote_mysql(const std::string& name) { return sql::quote_identifier(name, sql::Dialect::MySQL); }
std::string quote_pg(const std::string& name) { return sql::quote_identifier(name, sql::Dialect::Postgres); }



// "UNIQUE KEY (`a`)" → "UNIQUE KEY `name` (`a`)"; the primary key has no name.
std::string named_index(const Element& index) {
  if (index.definition.rfind("PRIMARY KEY", 0) == 0) return index.definition;
  const std::size_t paren = index.definition.find(" (");
  return index.definition.substr(0, paren) + " " + quote_mysql(index.name) + index.definition.substr(paren);
}

// "PROCEDURE (…) …" → "CREATE PROCEDURE `name`(…) …", inside a DELIMITER.
std::string mysql_routine(const Element& routine) {
  const std::size_t space = routine.definition.find(' ');
  return "CREATE " + routine.definition.substr(0, space) + " " + quote_mysql(routine.name) +
         routine.definition.substr(space + 1);
}

std::string with_delimiter(const std::string& statement) {
  return "DELIMITER ;;\n" + statement + ";;\nDELIMITER ;\n";
}

std::string mysql_table(const std::string& name, const Table& table) {
  std::string body;
  for (const Element& column : table.columns) body += ",\n  " + quote_mysql(column.name) + " " + column.definition;
  for (const Element& index : table.indexes) body += ",\n  " + named_index(index);
  for (const Element& key : table.foreign_keys) body += ",\n  CONSTRAINT " + quote_mysql(key.name) + " " + key.definition;
  for (const Element& check : table.checks) body += ",\n  CONSTRAINT " + quote_mysql(check.name) + " " + check.definition;
  std::string options;
  for (const Element& option : table.options) options += " " + option.definition;
  return "CREATE TABLE " + quote_mysql(name) + " (" + body.substr(1) + "\n)" + options + ";\n";
}

std::string dump_mysql(const Database& database) {
  // Tables come in name order, so a foreign key may name a table not made yet.
  std::string out = "SET FOREIGN_KEY_CHECKS = 0;\n\n";
  const std::string own_prefix = quote_mysql(database.name) + ".";
  const auto local = [&](std::string text) {  // names of this database, unqualified
    for (std::size_t at; (at = text.find(own_prefix)) != std::string::npos;) text.erase(at, own_prefix.size());
    return text;
  };
  for (const auto& [ns_name, ns] : database.namespaces) {
    for (const auto& [name, table] : ns.tables) out += mysql_table(name, table) + "\n";
    for (const auto& [name, view] : ns.views) {
      const std::size_t as = view.definition.find(" VIEW AS ");
      out += "CREATE " + view.definition.substr(0, as) + " VIEW " + quote_mysql(name) + " AS " +
             local(view.definition.substr(as + 9)) + ";\n\n";
    }
    for (const auto& [name, routine] : ns.routines) out += with_delimiter(local(mysql_routine(routine))) + "\n";
    for (const auto& [name, trigger] : ns.triggers) {
      out += with_delimiter("CREATE TRIGGER " + quote_mysql(name) + " " + local(trigger.definition)) + "\n";
    }
  }
  return out + "SET FOREIGN_KEY_CHECKS = 1;\n";
}

}  // namespace

// A PostgreSQL index that is not a constraint's: "INDEX USING btree (a)".
bool is_plain_index(const Element& index) {
  return index.definition.rfind("INDEX ", 0) == 0 || index.definition.rfind("UNIQUE INDEX ", 0) == 0;
}

std::string create_index(const std::string& qualified_table, const Element& index) {
  const bool unique = index.definition.rfind("UNIQUE ", 0) == 0;
  std::string rest = index.definition.substr(unique ? 13 : 6);
  const bool only = rest.rfind("ONLY ", 0) == 0;
  if (only) rest = rest.substr(5);
  return std::string("CREATE ") + (unique ? "UNIQUE " : "") + "INDEX " + quote_pg(index.name) + " ON " +
         (only ? "ONLY " : "") + qualified_table + " " + rest + ";\n";
}

std::string quote_postgres_name(const std::string& name) { return quote_pg(name); }
std::string quote_mysql_name(const std::string& name) { return quote_mysql(name); }
std::string mysql_index_clause(const Element& index) { return named_index(index); }
std::string mysql_create_routine(const Element& routine) { return mysql_routine(routine); }
std::string mysql_delimited(const std::string& statement) { return with_delimiter(statement); }

namespace {

// PostgreSQL column definitions carry their comment last (" COMMENT '…'"), which is
// not valid inline: split it off into COMMENT ON COLUMN.
std::pair<std::string, std::string> split_comment(const std::string& definition) {
  const std::size_t at = definition.rfind(" COMMENT '");
  if (at == std::string::npos) return {definition, ""};
  return {definition.substr(0, at), definition.substr(at + 9)};
}

struct PostgresTable {
  std::string create, indexes, keys, comments;
};

PostgresTable postgres_table(const std::string& prefix, const std::string& name, const Table& table) {
  PostgresTable out;
  const std::string qualified = prefix + quote_pg(name);
  const Element* partition_of = nullptr;
  std::string suffix;
  for (const Element& option : table.options) {
    if (option.name == "PARTITION OF") partition_of = &option;
    if (option.name == "PARTITION BY") suffix += " " + option.definition;
    if (option.name == "COMMENT") out.comments += "COMMENT ON TABLE " + qualified + " IS " + option.definition.substr(8) + ";\n";
  }
  if (partition_of) {  // its columns are its parent's
    out.create = "CREATE TABLE " + qualified + " " + partition_of->definition + ";\n";
    return out;
  }
  std::string body;
  for (const Element& column : table.columns) {
    const auto [definition, comment] = split_comment(column.definition);
    body += ",\n  " + quote_pg(column.name) + " " + definition;
    if (!comment.empty()) out.comments += "COMMENT ON COLUMN " + qualified + "." + quote_pg(column.name) + " IS " + comment + ";\n";
  }
  for (const Element& index : table.indexes) {
    if (is_plain_index(index)) {
      out.indexes += create_index(qualified, index);
    } else {
      body += ",\n  CONSTRAINT " + quote_pg(index.name) + " " + index.definition;
    }
  }
  for (const Element& check : table.checks) body += ",\n  CONSTRAINT " + quote_pg(check.name) + " " + check.definition;
  for (const Element& key : table.foreign_keys) {
    out.keys += "ALTER TABLE " + qualified + " ADD CONSTRAINT " + quote_pg(key.name) + " " + key.definition + ";\n";
  }
  out.create = "CREATE TABLE " + qualified + " (" + body.substr(1) + "\n)" + suffix + ";\n";
  return out;
}

std::string dump_postgres(const Database& database) {
  std::string head, tables, functions, indexes, keys, views, triggers, comments;
  for (const auto& [name, extension] : database.extensions) head += "CREATE EXTENSION IF NOT EXISTS " + quote_pg(name) + ";\n";
  for (const auto& [ns_name, ns] : database.namespaces) {
    const std::string prefix = quote_pg(ns_name) + ".";
    if (ns_name != "public") head += "CREATE SCHEMA " + quote_pg(ns_name) + ";\n";
    for (const auto& [name, type] : ns.types) head += "CREATE TYPE " + prefix + quote_pg(name) + " AS " + type.definition + ";\n";
    for (const auto& [name, sequence] : ns.sequences) {
      head += "CREATE " + sequence.definition.substr(0, 8) + " " + prefix + quote_pg(name) + sequence.definition.substr(8) + ";\n";
    }
    for (const auto& [name, table] : ns.tables) {
      const PostgresTable parts = postgres_table(prefix, name, table);
      tables += parts.create + "\n";
      indexes += parts.indexes;
      keys += parts.keys;
      comments += parts.comments;
    }
    for (const auto& [name, routine] : ns.routines) functions += routine.definition + ";\n\n";
    for (const auto& [name, view] : ns.views) {
      const std::size_t as = view.definition.find(" AS\n");
      views += "CREATE " + view.definition.substr(0, as) + " " + prefix + quote_pg(name) + view.definition.substr(as) + "\n\n";
    }
    for (const auto& [name, trigger] : ns.triggers) triggers += trigger.definition + ";\n";
  }
  return head + "\n" + tables + functions + indexes + "\n" + keys + "\n" + views + triggers + "\n" + comments;
}

}  // namespace

std::string create_table(const Namespace& ns, const Table& table, sql::Dialect dialect) {
  if (dialect == sql::Dialect::MySQL) return mysql_table(table.name, table);
  const PostgresTable parts = postgres_table(quote_pg(ns.name) + ".", table.name, table);
  return parts.create + parts.indexes + parts.keys + parts.comments;
}

std::string dump(const Database& database, sql::Dialect dialect) {
  return dialect == sql::Dialect::MySQL ? dump_mysql(database) : dump_postgres(database);
}

}  // namespace devenv::schema
