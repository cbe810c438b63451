// The differ on hand-made models: what counts as a difference, how parts are
// matched, and how reports print the differences.
#include <catch2/catch.hpp>

#include <sstream>

#include "catalog/differ.h"
#include "catalog/render.h"
#include "support/json_differences.h"
#include "support/schema_parts.h"

using namespace devenv::catalog;
using namespace devenv::test;

namespace {

// A MySQL database: its one namespace has its name.
Database mysql_database(const std::string& name, const std::vector<Table>& tables) {
  Database database{name, {}, {}};
  Namespace& ns = database.namespaces[name];
  ns.name = name;
  for (const Table& table : tables) ns.tables[table.name] = table;
  return database;
}

Table apis() {
  Table table;
  table.name = "apis";
  table.columns = {column("id", typed("bigint", true), Dialect::MySQL),
                   column("name", typed("varchar(256)", true), Dialect::MySQL)};
  table.indexes = {index("PRIMARY", {IndexKind::Primary, false, false, "(`id`)"}, Dialect::MySQL)};
  table.options = {option("ENGINE", "InnoDB", Dialect::MySQL)};
  return table;
}

Database platform() {
  Database database{"platform", {}, {}};
  Namespace& billing = database.namespaces["billing"];
  billing.name = "billing";
  Table plans;
  plans.name = "plans";
  plans.columns = {column("id", typed("integer", true), Dialect::Postgres)};
  billing.tables["plans"] = plans;
  billing.types["status"] = enum_type("status", {"'open'", "'paid'"});
  billing.views["open_plans"] =
      view("open_plans", {false, "", " SELECT plans.id\n   FROM billing.plans;", ""}, Dialect::Postgres);
  database.namespaces["public"].name = "public";
  return database;
}

std::string text_of(const std::vector<Difference>& differences) {
  std::ostringstream out;
  render_text(out, differences, false);
  return out.str();
}

std::string json_of(const std::vector<Difference>& differences) {
  std::ostringstream out;
  render_json(out, differences);
  return out.str();
}

}  // namespace

TEST_CASE("differ: equal models have no differences", "[unit][verify]") {
  CHECK(compare(mysql_database("unkey", {apis()}), mysql_database("unkey", {apis()}), Dialect::MySQL).empty());
  CHECK(compare(platform(), platform(), Dialect::Postgres).empty());
}

TEST_CASE("differ: columns missing, extra and changed, in the table's MySQL label", "[unit][verify]") {
  Table live = apis();
  live.columns[1] = column("name", typed("varchar(100)"), Dialect::MySQL);
  live.columns.push_back(column("added", typed("int"), Dialect::MySQL));
  Table expected = apis();
  expected.columns.push_back(column("note", typed("text"), Dialect::MySQL));
  const auto differences =
      compare(mysql_database("unkey", {expected}), mysql_database("unkey", {live}), Dialect::MySQL);
  REQUIRE(differences.size() == 3);
  CHECK(differences[0].kind == Kind::Column);
  CHECK(differences[0].change == Change::Changed);
  CHECK(object_label(differences[0]) == "table apis");
  CHECK(part_name(differences[0]) == "name");
  CHECK(expected_definition(differences[0]) == "varchar(256) NOT NULL");
  CHECK(actual_definition(differences[0]) == "varchar(100)");
  CHECK(std::get<Column>(differences[0].actual->detail).type == "varchar(100)");
  CHECK((differences[1].change == Change::Missing && differences[1].name == "note" && !differences[1].actual));
  CHECK((differences[2].change == Change::Extra && differences[2].name == "added" && !differences[2].expected));
  CHECK((differences[2].database == "unkey" && differences[2].space == "unkey" && differences[2].table == "apis"));
}

