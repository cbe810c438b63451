// The fix's plan from two models (docs/fix-sql.md): the order of its steps, views and
// tables by what they read, and on PostgreSQL what is in the way of a change. The
// real servers' side of it is tests/test_fix_convergence.cpp.
#include <catch2/catch.hpp>

#include <sstream>

#include "catalog/fix_sql.h"
#include "support/schema_parts.h"

using namespace devenv::catalog;
using namespace devenv::test;

namespace {

std::string plan(const Database& expected, const Database& actual, Dialect dialect, bool allow = true) {
  const std::vector<Difference> differences = compare(expected, actual, dialect);
  ComparedModels models;
  models.emplace(actual.name, ComparedPair{expected, actual});
  std::ostringstream out;
  render_fix_sql(out, differences, models, dialect, allow);
  return out.str();
}

// Where `text` is in `sql`; fails the test when it is not there.
std::size_t at(const std::string& sql, const std::string& text) {
  INFO("looking for: " << text << "\nin:\n" << sql);
  const std::size_t found = sql.find(text);
  REQUIRE(found != std::string::npos);
  return found;
}

Database postgres_database() {
  Database database{"app", {}, {}};
  database.namespaces["public"].name = "public";
  return database;
}

Namespace& pg_public(Database& database) { return database.namespaces.at("public"); }

Table table_of(const std::string& name, const std::vector<std::pair<std::string, Column>>& columns, Dialect dialect) {
  Table table;
  table.name = name;
  for (const auto& [column_name, detail] : columns) table.columns.push_back(column(column_name, detail, dialect));
  return table;
}

Element pg_view(const std::string& name, const std::string& query) {
  return view(name, {false, "", query, ""}, Dialect::Postgres);
}

Element foreign_key(const std::string& name, const std::string& definition) {
  return make_element(name, definition, false, ForeignKey{});
}

}  // namespace

TEST_CASE("fix plan: a view is made after the views it reads and dropped before them", "[unit][verify]") {
  Database with = postgres_database(), without = postgres_database();
  pg_public(with).tables["t"] = table_of("t", {{"id", typed("integer")}}, Dialect::Postgres);
  pg_public(without).tables["t"] = pg_public(with).tables["t"];
  // Named so that name order is the wrong order.
  pg_public(with).views["a_report"] = pg_view("a_report", " SELECT b_base.id\n   FROM b_base;");
  pg_public(with).views["b_base"] = pg_view("b_base", " SELECT t.id\n   FROM t;");
  const std::string made = plan(with, without, Dialect::Postgres);
  CHECK(at(made, "CREATE VIEW public.b_base") < at(made, "CREATE VIEW public.a_report"));
  const std::string dropped = plan(without, with, Dialect::Postgres);
  CHECK(at(dropped, "DROP VIEW IF EXISTS public.a_report") < at(dropped, "DROP VIEW IF EXISTS public.b_base"));
}

TEST_CASE("fix plan: a serial column's sequence is made before its table and owned after it", "[unit][verify]") {
  Database want = postgres_database();
  Column id = typed("integer", true);
  id.default_value = "nextval('orders_id_seq'::regclass)";
  pg_public(want).tables["orders"] = table_of("orders", {{"id", id}}, Dialect::Postgres);
  pg_public(want).sequences["orders_id_seq"] =
      sequence("orders_id_seq", {"integer", "1", "1", "1", "2147483647", "1", false, "public.orders.id"});
  const std::string sql = plan(want, postgres_database(), Dialect::Postgres);
  CHECK(at(sql, "CREATE SEQUENCE public.orders_id_seq") < at(sql, "CREATE TABLE public.orders"));
  CHECK(at(sql, "CREATE TABLE public.orders") < at(sql, "ALTER SEQUENCE public.orders_id_seq OWNED BY"));
  CHECK(at(sql, "SET check_function_bodies = false;") < at(sql, "CREATE SEQUENCE"));
}

