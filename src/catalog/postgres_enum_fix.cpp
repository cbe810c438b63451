// PostgreSQL enum types in a fix: labels are added in place where they go (ALTER TYPE
// … ADD VALUE … BEFORE/AFTER); a label removed, renamed or moved needs the type made
// again, the procedure the PostgreSQL documentation gives: the old type renamed aside,
// the new one created, each column that uses it converted through text, the old type
// dropped. A row holding a removed label fails the conversion, so that is destructive.
#include <algorithm>

#include "catalog/postgres_ddl.h"
#include "catalog/postgres_fix.h"

namespace devenv::catalog {
namespace {

bool has_label(const EnumType& type, const std::string& label) {
  return std::find(type.labels.begin(), type.labels.end(), label) != type.labels.end();
}

std::vector<std::string> shared_labels(const EnumType& side, const EnumType& other) {
  std::vector<std::string> out;
  for (const std::string& label : side.labels) {
    if (has_label(other, label)) out.push_back(label);
  }
  return out;
}

// Each missing label goes before the next label the type has by then, else at the end.
Statements add_labels(const std::string& type, const EnumType& want, const EnumType& have) {
  Statements out;
  for (std::size_t i = 0; i < want.labels.size(); ++i) {
    const std::string& label = want.labels[i];
    if (has_label(have, label)) continue;
    std::string place;
    for (std::size_t j = i + 1; j < want.labels.size() && place.empty(); ++j) {
      if (has_label(have, want.labels[j])) place = " BEFORE " + want.labels[j];
    }
    if (place.empty() && i > 0) place = " AFTER " + want.labels[i - 1];
    out.push_back(keep(Step::CreateTypes, "ALTER TYPE " + type + " ADD VALUE " + label + place + ";"));
  }
  return out;
}

// "status__devenv_old", within PostgreSQL's 63 bytes.
std::string aside_name(const std::string& name) {
  const std::string suffix = "__devenv_old";
  return name.substr(0, 63 - suffix.size()) + suffix;
}

const Column* expected_column(const ComparedPair& models, const TypeUse& use) {
  const Table* table = find_table(models.expected, use.space, use.table);
  if (!table) return nullptr;
  for (const Element& column : table->columns) {
    if (column.name == use.column) return &std::get<Column>(column.detail);
  }
  return nullptr;
}

// Its steps: the new type before the tables made now, the columns converted before the
// other column changes (which may set a default of the new type; a table made again
// has it already), the old type dropped once nothing uses it.
Statements recreate(const Difference& d, const ComparedPair& models) {
  const std::string type = postgres_qualified(d.space, d.name);
  const std::string aside = aside_name(d.name);
  const std::string why = "the type is made again";
  const EnumType& want = std::get<EnumType>(d.expected->detail);
  const EnumType& have = std::get<EnumType>(d.actual->detail);
  const bool loses = enum_loses_labels(want, have);
  const auto step = [&](Step at, std::string sql) {
    return loses ? after_destructive(at, std::move(sql), why) : keep(at, std::move(sql));
  };
  Statements out{
      Statement{"ALTER TYPE " + type + " RENAME TO " + quote_postgres_name(aside) + ";", loses, Step::CreateTypes, ""},
      step(Step::CreateTypes, "CREATE TYPE " + type + " AS " + d.expected->definition + ";")};
  for (const TypeUse& use : columns_using_type(models.actual, d.space, d.name)) {
    const std::string alter =
        "ALTER TABLE " + postgres_qualified(use.space, use.table) + " ALTER COLUMN " + quote_postgres_name(use.column);
    const bool array = use.detail.type.size() > 2 && use.detail.type.compare(use.detail.type.size() - 2, 2, "[]") == 0;
    // The default names the old type: it goes first, and comes back as the schema files say.
    if (!use.detail.default_value.empty()) out.push_back(step(Step::AlterTables, alter + " DROP DEFAULT;"));
    out.push_back(step(Step::AlterTables, alter + " TYPE " + type + (array ? "[]" : "") + " USING " +
                                              quote_postgres_name(use.column) + "::text::" + type +
                                              (array ? "[]" : "") + ";"));
    const Column* want = expected_column(models, use);
    if (want && !want->default_value.empty()) {
      out.push_back(step(Step::AlterTables, alter + " SET DEFAULT " + want->default_value + ";"));
    }
  }
  out.push_back(step(Step::DropTypes, "DROP TYPE " + postgres_qualified(d.space, aside) + ";"));
  // Kept out, the new labels still come, so that what uses them applies.
  if (loses) {
    for (Statement statement : add_labels(type, want, have)) {
      out.push_back(instead_of_destructive(Step::CreateTypes, statement.sql));
    }
  }
  return out;
}

std::string unquoted(const std::string& name) {
  if (name.size() < 2 || name.front() != '"') return name;
  std::string out;
  for (std::size_t i = 1; i + 1 < name.size(); ++i) {
    out.push_back(name[i]);
    if (name[i] == '"') ++i;
  }
  return out;
}

// format_type's spelling of a column's type: "status", "billing.status", "\"Status\"[]".
bool names_type(std::string spelled, const std::string& space, const std::string& type) {
  if (spelled.size() > 2 && spelled.compare(spelled.size() - 2, 2, "[]") == 0) spelled.resize(spelled.size() - 2);
  if (spelled == quote_postgres_name(type) || spelled == postgres_qualified(space, type)) return true;
  return unquoted(spelled) == type;
}

}  // namespace

bool enum_loses_labels(const EnumType& want, const EnumType& have) {
  return std::any_of(have.labels.begin(), have.labels.end(),
                     [&](const std::string& label) { return !has_label(want, label); });
}

bool enum_changes_in_place(const EnumType& want, const EnumType& have) {
  for (const std::string& label : have.labels) {
    if (!has_label(want, label)) return false;
  }
  return shared_labels(want, have) == shared_labels(have, want);
}

std::vector<TypeUse> columns_using_type(const Database& database, const std::string& space, const std::string& type) {
  std::vector<TypeUse> out;
  for (const auto& [ns_name, ns] : database.namespaces) {
    for (const auto& [table_name, table] : ns.tables) {
      for (const Element& element : table.columns) {
        const Column& column = std::get<Column>(element.detail);
        if (names_type(column.type, space, type)) out.push_back({ns_name, table_name, element.name, column});
      }
    }
  }
  return out;
}

Statements postgres_enum_fix(const Difference& d, const ComparedPair* models) {
  const std::string type = postgres_qualified(d.space, d.name);
  if (d.change == Change::Extra) return {destroy(Step::DropTypes, "DROP TYPE IF EXISTS " + type + ";")};
  if (d.change == Change::Missing)
    return {keep(Step::CreateTypes, "CREATE TYPE " + type + " AS " + d.expected->definition + ";")};
  const EnumType& want = std::get<EnumType>(d.expected->detail);
  const EnumType& have = std::get<EnumType>(d.actual->detail);
  if (enum_changes_in_place(want, have)) return add_labels(type, want, have);
  if (!models) {
    return {keep(Step::CreateTypes, "-- devenv cannot change " + type +
                                        " in place (a label goes or moves): "
                                        "re-create the type and convert the columns that use it")};
  }
  return recreate(d, *models);
}

}  // namespace devenv::catalog