TEST_CASE("differ: indexes with generated names are matched by definition", "[unit][verify]") {
  Table expected = apis(), live = apis();
  expected.indexes.push_back(index("name", {IndexKind::Plain, false, false, "(`name`)"}, Dialect::MySQL, true));
  live.indexes.push_back(index("name_2", {IndexKind::Plain, false, false, "(`name`)"}, Dialect::MySQL, true));
  CHECK(compare(mysql_database("unkey", {expected}), mysql_database("unkey", {live}), Dialect::MySQL).empty());

  live.indexes.back() = index("name", {IndexKind::Unique, false, false, "(`name`)"}, Dialect::MySQL, true);
  const auto differences =
      compare(mysql_database("unkey", {expected}), mysql_database("unkey", {live}), Dialect::MySQL);
  REQUIRE(differences.size() == 2);  // another definition is another index
  CHECK((differences[0].kind == Kind::Index && differences[0].change == Change::Missing));
  CHECK(expected_definition(differences[0]) == "KEY (`name`)");
  CHECK((differences[1].change == Change::Extra && actual_definition(differences[1]) == "UNIQUE KEY (`name`)"));

  // A name the user chose is matched by name: a changed definition is a change.
  expected.indexes.back() = index("name_idx", {IndexKind::Plain, false, false, "(`name`)"}, Dialect::MySQL);
  live.indexes.back() = index("name_idx", {IndexKind::Plain, false, false, "(`name`,`id`)"}, Dialect::MySQL);
  const auto changed = compare(mysql_database("unkey", {expected}), mysql_database("unkey", {live}), Dialect::MySQL);
  REQUIRE(changed.size() == 1);
  CHECK((changed[0].change == Change::Changed && changed[0].name == "name_idx"));
}

TEST_CASE("differ: tables missing and extra", "[unit][verify]") {
  Table audit = apis();
  audit.name = "audit";
  const auto differences = compare(mysql_database("unkey", {apis()}), mysql_database("unkey", {audit}), Dialect::MySQL);
  REQUIRE(differences.size() == 2);
  CHECK((differences[0].kind == Kind::Table && differences[0].change == Change::Missing));
  CHECK(object_label(differences[0]) == "table apis");
  CHECK(part_name(differences[0]).empty());
  CHECK(expected_definition(differences[0]) ==
        "CREATE TABLE `apis` (\n  `id` bigint NOT NULL,\n  `name` varchar(256) NOT NULL,\n  PRIMARY KEY (`id`)\n) "
        "ENGINE=InnoDB;\n");
  CHECK((differences[1].change == Change::Extra && differences[1].table == "audit"));
  CHECK(actual_definition(differences[1]) == "2 columns, 1 indexes");
}

TEST_CASE("differ: views, enum types, routines and comments, qualified by their schema", "[unit][verify]") {
  Database live = platform();
  Namespace& billing = live.namespaces["billing"];
  billing.views["open_plans"] =
      view("open_plans", {true, "", " SELECT plans.id\n   FROM billing.plans;", ""}, Dialect::Postgres);
  billing.types["status"] = enum_type("status", {"'open'", "'paid'", "'void'"});
  billing.routines["touch()"] = make_element("touch()", "CREATE OR REPLACE FUNCTION billing.touch() …", false,
                                             Routine{"FUNCTION", "touch", "", ""});
  billing.tables["plans"].options.push_back(option("COMMENT", "'plans'", Dialect::Postgres));
  Column commented = typed("integer", true);
  commented.comment = "'the id'";
  billing.tables["plans"].columns[0] = column("id", commented, Dialect::Postgres);
  const auto differences = compare(platform(), live, Dialect::Postgres);
  REQUIRE(differences.size() == 5);
  CHECK((differences[0].kind == Kind::Column && object_label(differences[0]) == "table billing.plans"));
  CHECK(actual_definition(differences[0]) == "integer NOT NULL COMMENT 'the id'");
  CHECK((differences[1].kind == Kind::TableOption && differences[1].change == Change::Extra));
  CHECK(actual_definition(differences[1]) == "COMMENT 'plans'");
  CHECK((differences[2].kind == Kind::View && object_label(differences[2]) == "view billing.open_plans"));
  CHECK(actual_definition(differences[2]) == "MATERIALIZED VIEW AS\n SELECT plans.id\n   FROM billing.plans;");
  CHECK((differences[3].kind == Kind::Routine && differences[3].change == Change::Extra));
  CHECK(object_label(differences[3]) == "routine billing.touch()");
  CHECK((differences[4].kind == Kind::EnumType && object_label(differences[4]) == "type billing.status"));
  CHECK(expected_definition(differences[4]) == "ENUM ('open', 'paid')");
  CHECK(std::get<EnumType>(differences[4].actual->detail).labels.size() == 3);
}

