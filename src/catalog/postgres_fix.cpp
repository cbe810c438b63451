// The fix-up SQL of PostgreSQL: ALTER TABLE … ALTER COLUMN step by step, constraints
// and indexes dropped and added, COMMENT ON for comments, and for what cannot be
// altered (an enum label's removal, a generation expression) what can be done.
#include <algorithm>

#include "catalog/definition.h"
#include "catalog/fix_writer.h"
#include "catalog/postgres_ddl.h"

namespace devenv::catalog {
namespace {

std::string qualified_table(const Difference& d) { return postgres_qualified(d.space, d.table); }
std::string qualified_name(const Difference& d) { return postgres_qualified(d.space, d.name); }

Statement alter_table(const Difference& d, const std::string& change) {
  return keep("ALTER TABLE " + qualified_table(d) + " " + change + ";");
}

// ADD COLUMN cannot say the comment: COMMENT ON follows.
Statements add_column(const Difference& d, const Column& column) {
  const std::string name = quote_postgres_name(d.name);
  Statements out{alter_table(d, "ADD COLUMN " + name + " " + postgres_column_clause(column))};
  if (!column.comment.empty())
    out.push_back(keep(comment_on("COLUMN", qualified_table(d) + "." + name, column.comment)));
  return out;
}

Statement drop_column(const Difference& d) {
  return destroy("ALTER TABLE " + qualified_table(d) + " DROP COLUMN " + quote_postgres_name(d.name) + ";");
}

// A generation expression cannot be altered in place: the column is made again.
Statements recreate_column(const Difference& d, const Column& want) {
  Statements out{drop_column(d)};
  for (Statement statement : add_column(d, want)) out.push_back(destroy(std::move(statement.sql)));
  return out;
}

Statements type_change(const std::string& alter, const std::string& name, const Column& want, const Column& have) {
  if (want.type == have.type && want.collation == have.collation) return {};
  const std::string collated = want.type + (want.collation.empty() ? "" : " " + want.collation);
  return {keep(alter + " TYPE " + collated + " USING " + name + "::" + want.type + ";")};
}

// Every option is set, so that one going back to its default is set too.
Statement identity_options_change(const std::string& alter, const Sequence& want) {
  return keep(alter + " SET START WITH " + want.start + " SET INCREMENT BY " + want.increment + " SET MINVALUE " +
              want.min + " SET MAXVALUE " + want.max + " SET CACHE " + want.cache +
              (want.cycle ? " SET CYCLE;" : " SET NO CYCLE;"));
}

Statements identity_change(const std::string& alter, const Column& want, const Column& have) {
  if (want.identity == have.identity) {
    if (want.identity.empty() || identity_options(want) == identity_options(have)) return {};
    return {identity_options_change(alter, want.identity_sequence)};
  }
  if (want.identity.empty()) return {keep(alter + " DROP IDENTITY;")};
  if (have.identity.empty()) {
    const std::string options = identity_options(want);
    return {keep(alter + " ADD GENERATED " + want.identity + " AS IDENTITY" +
                 (options.empty() ? "" : " (" + options + ")") + ";")};
  }
  return {keep(alter + " SET GENERATED " + want.identity + ";")};
}

Statements default_change(const std::string& alter, const Column& want, const Column& have) {
  if (want.default_value == have.default_value) return {};
  if (want.default_value.empty()) return {keep(alter + " DROP DEFAULT;")};
  return {keep(alter + " SET DEFAULT " + want.default_value + ";")};
}

// The steps from the column the database has to the one the schema files make.
Statements column_change(const Difference& d) {
  const Column& want = std::get<Column>(d.expected->detail);
  const Column& have = std::get<Column>(d.actual->detail);
  if (want.generated != have.generated || want.stored != have.stored) return recreate_column(d, want);
  const std::string name = quote_postgres_name(d.name);
  const std::string alter = "ALTER TABLE " + qualified_table(d) + " ALTER COLUMN " + name;
  Statements out;
  for (Statements steps :
       {type_change(alter, name, want, have), identity_change(alter, want, have), default_change(alter, want, have)}) {
    out.insert(out.end(), steps.begin(), steps.end());
  }
  if (want.not_null != have.not_null)
    out.push_back(keep(alter + (want.not_null ? " SET NOT NULL;" : " DROP NOT NULL;")));
  if (want.comment != have.comment)
    out.push_back(keep(comment_on("COLUMN", qualified_table(d) + "." + name, want.comment)));
  return out;
}

// PostgreSQL cannot move a column (ADD COLUMN always appends). The only repair is to
// make the table again, which drops its rows and, through CASCADE, what depends on it
// (the next verify lists those, and its fix-up SQL adds them back): offered only with
// --allow-destructive.
Statements column_order_fix(const Difference& d) {
  return {keep("-- PostgreSQL cannot reorder columns: " + qualified_table(d) + " has " + actual_definition(d) +
               ", the schema files say " + expected_definition(d)),
          destroy("DROP TABLE " + qualified_table(d) + " CASCADE;"),
          destroy(std::get<ColumnOrder>(d.expected->detail).rebuild)};
}

Statements column_fix(const Difference& d) {
  switch (d.change) {
    case Change::Missing: return add_column(d, std::get<Column>(d.expected->detail));
    case Change::Extra: return {drop_column(d)};
    case Change::Changed: break;
  }
  return column_change(d);
}

// Indexes of CREATE INDEX are dropped and made by name; the others are constraints.
bool plain_index(const Difference& d, const Element& element) {
  return d.kind == Kind::Index && is_plain_index(element);
}

Statement drop_constraint_or_index(const Difference& d, const Element& element) {
  if (plain_index(d, element)) return keep("DROP INDEX " + qualified_name(d) + ";");
  return alter_table(d, "DROP CONSTRAINT " + quote_postgres_name(d.name));
}

Statement add_constraint_or_index(const Difference& d, const Element& element) {
  if (plain_index(d, element)) return keep(create_index(qualified_table(d), element));
  return alter_table(d, "ADD CONSTRAINT " + quote_postgres_name(d.name) + " " + element.definition);
}

Statements constraint_fix(const Difference& d) {
  if (d.change == Change::Extra) return {drop_constraint_or_index(d, *d.actual)};
  if (d.change == Change::Missing) return {add_constraint_or_index(d, *d.expected)};
  return {drop_constraint_or_index(d, *d.actual), add_constraint_or_index(d, *d.expected)};
}

// The comment and row-level security can be set in place; the rest is how the table
// was made.
Statements option_fix(const Difference& d) {
  if (d.name == "COMMENT") {
    const std::string literal = d.expected ? std::get<TableOption>(d.expected->detail).value : "";
    return {keep(comment_on("TABLE", qualified_table(d), literal))};
  }
  if (d.name == "ROW LEVEL SECURITY") {
    return {alter_table(d, d.expected ? "ENABLE ROW LEVEL SECURITY" : "DISABLE ROW LEVEL SECURITY")};
  }
  if (d.name == "FORCE ROW LEVEL SECURITY") {
    return {alter_table(d, d.expected ? "FORCE ROW LEVEL SECURITY" : "NO FORCE ROW LEVEL SECURITY")};
  }
  return {keep("-- " + object_label(d) + ": " + d.name + " differs (" + expected_definition(d) +
               "); re-create the table to change it")};
}

Statements table_fix(const Difference& d) {
  if (d.change == Change::Missing) return {keep(d.expected->definition)};
  return {destroy("DROP TABLE " + qualified_table(d) + ";")};
}

Statements view_fix(const Difference& d) {
  if (d.change == Change::Extra) return {keep("DROP VIEW " + qualified_name(d) + ";")};
  const View& view = std::get<View>(d.expected->detail);
  const std::string drop = view.materialized ? "DROP MATERIALIZED VIEW IF EXISTS " : "DROP VIEW IF EXISTS ";
  return {keep(drop + qualified_name(d) + ";"), keep(postgres_create_view(qualified_name(d), view))};
}

Statements trigger_fix(const Difference& d) {
  const Trigger& trigger = std::get<Trigger>((d.expected ? *d.expected : *d.actual).detail);
  Statements out{keep("DROP TRIGGER IF EXISTS " + quote_postgres_name(trigger.name) + " ON " +
                      postgres_qualified(d.space, trigger.table) + ";")};
  if (d.expected) out.push_back(keep(postgres_create_trigger(d.space, std::get<Trigger>(d.expected->detail))));
  return out;
}

// A routine is named by its name and argument types.
Statements routine_fix(const Difference& d) {
  const Routine& routine = std::get<Routine>((d.expected ? *d.expected : *d.actual).detail);
  const std::string signature = postgres_qualified(d.space, routine.name) + "(" + routine.arguments + ")";
  if (d.change == Change::Extra) return {keep("DROP ROUTINE " + signature + ";")};
  return {keep("DROP ROUTINE IF EXISTS " + signature + ";"), keep(d.expected->definition + ";")};
}

// NO CYCLE is spelled out, so that ALTER SEQUENCE turns cycling off too.
Statements sequence_fix(const Difference& d) {
  if (d.change == Change::Extra) return {destroy("DROP SEQUENCE " + qualified_name(d) + ";")};
  const Sequence& sequence = std::get<Sequence>(d.expected->detail);
  const std::string verb = d.change == Change::Missing ? "CREATE SEQUENCE " : "ALTER SEQUENCE ";
  Statements out{
      keep(verb + qualified_name(d) + sequence_options(sequence) + (sequence.cycle ? "" : " NO CYCLE") + ";")};
  const std::string had = d.actual ? std::get<Sequence>(d.actual->detail).owned_by : "";
  if (sequence.owned_by != had) {
    out.push_back(keep("ALTER SEQUENCE " + qualified_name(d) + " OWNED BY " +
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
    return {keep("-- " + object_label(d) + ": the base type or collation differs (" + expected_definition(d) +
                 "); re-create the domain to change it")};
  }
  Statements out;
  if (want.default_value != have.default_value) {
    out.push_back(
        keep(alter + (want.default_value.empty() ? " DROP DEFAULT;" : " SET DEFAULT " + want.default_value + ";")));
  }
  if (want.not_null != have.not_null)
    out.push_back(keep(alter + (want.not_null ? " SET NOT NULL;" : " DROP NOT NULL;")));
  const auto has = [](const Domain& domain, const DomainCheck& check) {
    return std::any_of(domain.checks.begin(), domain.checks.end(), [&](const DomainCheck& c) {
      return c.expression == check.expression && (c.generated ? check.generated : c.name == check.name);
    });
  };
  for (const DomainCheck& check : have.checks) {
    if (!has(want, check)) out.push_back(keep(alter + " DROP CONSTRAINT " + quote_postgres_name(check.name) + ";"));
  }
  for (const DomainCheck& check : want.checks) {
    if (has(have, check)) continue;
    const std::string name = check.generated ? "" : "CONSTRAINT " + quote_postgres_name(check.name) + " ";
    out.push_back(keep(alter + " ADD " + name + check.expression + ";"));
  }
  return out;
}

Statements domain_fix(const Difference& d) {
  if (d.change == Change::Extra) return {destroy("DROP DOMAIN " + qualified_name(d) + ";")};
  if (d.change == Change::Missing) {
    return {keep("CREATE DOMAIN " + qualified_name(d) + " AS " +
                 postgres_domain_clause(std::get<Domain>(d.expected->detail)) + ";")};
  }
  return domain_change(d);
}

// A policy is dropped and made again: ALTER POLICY cannot change its command or kind.
Statements policy_fix(const Difference& d) {
  Statements out;
  if (d.actual) out.push_back(keep("DROP POLICY " + quote_postgres_name(d.name) + " ON " + qualified_table(d) + ";"));
  if (d.expected) {
    out.push_back(keep(postgres_create_policy(d.name, qualified_table(d), std::get<Policy>(d.expected->detail))));
  }
  return out;
}

Statements comment_fix(const Difference& d) {
  const Comment& comment = std::get<Comment>((d.expected ? *d.expected : *d.actual).detail);
  return {keep("COMMENT ON " + comment.target + " IS " + (d.expected ? comment.literal : "NULL") + ";")};
}

bool has_label(const EnumType& type, const std::string& label) {
  return std::find(type.labels.begin(), type.labels.end(), label) != type.labels.end();
}

// Labels can be added to an enum, never removed.
Statements enum_fix(const Difference& d) {
  if (d.change == Change::Extra) return {destroy("DROP TYPE " + qualified_name(d) + ";")};
  if (d.change == Change::Missing)
    return {keep("CREATE TYPE " + qualified_name(d) + " AS " + d.expected->definition + ";")};
  const EnumType& want = std::get<EnumType>(d.expected->detail);
  const EnumType& have = std::get<EnumType>(d.actual->detail);
  Statements out;
  for (const std::string& label : want.labels) {
    if (!has_label(have, label)) out.push_back(keep("ALTER TYPE " + qualified_name(d) + " ADD VALUE " + label + ";"));
  }
  for (const std::string& label : have.labels) {
    if (!has_label(want, label)) {
      out.push_back(
          destroy("-- ALTER TYPE cannot drop " + label + " from " + qualified_name(d) + ": re-create the type"));
    }
  }
  return out;
}

Statements extension_fix(const Difference& d) {
  const std::string name = quote_postgres_name(d.name);
  if (d.change == Change::Missing) return {keep("CREATE EXTENSION IF NOT EXISTS " + name + ";")};
  return {destroy("DROP EXTENSION " + name + ";")};
}

Statements schema_fix(const Difference& d) {
  const std::string name = quote_postgres_name(d.name);
  if (d.change == Change::Missing) return {keep("CREATE SCHEMA " + name + ";")};
  return {destroy("DROP SCHEMA " + name + " CASCADE;")};
}

}  // namespace

Statements postgres_fix(const Difference& d) {
  switch (d.kind) {
    case Kind::Column: return column_fix(d);
    case Kind::ColumnOrder: return column_order_fix(d);
    case Kind::Index:
    case Kind::ForeignKey:
    case Kind::Check: return constraint_fix(d);
    case Kind::Policy: return policy_fix(d);
    case Kind::TableOption: return option_fix(d);
    case Kind::Table: return table_fix(d);
    case Kind::View: return view_fix(d);
    case Kind::Trigger: return trigger_fix(d);
    case Kind::Routine: return routine_fix(d);
    case Kind::Sequence: return sequence_fix(d);
    case Kind::EnumType: return enum_fix(d);
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

}  // namespace devenv::catalog
