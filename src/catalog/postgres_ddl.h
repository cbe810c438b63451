#pragma once

#include <string>

#include "catalog/model.h"

namespace devenv::catalog {

// PostgreSQL's canonical definitions (what the inspector compares) and the
// statements the dump and the fix-up SQL both write, from the parts' detail.

// An identity column's sequence options that differ from the ones PostgreSQL picks by
// itself, as GENERATED … AS IDENTITY (…) takes them: "START WITH 10 INCREMENT BY 5".
std::string identity_options(const Column& column);
// "character varying(10) DEFAULT 'x' NOT NULL COMMENT 'c'" (COMMENT is devenv's).
std::string postgres_column_definition(const Column& column);
// The column as CREATE TABLE and ADD COLUMN take it, without the comment (which
// COMMENT ON COLUMN sets).
std::string postgres_column_clause(const Column& column);
// "UNIQUE INDEX USING btree (a)", or a constraint's own definition.
std::string postgres_index_definition(const Index& index);
// "MATERIALIZED VIEW AS\n…".
std::string postgres_view_definition(const View& view);
// "COMMENT '…'", "PARTITION BY …", "PARTITION OF …", "UNLOGGED".
Element postgres_option(const std::string& name, const std::string& value);

// "integer DEFAULT 0 NOT NULL CONSTRAINT positive CHECK (VALUE > 0)", as CREATE DOMAIN
// takes it after AS; the definition is "DOMAIN AS " and that.
std::string postgres_domain_clause(const Domain& domain);
std::string postgres_domain_definition(const Domain& domain);
// "AS PERMISSIVE FOR ALL TO public USING (…) WITH CHECK (…)": CREATE POLICY's clauses,
// also its definition.
std::string postgres_policy_clauses(const Policy& policy);
std::string postgres_create_policy(const std::string& name, const std::string& qualified_table, const Policy& policy);

// CREATE TRIGGER …, then "\n-- DISABLE" (or ENABLE REPLICA / ALWAYS) when it does not
// fire as made; and the statements that make it so.
std::string postgres_trigger_definition(const Trigger& trigger);
std::string postgres_create_trigger(const std::string& space, const Trigger& trigger);

std::string quote_postgres_name(const std::string& name);
std::string postgres_qualified(const std::string& space, const std::string& name);  // schema.name, quoted as needed
bool is_plain_index(const Element& index);  // CREATE INDEX's, not a constraint's
std::string create_index(const std::string& qualified_table, const Element& index);  // ends in ";\n"
std::string postgres_create_view(const std::string& qualified, const View& view);    // the body ends in ";"
// "COMMENT ON COLUMN t.c IS 'x';": `what` is COLUMN or TABLE, `literal` "" for NULL.
std::string comment_on(const std::string& what, const std::string& target, const std::string& literal);

// One table's statements, apart, as a dump and a fix place them: CREATE TABLE (its
// columns, checks, primary and unique keys), its CREATE INDEXes, its foreign keys (once
// every table exists), row-level security and policies, COMMENT ONs. Each ends in ";\n"
// or is "".
struct PostgresTable {
  std::string create, indexes, keys, security, comments;
};
PostgresTable postgres_table(const std::string& space, const Table& table);

// The whole database as canonical SQL, and one table as the dump writes it (with
// its indexes, foreign keys and comments).
std::string postgres_dump(const Database& database);
std::string postgres_create_table(const Namespace& ns, const Table& table);

}  // namespace devenv::catalog
