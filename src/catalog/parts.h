#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace devenv::catalog {

// The structured detail of each kind of model part, read from the catalog together
// with its canonical definition (definition.h builds one from the other). Statements
// that change a part (fix-up SQL, the dump) are written from these values, never by
// cutting the definition apart.

struct Sequence {  // PostgreSQL
  std::string type, start, increment, min, max, cache;
  bool cycle = false;
  std::string owned_by;  // OWNED BY: "schema.table.column", "" when owned by no column
};

struct Column {
  std::string type;            // "varchar(20)", "character varying(20)", "json"
  std::string collation;       // only when not the default: MySQL "CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                               // PostgreSQL "COLLATE \"C\""
  std::string identity;        // PostgreSQL identity column: "ALWAYS" or "BY DEFAULT"
  Sequence identity_sequence;  // its sequence's options (owned_by unused)
  std::string generated;       // the expression of GENERATED ALWAYS AS (…)
  bool stored = true;          // a generated column's storage: STORED, or VIRTUAL (MySQL)
  std::string default_value;   // the DEFAULT expression
  bool not_null = false;
  std::string on_update;  // MySQL: "ON UPDATE current_timestamp()"
  bool auto_increment = false;
  std::string comment;  // as a quoted literal, "'…'"
  std::string check;    // MariaDB: a CHECK written on the column ("CHECK (`a` > 0)"), which belongs to its
                        // definition: MODIFY without it drops it, and DROP CONSTRAINT cannot
  // Set by the differ on a missing or changed column: the column before it in the schema
  // files ("" when first), where a fix adds it. Not part of the definition.
  std::optional<std::string> after;
};

enum class IndexKind { Primary, Unique, Plain, Fulltext, Spatial, Exclusion };

struct Index {
  IndexKind kind = IndexKind::Plain;
  bool constraint = false;  // PostgreSQL: it backs a constraint (ADD CONSTRAINT), else it is CREATE INDEX's
  bool only = false;        // PostgreSQL: an index ON ONLY a partitioned table
  std::string body;         // MySQL "(`a`,`b`(8)) USING HASH"; PostgreSQL index "USING btree (a) WHERE …";
                            // PostgreSQL constraint: all of it, as pg_get_constraintdef writes it
};

struct View {
  bool materialized = false;  // PostgreSQL
  std::string security;       // MySQL: DEFINER or INVOKER
  std::string body;           // the query
  std::string check_option;   // MySQL: CASCADED or LOCAL
};

struct Trigger {
  std::string table;
  std::string name;    // PostgreSQL trigger names are per table: the model's key is "table.name"
  std::string create;  // PostgreSQL: CREATE TRIGGER as pg_get_triggerdef writes it
  std::string state;   // PostgreSQL: "" when it fires as made, else "DISABLE", "ENABLE REPLICA" or
                       // "ENABLE ALWAYS" (ALTER TABLE … <state> TRIGGER; pg_get_triggerdef omits it)
};

struct Routine {
  std::string kind;       // PROCEDURE or FUNCTION
  std::string name;       // without its arguments (PostgreSQL keys routines by name and arguments)
  std::string arguments;  // MySQL "IN `a` int, …"; PostgreSQL identity arguments "a integer"
  std::string rest;       // MySQL: what follows the arguments (RETURNS, characteristics, "\n", the body)
};

// A PostgreSQL domain: a type with a default, NOT NULL and checks of its own.
struct DomainCheck {
  std::string name;
  bool generated = false;  // named by the server (<domain>_check): created without a name
  std::string expression;  // "CHECK (VALUE > 0)", as pg_get_constraintdef writes it
};

struct Domain {
  std::string type;       // the base type
  std::string collation;  // COLLATE "C", when not the base type's own
  std::string default_value;
  bool not_null = false;
  std::vector<DomainCheck> checks;  // by name
};

// A PostgreSQL row-level security policy, a part of its table.
struct Policy {
  bool permissive = true;
  std::string command;  // ALL, SELECT, INSERT, UPDATE or DELETE
  std::string roles;    // "public", or the roles' quoted names in order
  std::string using_expression;
  std::string check_expression;
};

// A PostgreSQL COMMENT ON an object other than a table or a column (those are the
// table's option and the column's own).
struct Comment {
  std::string target;   // as COMMENT ON takes it: "FUNCTION public.f(integer)", "CONSTRAINT c ON public.t"
  std::string literal;  // the comment, quoted
};

// A MySQL event. The times the server resolves at creation (STARTS defaults to it, AT
// and ENDS may be written relative to CURRENT_TIMESTAMP) are kept for writing it again
// but are not part of its definition: a shadow made now and a live database made last
// week would never agree on them (docs/engines.md, item 19).
struct Event {
  std::string name;
  std::string every;          // a recurring event's interval, "1 DAY", "'1:30' HOUR_MINUTE"; "" when ONE TIME
  std::string at;             // a one-time event's time, "2030-01-01 00:00:00"
  std::string starts, ends;   // a recurring event's, "" when none
  std::string on_completion;  // "PRESERVE" or "NOT PRESERVE"
  std::string status;         // "ENABLE", "DISABLE" or "DISABLE ON SLAVE"
  std::string comment;        // as a quoted literal, "" when none
  std::string body;
  bool over = false;  // its schedule had ended when read: the server disabled or dropped it itself
};

struct EnumType {                   // PostgreSQL
  std::vector<std::string> labels;  // as quoted literals, in order
};

// The order of the columns both sides have (a table part of its own: column order is
// visible to SELECT *, INSERT without a column list and generated code).
struct ColumnOrder {
  std::vector<std::string> names;        // in this side's order
  std::vector<std::string> definitions;  // each column's definition on this side, in that order
  std::string rebuild;                   // the expected side: the table's CREATE TABLE, for engines that
                                         // cannot move a column (PostgreSQL)
};

struct TableOption {
  std::string value;  // ENGINE "InnoDB", COLLATE "utf8mb4_bin", COMMENT "'…'", PARTITION BY "RANGE (a) (…)"
};

// A foreign key's definition is used whole; this is what goes with it.
struct ForeignKey {
  std::string implicit_index;  // MySQL: the index InnoDB made for it (named after the key or its first
                               // column), which stays when the key is dropped; "" when none
};

// Checks and extensions have none: their definition is used whole.
using Detail = std::variant<std::monostate, Column, Index, View, Trigger, Routine, Event, Sequence, EnumType,
                            TableOption, ColumnOrder, Domain, Policy, Comment, ForeignKey>;

}  // namespace devenv::catalog
