// The fix-up SQL of PostgreSQL: ALTER TABLE … ALTER COLUMN step by step, constraints
// and indexes dropped and added, COMMENT ON for comments, and for what cannot be
// altered (an enum label's removal, a generation expression) what can be done.
#include <algorithm>

#include "catalog/definition.h"
#include "catalog/fix_writer.h"
#include "catalog/postgres_ddl.h"
#include "catalog/postgres_fix.h"

namespace devenv::catalog {
namespace {

std::string qualified_table(const Difference& d) { return postgres_qualified(d.space, d.table); }
std::string qualified_name(const Difference& d) { return postgres_qualified(d.space, d.name); }

Statement alter_table(const Difference& d, const std::string& change, Step step = Step::ChangeColumns) {
  return keep(step, "ALTER TABLE " + qualified_table(d) + " " + change + ";");
}

// ADD COLUMN cannot say the comment: COMMENT ON follows.
Statements add_column(const Difference& d, const Column& column) {
  const std::string name = quote_postgres_name(d.name);
  Statements out{alter_table(d, "ADD COLUMN " + name + " " + postgres_column_clause(column), Step::AddColumns)};
  if (!column.comment.empty())
    out.push_back(keep(Step::AddColumns, comment_on("COLUMN", qualified_table(d) + "." + name, column.comment)));
  return out;
}

Statement drop_column(const Difference& d, Step step = Step::DropColumns) {
  return destroy(step, "ALTER TABLE " + qualified_table(d) + " DROP COLUMN " + quote_postgres_name(d.name) + ";");
}

// A generation expression cannot be altered in place: the column is made again, gone
// before the columns it reads and back once the new ones exist.
Statements recreate_column(const Difference& d, const Column& want) {
  Statements out{drop_column(d, Step::DropGeneratedColumns)};
  for (Statement statement : add_column(d, want)) {
    out.push_back(after_destructive(Step::AddColumns, std::move(statement.sql), "the column is made again"));
  }
  return out;
}

bool type_changes(const Column& want, const Column& have) {
  return want.type != have.type || want.collation != have.collation;
}

// "character varying(20)" → "character varying": what a cast between the two changes.
std::string base_type(const std::string& type) { return type.substr(0, type.find('(')); }

bool string_type(const std::string& type) {
  const std::string base = base_type(type);
  return base == "character varying" || base == "character" || base == "text";
}

// The same base type (a longer varchar, a wider numeric) needs no USING, and a value
// that does not fit is an error rather than cut. Other types go by way of text, which
// every type reads and writes (direct casts exist between fewer pairs: none from date
// to integer); to a string type as text alone, which the column's own type then takes
// by assignment, again an error rather than a cut. A default the new type cannot take
// is dropped first (default_change sets it again).
Statements type_change(const std::string& alter, const std::string& name, const Column& want, const Column& have) {
  if (!type_changes(want, have)) return {};
  const std::string collated = want.type + (want.collation.empty() ? "" : " " + want.collation);
  Statements out;
  if (!have.default_value.empty()) out.push_back(keep(Step::ChangeColumns, alter + " DROP DEFAULT;"));
  std::string conversion;
  if (base_type(want.type) != base_type(have.type)) {
    conversion = " USING " + name + (string_type(want.type) ? "::text" : "::text::" + want.type);
  }
  out.push_back(keep(Step::ChangeColumns, alter + " TYPE " + collated + conversion + ";"));
  return out;
}

// Every option is set, so that one going back to its default is set too.
Statement identity_options_change(const std::string& alter, const Sequence& want) {
  return keep(Step::ChangeColumns, alter + " SET START WITH " + want.start + " SET INCREMENT BY " + want.increment +
                                       " SET MINVALUE " + want.min + " SET MAXVALUE " + want.max + " SET CACHE " +
                                       want.cache + (want.cycle ? " SET CYCLE;" : " SET NO CYCLE;"));
}

// A column that counted with a sequence of its own (serial) and counts as an identity
// now goes on from its largest value, not from 1. `alter` is "ALTER TABLE t ALTER
// COLUMN c".
std::string continue_numbering(const std::string& alter) {
  const std::size_t column_at = alter.rfind(" ALTER COLUMN ");
  const std::string table = alter.substr(std::string("ALTER TABLE ").size(), column_at - 12);
  const std::string column = alter.substr(column_at + 14);
  const auto literal = [](const std::string& text) {
    std::string out = "'";
    for (char c : text) out += c == '\'' ? std::string("''") : std::string(1, c);
    return out + "'";
  };
  return "SELECT setval(pg_get_serial_sequence(" + literal(table) + ", " +
         literal(column.front() == '"' ? column.substr(1, column.size() - 2) : column) + "), COALESCE(MAX(" + column +
         "), 0) + 1, false) FROM " + table + ";";
}

Statements identity_change(const std::string& alter, const Column& want, const Column& have) {
  if (want.identity == have.identity) {
    if (want.identity.empty() || identity_options(want) == identity_options(have)) return {};
    return {identity_options_change(alter, want.identity_sequence)};
  }
  if (want.identity.empty()) return {keep(Step::ChangeColumns, alter + " DROP IDENTITY;")};
  if (have.identity.empty()) {  // an identity column has no default: one it had goes first
    const std::string options = identity_options(want);
    Statements out;
    if (!have.default_value.empty() && !type_changes(want, have)) {
      out.push_back(keep(Step::ChangeColumns, alter + " DROP DEFAULT;"));
    }
    out.push_back(keep(Step::ChangeColumns, alter + " ADD GENERATED " + want.identity + " AS IDENTITY" +
                                                (options.empty() ? "" : " (" + options + ")") + ";"));
    if (have.default_value.find("nextval(") != std::string::npos) {
      out.push_back(keep(Step::ChangeColumns, continue_numbering(alter)));
    }
    return out;
  }
  return {keep(Step::ChangeColumns, alter + " SET GENERATED " + want.identity + ";")};
}

// After a change of type or to an identity column, whose first step dropped the default.
Statements default_change(const std::string& alter, const Column& want, const Column& have) {
  const bool to_identity = !want.identity.empty() && have.identity.empty();
  const bool dropped = (type_changes(want, have) || to_identity) && !have.default_value.empty();
  if (want.default_value == have.default_value && !dropped) return {};
  if (want.default_value.empty())
    return dropped ? Statements{} : Statements{keep(Step::ChangeColumns, alter + " DROP DEFAULT;")};
  return {keep(Step::ChangeColumns, alter + " SET DEFAULT " + want.default_value + ";")};
}

// The steps from the column the database has to the one the schema files make.
Statements column_change(const Difference& d) {
  const Column& want = std::get<Column>(d.expected->detail);
  const Column& have = std::get<Column>(d.actual->detail);
  if (postgres_column_made_again(want, have)) return recreate_column(d, want);
  const std::string name = quote_postgres_name(d.name);
  const std::string alter = "ALTER TABLE " + qualified_table(d) + " ALTER COLUMN " + name;
  Statements out;
  for (Statements steps :
       {type_change(alter, name, want, have), identity_change(alter, want, have), default_change(alter, want, have)}) {
    out.insert(out.end(), steps.begin(), steps.end());
  }
  if (want.not_null != have.not_null)
    out.push_back(keep(Step::ChangeColumns, alter + (want.not_null ? " SET NOT NULL;" : " DROP NOT NULL;")));
  if (want.comment != have.comment)
    out.push_back(keep(Step::ChangeColumns, comment_on("COLUMN", qualified_table(d) + "." + name, want.comment)));
  return out;
}

// A missing table, its statements each in their step: its foreign keys once every
// table exists, its policies once the functions they call do.
Statements create_table(const Table& table, const std::string& space, bool destructive, const std::string& why) {
  const PostgresTable parts = postgres_table(space, table);
  Statements out;
  const auto add = [&](Step step, const std::string& sql) {
    if (sql.empty()) return;
    const std::string text = sql.substr(0, sql.size() - 1);  // without the last "\n"
    out.push_back(destructive ? after_destructive(step, text, why) : keep(step, text));
  };
  add(Step::CreateTables, parts.create);
  add(Step::AddConstraints, parts.indexes);
  add(Step::AddForeignKeys, parts.keys);
  add(Step::CreateTriggers, parts.security);
  add(Step::Comments, parts.comments);
  return out;
}

const Table* expected_table(const Difference& d, const ComparedPair* models) {
  return models ? find_table(models->expected, d.space, d.table) : nullptr;
}

// PostgreSQL cannot move a column (ADD COLUMN always appends). The only repair is to
// make the table again, which drops its rows: offered only with --allow-destructive.
// What depends on the table is dropped and made again around it (fix_dependents.cpp).
Statements rebuild_table(const Difference& d, const ComparedPair* models) {
  Statements out{
      keep(Step::DropTables, "-- PostgreSQL cannot reorder columns: " + qualified_table(d) + " is made again")};
  out.push_back(destroy(Step::DropTables, "DROP TABLE IF EXISTS " + qualified_table(d) + " CASCADE;"));
  if (const Table* table = expected_table(d, models)) {
    for (Statement statement : create_table(*table, d.space, true, "the table is made again")) out.push_back(statement);
    return out;
  }
  out.push_back(after_destructive(Step::CreateTables, std::get<ColumnOrder>(d.expected->detail).rebuild,
                                  "the table is made again"));
  return out;
}

Statements column_fix(const Difference& d) {
  switch (d.change) {
    case Change::Missing: return add_column(d, std::get<Column>(d.expected->detail));
    case Change::Extra: {
      const bool computed = !std::get<Column>(d.actual->detail).generated.empty();
      return {drop_column(d, computed ? Step::DropGeneratedColumns : Step::DropColumns)};
    }
    case Change::Changed: break;
  }
  return column_change(d);
}

// Indexes of CREATE INDEX are dropped and made by name; the others are constraints.
bool plain_index(const Difference& d, const Element& element) {
  return d.kind == Kind::Index && is_plain_index(element);
}

Statement drop_constraint_or_index(const Difference& d, const Element& element) {
  const Step step = d.kind == Kind::ForeignKey ? Step::DropForeignKeys : Step::DropConstraints;
  // IF EXISTS: what calls a routine made again may have been dropped before it.
  if (plain_index(d, element)) return keep(step, "DROP INDEX IF EXISTS " + qualified_name(d) + ";");
  return alter_table(d, "DROP CONSTRAINT IF EXISTS " + quote_postgres_name(d.name), step);
}

Statement add_constraint_or_index(const Difference& d, const Element& element) {
  const Step step = d.kind == Kind::ForeignKey ? Step::AddForeignKeys : Step::AddConstraints;
  if (plain_index(d, element)) {
    std::string sql = create_index(qualified_table(d), element);
    sql.pop_back();  // its "\n"
    return keep(step, sql);
  }
  return alter_table(d, "ADD CONSTRAINT " + quote_postgres_name(d.name) + " " + element.definition, step);
}

Statements constraint_fix(const Difference& d) {
  Statements out;
  if (d.actual) out.push_back(drop_constraint_or_index(d, *d.actual));
  if (d.expected) out.push_back(add_constraint_or_index(d, *d.expected));
  return out;
}

// "public.readings FOR VALUES …" / "public.readings DEFAULT": the parent, and the bound.
std::pair<std::string, std::string> partition_of(const Element& option) {
  const std::string& value = std::get<TableOption>(option.detail).value;
  std::size_t at = value.find(" FOR VALUES ");
  if (at == std::string::npos) at = value.rfind(" DEFAULT");
  if (at == std::string::npos) return {value, ""};
  return {value.substr(0, at), value.substr(at + 1)};
}

// A partition is attached to its parent, or detached from it, in place.
Statements partition_fix(const Difference& d) {
  Statements out;
  if (d.actual) {
    out.push_back(keep(Step::AlterTables, "ALTER TABLE " + partition_of(*d.actual).first + " DETACH PARTITION " +
                                              qualified_table(d) + ";"));
  }
  if (d.expected) {
    const auto [parent, bound] = partition_of(*d.expected);
    out.push_back(keep(Step::AlterTables,
                       "ALTER TABLE " + parent + " ATTACH PARTITION " + qualified_table(d) + " " + bound + ";"));
  }
  return out;
}

// The comment, row-level security and a partition's parent can be set in place; the
// rest is how the table was made.
Statements option_fix(const Difference& d) {
  if (d.name == "PARTITION OF") return partition_fix(d);
  if (d.name == "UNLOGGED") return {alter_table(d, d.expected ? "SET UNLOGGED" : "SET LOGGED", Step::AlterTables)};
  if (d.name == "COMMENT") {
    const std::string literal = d.expected ? std::get<TableOption>(d.expected->detail).value : "";
    return {keep(Step::Comments, comment_on("TABLE", qualified_table(d), literal))};
  }
  if (d.name == "ROW LEVEL SECURITY") {
    return {alter_table(d, d.expected ? "ENABLE ROW LEVEL SECURITY" : "DISABLE ROW LEVEL SECURITY", Step::AlterTables)};
  }
  if (d.name == "FORCE ROW LEVEL SECURITY") {
    return {alter_table(d, d.expected ? "FORCE ROW LEVEL SECURITY" : "NO FORCE ROW LEVEL SECURITY", Step::AlterTables)};
  }
  return {keep(Step::AlterTables, "-- devenv cannot alter " + object_label(d) + ": " + d.name + " differs (" +
                                      expected_definition(d) + "); re-create the table to change it")};
}

// An extra partition may have gone with its extra parent already.
Statements table_fix(const Difference& d, const ComparedPair* models) {
  if (d.change == Change::Extra) return {destroy(Step::DropTables, "DROP TABLE IF EXISTS " + qualified_table(d) + ";")};
  if (const Table* table = expected_table(d, models)) return create_table(*table, d.space, false, "");
  return {keep(Step::CreateTables, d.expected->definition)};
}

std::string drop_view(const Difference& d, const Element& view) {
  return std::string(std::get<View>(view.detail).materialized ? "DROP MATERIALIZED VIEW IF EXISTS "
                                                              : "DROP VIEW IF EXISTS ") +
         qualified_name(d) + ";";
}

// Dropped and made again (CREATE OR REPLACE VIEW cannot drop or retype a column); the
// views that read it are dropped before it and made again after (fix_dependents.cpp).
Statements view_fix(const Difference& d) {
  Statements out;
  if (d.actual) out.push_back(keep(Step::DropViews, drop_view(d, *d.actual)));
  if (d.expected) {
    out.push_back(keep(Step::CreateViews, postgres_create_view(qualified_name(d), std::get<View>(d.expected->detail))));
  }
  return out;
}

Statements trigger_fix(const Difference& d) {
  const Trigger& trigger = std::get<Trigger>((d.expected ? *d.expected : *d.actual).detail);
  Statements out{keep(Step::DropTriggers, "DROP TRIGGER IF EXISTS " + quote_postgres_name(trigger.name) + " ON " +
                                              postgres_qualified(d.space, trigger.table) + ";")};
  if (d.expected) {
    out.push_back(keep(Step::CreateTriggers, postgres_create_trigger(d.space, std::get<Trigger>(d.expected->detail))));
  }
  return out;
}

// "RETURNS integer", "" for a procedure: what CREATE OR REPLACE cannot change.
std::string returns_clause(const std::string& definition) {
  const std::size_t at = definition.find("\n RETURNS ");
  if (at == std::string::npos) return "";
  return definition.substr(at, definition.find('\n', at + 1) - at);
}

// A routine is named by its name and argument types. A changed one is replaced in
// place when it can be, so that the triggers and views that use it stay.
Statements routine_fix(const Difference& d) {
  const Routine& routine = std::get<Routine>((d.expected ? *d.expected : *d.actual).detail);
  const std::string signature = postgres_qualified(d.space, routine.name) + "(" + routine.arguments + ")";
  if (d.change == Change::Extra) return {keep(Step::DropTypes, "DROP ROUTINE IF EXISTS " + signature + ";")};
  const Statement create = keep(Step::CreateRoutines, d.expected->definition + ";");
  if (d.change == Change::Missing || replaces_in_place(d)) return {create};
  return {keep(Step::DropRoutines, "DROP ROUTINE IF EXISTS " + signature + ";"), create};
}

// NO CYCLE is spelled out, so that ALTER SEQUENCE turns cycling off too. An extra one
// may have gone with the table that owned it.
Statements sequence_fix(const Difference& d) {
  if (d.change == Change::Extra)
    return {destroy(Step::DropTypes, "DROP SEQUENCE IF EXISTS " + qualified_name(d) + ";")};
  const Sequence& sequence = std::get<Sequence>(d.expected->detail);
  const std::string verb = d.change == Change::Missing ? "CREATE SEQUENCE " : "ALTER SEQUENCE ";
  Statements out{keep(Step::CreateTypes, verb + qualified_name(d) + sequence_options(sequence) +
                                             (sequence.cycle ? "" : " NO CYCLE") + ";")};
  const std::string had = d.actual ? std::get<Sequence>(d.actual->detail).owned_by : "";
  if (sequence.owned_by != had) {
    out.push_back(keep(Step::OwnSequences, "ALTER SEQUENCE " + qualified_name(d) + " OWNED BY " +
                                               (sequence.owned_by.empty() ? "NONE" : sequence.owned_by) + ";"));
  }
  return out;
}

// A domain's default, NOT NULL and checks can be altered; its base type and collation
// cannot (the domain would have to be made again, with every column that uses it).
Statements domain_change(const Difference& d) {
  const Domain& want = std::get<Domain>(d.expected->detail);
  const Domain& have = std::get<Domain>(d.actual->detail);
  const std::string alter = "ALTER DOMAIN " + qualified_name(d);
  if (want.type != have.type || want.collation != have.collation) {
    return {keep(Step::CreateTypes, "-- devenv cannot alter " + object_label(d) +
                                        ": the base type or collation differs (" + expected_definition(d) +
                                        "); re-create the domain to change it")};
  }
  Statements out;
  const auto add = [&](const std::string& sql) { out.push_back(keep(Step::CreateTypes, sql)); };
  if (want.default_value != have.default_value) {
    add(alter + (want.default_value.empty() ? " DROP DEFAULT;" : " SET DEFAULT " + want.default_value + ";"));
  }
  if (want.not_null != have.not_null) add(alter + (want.not_null ? " SET NOT NULL;" : " DROP NOT NULL;"));
  const auto has = [](const Domain& domain, const DomainCheck& check) {
    return std::any_of(domain.checks.begin(), domain.checks.end(), [&](const DomainCheck& c) {
      return c.expression == check.expression && (c.generated ? check.generated : c.name == check.name);
    });
  };
  for (const DomainCheck& check : have.checks) {
    if (!has(want, check)) add(alter + " DROP CONSTRAINT " + quote_postgres_name(check.name) + ";");
  }
  for (const DomainCheck& check : want.checks) {
    if (has(have, check)) continue;
    const std::string name = check.generated ? "" : "CONSTRAINT " + quote_postgres_name(check.name) + " ";
    add(alter + " ADD " + name + check.expression + ";");
  }
  return out;
}

Statements domain_fix(const Difference& d) {
  if (d.change == Change::Extra) return {destroy(Step::DropTypes, "DROP DOMAIN " + qualified_name(d) + ";")};
  if (d.change == Change::Missing) {
    return {keep(Step::CreateTypes, "CREATE DOMAIN " + qualified_name(d) + " AS " +
                                        postgres_domain_clause(std::get<Domain>(d.expected->detail)) + ";")};
  }
  return domain_change(d);
}

// A policy is dropped and made again: ALTER POLICY cannot change its command or kind.
Statements policy_fix(const Difference& d) {
  Statements out;
  if (d.actual) {
    out.push_back(keep(Step::DropTriggers,
                       "DROP POLICY IF EXISTS " + quote_postgres_name(d.name) + " ON " + qualified_table(d) + ";"));
  }
  if (d.expected) {
    out.push_back(keep(Step::CreateTriggers,
                       postgres_create_policy(d.name, qualified_table(d), std::get<Policy>(d.expected->detail))));
  }
  return out;
}

Statements comment_fix(const Difference& d) {
  const Comment& comment = std::get<Comment>((d.expected ? *d.expected : *d.actual).detail);
  return {
      keep(Step::Comments, "COMMENT ON " + comment.target + " IS " + (d.expected ? comment.literal : "NULL") + ";")};
}

Statements extension_fix(const Difference& d) {
  const std::string name = quote_postgres_name(d.name);
  if (d.change == Change::Missing)
    return {keep(Step::CreateNamespaces, "CREATE EXTENSION IF NOT EXISTS " + name + ";")};
  return {destroy(Step::DropNamespaces, "DROP EXTENSION " + name + ";")};
}

Statements schema_fix(const Difference& d) {
  const std::string name = quote_postgres_name(d.name);
  if (d.change == Change::Missing) return {keep(Step::CreateNamespaces, "CREATE SCHEMA IF NOT EXISTS " + name + ";")};
  return {destroy(Step::DropNamespaces, "DROP SCHEMA " + name + " CASCADE;")};
}

}  // namespace

Statements postgres_fix(const Difference& d, const ComparedPair* models) {
  switch (d.kind) {
    case Kind::Column: return column_fix(d);
    case Kind::ColumnOrder: return rebuild_table(d, models);
    case Kind::Index:
    case Kind::ForeignKey:
    case Kind::Check: return constraint_fix(d);
    case Kind::Policy: return policy_fix(d);
    case Kind::TableOption: return option_fix(d);
    case Kind::Table: return table_fix(d, models);
    case Kind::View: return view_fix(d);
    case Kind::Trigger: return trigger_fix(d);
    case Kind::Routine: return routine_fix(d);
    case Kind::Sequence: return sequence_fix(d);
    case Kind::EnumType: return postgres_enum_fix(d, models);
    case Kind::Domain: return domain_fix(d);
    case Kind::Comment: return comment_fix(d);
    case Kind::Extension: return extension_fix(d);
    case Kind::Schema: return schema_fix(d);
    case Kind::Database: return database_fix(d, quote_postgres_name(d.database));
    case Kind::Event:  // MySQL's alone
    case Kind::Fingerprint: break;
  }
  return reset_note(d);
}

bool postgres_column_made_again(const Column& want, const Column& have) {
  return want.generated != have.generated || want.stored != have.stored;
}

bool replaces_in_place(const Difference& d) {
  if (d.change != Change::Changed) return false;
  const Routine& want = std::get<Routine>(d.expected->detail);
  const Routine& have = std::get<Routine>(d.actual->detail);
  return want.kind == have.kind && want.arguments == have.arguments &&
         returns_clause(d.expected->definition) == returns_clause(d.actual->definition);
}

}  // namespace devenv::catalog