TEST_CASE("differ: schemas and extensions missing and extra", "[unit][verify]") {
  Database live = platform();
  live.namespaces.erase("public");
  live.namespaces["stray"].name = "stray";
  live.extensions["pgcrypto"] = make_element("pgcrypto", "EXTENSION pgcrypto", false);
  const auto differences = compare(platform(), live, Dialect::Postgres);
  REQUIRE(differences.size() == 3);
  CHECK((differences[0].kind == Kind::Schema && differences[0].change == Change::Missing));
  CHECK(object_label(differences[0]) == "schema public");
  CHECK(expected_definition(differences[0]) == "SCHEMA public");
  CHECK((object_label(differences[1]) == "schema stray" && differences[1].change == Change::Extra));
  CHECK((differences[2].kind == Kind::Extension && object_label(differences[2]) == "extension pgcrypto"));
}

TEST_CASE("differ: what a missing schema holds is missing too, so that a fix makes it", "[unit][verify]") {
  Database live = platform();
  live.namespaces.erase("billing");
  const auto differences = compare(platform(), live, Dialect::Postgres);
  REQUIRE(differences.size() == 4);
  CHECK(object_label(differences[0]) == "schema billing");
  CHECK((object_label(differences[1]) == "table billing.plans" && differences[1].change == Change::Missing));
  CHECK((object_label(differences[2]) == "view billing.open_plans" && differences[2].change == Change::Missing));
  CHECK((object_label(differences[3]) == "type billing.status" && differences[3].change == Change::Missing));
}

TEST_CASE("differ: shadow names are renamed in definitions and details alike", "[unit][verify]") {
  Database shadow = mysql_database("_devenv_shadow_1", {apis()});
  shadow.namespaces["_devenv_shadow_1"].views["v"] =
      view("v", {false, "DEFINER", "select `_devenv_shadow_1`.`apis`.`id` AS `id` from `_devenv_shadow_1`.`apis`", ""},
           Dialect::MySQL);
  rename_references(shadow, "_devenv_shadow_1", "unkey", Dialect::MySQL);
  const Element& renamed = shadow.namespaces.at("unkey").views.at("v");
  CHECK(renamed.definition == "SQL SECURITY DEFINER VIEW AS select `unkey`.`apis`.`id` AS `id` from `unkey`.`apis`");
  CHECK(std::get<View>(renamed.detail).body == "select `unkey`.`apis`.`id` AS `id` from `unkey`.`apis`");
}

TEST_CASE("differ: a database's name is renamed only where it qualifies a name", "[unit][verify]") {
  Database live = mysql_database("plane", {apis()});
  live.namespaces["plane"].views["v"] = view(
      "v", {false, "DEFINER", "select plane.`plane`.`id` AS `plane` from `plane`.`plane` where 'plane.x' <> ''", ""},
      Dialect::MySQL);
  rename_references(live, "plane", "b.sql", Dialect::MySQL);
  CHECK(std::get<View>(live.namespaces.at("b.sql").views.at("v").detail).body ==
        "select `b.sql`.`plane`.`id` AS `plane` from `b.sql`.`plane` where 'plane.x' <> ''");

  Database platform_db = platform();
  platform_db.name = "plane";
  platform_db.namespaces["plane"].name = "plane";  // a schema named like the database
  rename_references(platform_db, "plane", "plane_derived", Dialect::Postgres);
  CHECK(platform_db.name == "plane_derived");
  CHECK(platform_db.namespaces.count("plane") == 1);
}