TEST_CASE("fix plan: new tables with foreign keys to each other get their keys once both exist", "[unit][verify]") {
  Database want = postgres_database();
  Table a = table_of("a", {{"id", typed("integer")}, {"b_id", typed("integer")}}, Dialect::Postgres);
  a.foreign_keys.push_back(foreign_key("a_b_fkey", "FOREIGN KEY (b_id) REFERENCES b(id)"));
  Table b = table_of("b", {{"id", typed("integer")}, {"a_id", typed("integer")}}, Dialect::Postgres);
  b.foreign_keys.push_back(foreign_key("b_a_fkey", "FOREIGN KEY (a_id) REFERENCES a(id)"));
  pg_public(want).tables["a"] = a;
  pg_public(want).tables["b"] = b;
  const std::string sql = plan(want, postgres_database(), Dialect::Postgres);
  const std::size_t last_table = std::max(at(sql, "CREATE TABLE public.a"), at(sql, "CREATE TABLE public.b"));
  CHECK(last_table < at(sql, "ADD CONSTRAINT a_b_fkey"));
  CHECK(last_table < at(sql, "ADD CONSTRAINT b_a_fkey"));
}

TEST_CASE("fix plan (PostgreSQL): a view on a column whose type changes is dropped and made again around it",
          "[unit][verify]") {
  Database want = postgres_database(), have = postgres_database();
  pg_public(want).tables["t"] = table_of("t", {{"amount", typed("bigint")}}, Dialect::Postgres);
  pg_public(have).tables["t"] = table_of("t", {{"amount", typed("integer")}}, Dialect::Postgres);
  for (Database* side : {&want, &have}) {
    pg_public(*side).views["totals"] = pg_view("totals", " SELECT t.amount\n   FROM t;");
    pg_public(*side).views["top"] = pg_view("top", " SELECT totals.amount\n   FROM totals;");
  }
  const std::string sql = plan(want, have, Dialect::Postgres);
  const std::size_t alter = at(sql, "ALTER COLUMN amount TYPE bigint");
  CHECK(at(sql, "DROP VIEW IF EXISTS public.top;") < at(sql, "DROP VIEW IF EXISTS public.totals;"));
  CHECK(at(sql, "DROP VIEW IF EXISTS public.totals;") < alter);
  CHECK(alter < at(sql, "CREATE VIEW public.totals"));
  CHECK(at(sql, "CREATE VIEW public.totals") < at(sql, "CREATE VIEW public.top"));
  CHECK_THAT(sql, Catch::Contains("-- in the way: view public.totals reads t (column t.amount changes type)"));
}

TEST_CASE("fix plan (PostgreSQL): a new column between others makes the table again, with what went with it",
          "[unit][verify]") {
  Database want = postgres_database(), have = postgres_database();
  pg_public(want).tables["t"] =
      table_of("t", {{"id", typed("integer")}, {"middle", typed("text")}, {"last", typed("text")}}, Dialect::Postgres);
  pg_public(have).tables["t"] = table_of("t", {{"id", typed("integer")}, {"last", typed("text")}}, Dialect::Postgres);
  Table child = table_of("child", {{"t_id", typed("integer")}}, Dialect::Postgres);
  child.foreign_keys.push_back(foreign_key("child_t_fkey", "FOREIGN KEY (t_id) REFERENCES t(id)"));
  pg_public(want).tables["child"] = child;
  pg_public(have).tables["child"] = child;

  const std::string sql = plan(want, have, Dialect::Postgres);
  CHECK(at(sql, "DROP TABLE IF EXISTS public.t CASCADE;") < at(sql, "CREATE TABLE public.t ("));
  CHECK(at(sql, "CREATE TABLE public.t (") < at(sql, "ALTER TABLE public.child ADD CONSTRAINT child_t_fkey"));
  CHECK(sql.find("ADD COLUMN middle") == std::string::npos);  // the new table has it

  const std::string kept = plan(want, have, Dialect::Postgres, false);
  CHECK_THAT(kept, Catch::Contains("-- DESTRUCTIVE (kept out; rerun with --allow-destructive):\n"
                                   "-- DROP TABLE IF EXISTS public.t CASCADE;"));
  CHECK_THAT(kept, Catch::Contains("-- kept out with the destructive statement it needs"));
  CHECK_THAT(kept, Catch::Contains("\nALTER TABLE public.t ADD COLUMN middle text;"));  // still runs
}

