#pragma once

#include <string>

#include "schema/model.h"
#include "sql/dialect.h"

namespace devenv::schema {

// The canonical definitions the differ compares and prints, built from the parts'
// detail. The inspectors make every definition they can through these, so the
// definition and the detail always say the same thing.

// MySQL "varchar(10) NOT NULL DEFAULT 'x' COMMENT 'c'"; PostgreSQL
// "character varying(10) DEFAULT 'x' NOT NULL COMMENT 'c'" (COMMENT is devenv's).
std::string column_definition(const Column& column, sql::Dialect dialect);
// PostgreSQL: the column as CREATE TABLE and ADD COLUMN take it, without the comment
// (which COMMENT ON COLUMN sets).
std::string postgres_column_clause(const Column& column);

// MySQL "UNIQUE KEY (`a`)" (the name is not part of it); PostgreSQL "UNIQUE INDEX
// USING btree (a)", or a constraint's own definition.
std::string index_definition(const Index& index, sql::Dialect dialect);
std::string mysql_index_word(IndexKind kind);  // "PRIMARY KEY", "UNIQUE KEY", "KEY", …

// MySQL "SQL SECURITY DEFINER VIEW AS select …"; PostgreSQL "MATERIALIZED VIEW AS\n…".
std::string view_definition(const View& view, sql::Dialect dialect);
std::string mysql_view_query(const View& view);  // the query and its WITH … CHECK OPTION

// MySQL: "PROCEDURE (IN `a` int) …" (PostgreSQL's is the server's CREATE statement).
std::string mysql_routine_definition(const Routine& routine);

// "SEQUENCE AS integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE … CACHE 1[ CYCLE]".
std::string sequence_definition(const Sequence& sequence);
std::string sequence_options(const Sequence& sequence);  // the part after "SEQUENCE"

// "ENUM ('a', 'b')".
std::string enum_definition(const EnumType& type);

// MySQL "ENGINE=InnoDB", "DEFAULT COLLATE=…", "COMMENT='…'", "PARTITION BY …";
// PostgreSQL "COMMENT '…'", "PARTITION BY …", "PARTITION OF …", "UNLOGGED".
std::string option_definition(const std::string& name, const TableOption& option, sql::Dialect dialect);
Element make_option(const std::string& name, const std::string& value, sql::Dialect dialect);

}  // namespace devenv::schema