TEST_CASE("differ: every kind has its report name", "[unit][verify]") {
  const std::vector<std::pair<Kind, const char*>> names = {
      {Kind::Database, "database"},      {Kind::Schema, "schema"},
      {Kind::Extension, "extension"},    {Kind::Table, "table"},
      {Kind::Column, "column"},          {Kind::Index, "index"},
      {Kind::ForeignKey, "foreign key"}, {Kind::Check, "check"},
      {Kind::TableOption, "option"},     {Kind::View, "view"},
      {Kind::Trigger, "trigger"},        {Kind::Routine, "routine"},
      {Kind::Sequence, "sequence"},      {Kind::EnumType, "type"},
      {Kind::Fingerprint, "fingerprint"}};
  for (const auto& [kind, name] : names) CHECK(std::string(kind_name(kind)) == name);
  CHECK(object_label(missing_database("partition_002")) == "database partition_002");
  CHECK(object_label({Kind::Fingerprint, Change::Changed, "server db", "", "", "", {}, {}}) == "data dir");
  // A PostgreSQL schema named like its database is not repeated, as in MySQL.
  CHECK(object_label({Kind::View, Change::Missing, "app", "app", "", "v", {}, {}}) == "view v");
}

TEST_CASE("render: text groups parts under their object, JSON keeps its shape", "[unit][verify]") {
  Table live = apis();
  live.columns[1] = column("name", typed("varchar(100)"), Dialect::MySQL);
  live.columns.push_back(column("added", typed("int"), Dialect::MySQL));
  std::vector<Difference> differences =
      compare(mysql_database("unkey", {apis()}), mysql_database("unkey", {live}), Dialect::MySQL);
  differences.push_back(extra_database("stray"));
  CHECK(text_of(differences) ==
        "unkey\n"
        "  table apis\n"
        "    ~ column name\n"
        "        expected: varchar(256) NOT NULL\n"
        "        actual:   varchar(100)\n"
        "    - column added\n"
        "        int\n"
        "stray\n"
        "  - database stray\n");
  // diff A B: a fix of A adds what only B has.
  std::ostringstream from_a_to_b;
  render_text(from_a_to_b, differences, false, FixDirection::ExpectedToActual);
  CHECK_THAT(from_a_to_b.str(), Catch::Contains("    + column added\n") && Catch::Contains("  + database stray\n"));
  // A column the schema files have and the database lacks: a fix adds it (green).
  std::ostringstream coloured;
  render_text(coloured, compare(mysql_database("unkey", {live}), mysql_database("unkey", {apis()}), Dialect::MySQL),
              true);
  CHECK_THAT(coloured.str(), Catch::Contains("\033[32m+ column added\033[0m"));
  CHECK_THAT(sign_legend(FixDirection::ActualToExpected), Catch::StartsWith("+ in the schema files"));
  CHECK(devenv::test::flattened_differences(json_of(differences)) ==
        "drift: true\n"
        "\"database\": \"unkey\", \"object\": \"table apis\", \"kind\": \"column\", \"name\": \"name\", \"change\": "
        "\"changed\", \"expected\": \"varchar(256) NOT NULL\", \"actual\": \"varchar(100)\"\n"
        "\"database\": \"unkey\", \"object\": \"table apis\", \"kind\": \"column\", \"name\": \"added\", \"change\": "
        "\"extra\", \"expected\": \"\", \"actual\": \"int\"\n"
        "\"database\": \"stray\", \"object\": \"database stray\", \"kind\": \"database\", \"name\": \"\", \"change\": "
        "\"extra\", \"expected\": \"\", \"actual\": \"DATABASE stray\"\n");
  CHECK(devenv::test::flattened_differences(json_of({})) == "drift: false\n");
}

TEST_CASE("render: a changed view prints both definitions, indented", "[unit][verify]") {
  Database live = platform();
  live.namespaces["billing"].views["open_plans"] = view("open_plans", {false, "", " SELECT 1;", ""}, Dialect::Postgres);
  CHECK(text_of(compare(platform(), live, Dialect::Postgres)) ==
        "platform\n"
        "  ~ view billing.open_plans\n"
        "      expected: VIEW AS\n"
        "                 SELECT plans.id\n"
        "                   FROM billing.plans;\n"
        "      actual:   VIEW AS\n"
        "                 SELECT 1;\n");
}