TEST_CASE("fix plan (PostgreSQL): an enum type losing a label is made again, its columns converted", "[unit][verify]") {
  Database want = postgres_database(), have = postgres_database();
  pg_public(want).types["status"] = enum_type("status", {"'new'", "'done'"});
  pg_public(have).types["status"] = enum_type("status", {"'new'", "'gone'", "'done'"});
  Column state = typed("status");
  state.default_value = "'new'::status";
  for (Database* side : {&want, &have})
    pg_public(*side).tables["jobs"] = table_of("jobs", {{"state", state}}, Dialect::Postgres);
  const std::string sql = plan(want, have, Dialect::Postgres);
  const std::size_t rename = at(sql, "ALTER TYPE public.status RENAME TO status__devenv_old;");
  CHECK(rename < at(sql, "CREATE TYPE public.status AS ENUM ('new', 'done');"));
  CHECK(at(sql, "ALTER TABLE public.jobs ALTER COLUMN state DROP DEFAULT;") <
        at(sql, "ALTER TABLE public.jobs ALTER COLUMN state TYPE public.status USING state::text::public.status;"));
  CHECK(at(sql, "USING state::text::public.status;") <
        at(sql, "ALTER TABLE public.jobs ALTER COLUMN state SET DEFAULT 'new'::status;"));
  CHECK(at(sql, "SET DEFAULT 'new'::status;") < at(sql, "DROP TYPE public.status__devenv_old;"));
  CHECK_THAT(plan(want, have, Dialect::Postgres, false),
             Catch::Contains("-- DESTRUCTIVE (kept out; rerun with --allow-destructive):\n"
                             "-- ALTER TYPE public.status RENAME TO status__devenv_old;"));
}

TEST_CASE("fix plan (MySQL): a foreign key holding a retyped column is dropped and added around it", "[unit][verify]") {
  Database want{"shop", {}, {}}, have{"shop", {}, {}};
  for (Database* side : {&want, &have}) side->namespaces["shop"].name = "shop";
  const auto tables = [](Database& side, const std::string& type) {
    side.namespaces["shop"].tables["owners"] = table_of("owners", {{"id", typed(type, true)}}, Dialect::MySQL);
    Table accounts = table_of("accounts", {{"owner", typed(type)}}, Dialect::MySQL);
    accounts.foreign_keys.push_back(foreign_key("acc_owner", "FOREIGN KEY (`owner`) REFERENCES `owners` (`id`)"));
    side.namespaces["shop"].tables["accounts"] = accounts;
  };
  tables(want, "bigint");
  tables(have, "int");
  const std::string sql = plan(want, have, Dialect::MySQL);
  const std::size_t drop = at(sql, "ALTER TABLE `accounts` DROP FOREIGN KEY `acc_owner`;");
  CHECK(drop < at(sql, "ALTER TABLE `owners` MODIFY COLUMN `id` bigint NOT NULL;"));
  CHECK(drop < at(sql, "ALTER TABLE `accounts` MODIFY COLUMN `owner` bigint;"));
  CHECK(at(sql, "MODIFY COLUMN `owner` bigint;") <
        at(sql, "ADD CONSTRAINT `acc_owner` FOREIGN KEY (`owner`) REFERENCES `owners` (`id`);"));
  CHECK(at(sql, "SET FOREIGN_KEY_CHECKS = 0;") < drop);
}

TEST_CASE("fix plan (MySQL): AUTO_INCREMENT comes once its key exists, and goes before it", "[unit][verify]") {
  Database want{"shop", {}, {}}, have{"shop", {}, {}};
  for (Database* side : {&want, &have}) side->namespaces["shop"].name = "shop";
  Column counting = typed("int", true);
  counting.auto_increment = true;
  Table pets = table_of("pets", {{"id", counting}}, Dialect::MySQL);
  pets.indexes.push_back(index("PRIMARY", {IndexKind::Primary, false, false, "(`id`)"}, Dialect::MySQL, true));
  want.namespaces["shop"].tables["pets"] = pets;
  have.namespaces["shop"].tables["pets"] = table_of("pets", {{"name", typed("text")}}, Dialect::MySQL);
  const std::string sql = plan(want, have, Dialect::MySQL);
  CHECK(at(sql, "ADD COLUMN `id` int NOT NULL FIRST;") < at(sql, "ADD PRIMARY KEY (`id`);"));
  CHECK(at(sql, "ADD PRIMARY KEY (`id`);") < at(sql, "MODIFY COLUMN `id` int NOT NULL AUTO_INCREMENT;"));

  const std::string back = plan(have, want, Dialect::MySQL);
  CHECK(back.find("MODIFY COLUMN `id`") == std::string::npos);  // dropped whole
  Database plain = want;
  plain.namespaces["shop"].tables["pets"] = table_of("pets", {{"id", typed("int", true)}}, Dialect::MySQL);
  const std::string stops = plan(plain, want, Dialect::MySQL);
  CHECK(at(stops, "MODIFY COLUMN `id` int NOT NULL;") < at(stops, "DROP PRIMARY KEY;"));
}

TEST_CASE("fix plan (MySQL): a table's column changes are one ALTER TABLE (a FULLTEXT index's columns change together)",
          "[unit][verify]") {
  Database want{"forum", {}, {}}, have{"forum", {}, {}};
  for (Database* side : {&want, &have}) side->namespaces["forum"].name = "forum";
  const auto posts = [](const std::string& collation) {
    Column subject = typed("varchar(255)", true), body = typed("text", true);
    subject.collation = body.collation = collation;
    return table_of("posts", {{"subject", subject}, {"body", body}}, Dialect::MySQL);
  };
  want.namespaces["forum"].tables["posts"] = posts("CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci");
  have.namespaces["forum"].tables["posts"] = posts("CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci");
  const std::string sql = plan(want, have, Dialect::MySQL);
  CHECK_THAT(sql, Catch::Contains("ALTER TABLE `posts` MODIFY COLUMN `subject` varchar(255) CHARACTER SET utf8mb4 "
                                  "COLLATE utf8mb4_unicode_ci NOT NULL, MODIFY COLUMN `body` text CHARACTER SET "
                                  "utf8mb4 COLLATE utf8mb4_unicode_ci NOT NULL;"));
}

TEST_CASE("fix plan: reserved words and odd names are quoted in every statement the plan adds", "[unit][verify]") {
  // PostgreSQL: a view on a retyped column of table "order", made again around it.
  Database want = postgres_database(), have = postgres_database();
  pg_public(want).tables["order"] = table_of("order", {{"group", typed("bigint")}}, Dialect::Postgres);
  pg_public(have).tables["order"] = table_of("order", {{"group", typed("integer")}}, Dialect::Postgres);
  for (Database* side : {&want, &have}) {
    pg_public(*side).views["select"] = pg_view("select", " SELECT \"order\".\"group\"\n   FROM \"order\";");
  }
  const std::string sql = plan(want, have, Dialect::Postgres);
  CHECK(at(sql, "DROP VIEW IF EXISTS public.\"select\";") <
        at(sql, "ALTER TABLE public.\"order\" ALTER COLUMN \"group\" TYPE bigint USING \"group\"::text::bigint;"));
  CHECK(at(sql, "USING \"group\"::text::bigint;") < at(sql, "CREATE VIEW public.\"select\" AS"));

  // MySQL: a foreign key on a retyped column of table `order`, dropped and added around it.
  Database mine{"shop", {}, {}}, theirs{"shop", {}, {}};
  for (Database* side : {&mine, &theirs}) side->namespaces["shop"].name = "shop";
  const auto tables = [](Database& side, const std::string& type) {
    side.namespaces["shop"].tables["group"] = table_of("group", {{"key", typed(type, true)}}, Dialect::MySQL);
    Table order = table_of("order", {{"key", typed(type)}}, Dialect::MySQL);
    order.foreign_keys.push_back(foreign_key("in`dex", "FOREIGN KEY (`key`) REFERENCES `group` (`key`)"));
    side.namespaces["shop"].tables["order"] = order;
  };
  tables(mine, "bigint");
  tables(theirs, "int");
  const std::string mysql = plan(mine, theirs, Dialect::MySQL);
  CHECK_THAT(mysql, Catch::Contains("ALTER TABLE `order` DROP FOREIGN KEY `in``dex`;"));
  CHECK_THAT(mysql, Catch::Contains("ALTER TABLE `group` MODIFY COLUMN `key` bigint NOT NULL;"));
}
