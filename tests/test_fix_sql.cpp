#include <catch2/catch.hpp>

#include <sstream>

#include "schema/fix_sql.h"

using namespace devenv::schema;

namespace {

Difference column(Change change, const std::string& expected, const std::string& actual) {
  return {"unkey", "table apis", "column", "note", change, expected, actual, "unkey", "apis"};
}

std::string fix(const std::vector<Difference>& differences, devenv::sql::Dialect dialect, bool allow) {
  std::ostringstream out;
  render_fix_sql(out, differences, dialect, allow);
  return out.str();
}

}  // namespace

TEST_CASE("fix-up SQL: destructive statements are commented out unless allowed", "[unit][verify]") {
  const std::vector<Difference> differences = {column(Change::Extra, "", "int"),
                                               column(Change::Missing, "varchar(10) NOT NULL", "")};
  const std::string safe = fix(differences, devenv::sql::Dialect::MySQL, false);
  CHECK_THAT(safe, Catch::Contains("USE `unkey`;"));
  CHECK_THAT(safe, Catch::Contains("-- DESTRUCTIVE (kept out; rerun with --allow-destructive):\n"
                                   "-- ALTER TABLE `apis` DROP COLUMN `note`;"));
  CHECK_THAT(safe, Catch::Contains("\nALTER TABLE `apis` ADD COLUMN `note` varchar(10) NOT NULL;"));
  const std::string allowed = fix(differences, devenv::sql::Dialect::MySQL, true);
  CHECK_THAT(allowed, Catch::Contains("-- DESTRUCTIVE\nALTER TABLE `apis` DROP COLUMN `note`;"));
}

TEST_CASE("fix-up SQL: removals come before additions, options before columns", "[unit][verify]") {
  Difference option{"unkey", "table apis", "option", "COLLATE", Change::Changed, "DEFAULT COLLATE=utf8mb4_bin",
                    "DEFAULT COLLATE=utf8mb4_unicode_ci", "unkey", "apis"};
  const std::string sql = fix({column(Change::Missing, "int", ""), column(Change::Changed, "int", "bigint"), option,
                               column(Change::Extra, "", "int")},
                              devenv::sql::Dialect::MySQL, true);
  const auto drop = sql.find("DROP COLUMN"), collate = sql.find("DEFAULT COLLATE"), modify = sql.find("MODIFY"),
             add = sql.find("ADD COLUMN");
  CHECK(drop < collate);
  CHECK(collate < modify);
  CHECK(modify < add);
}

TEST_CASE("fix-up SQL (PostgreSQL): a changed column becomes the ALTER COLUMN steps it needs", "[unit][verify]") {
  Difference changed{"platform", "table billing.plans", "column", "name", Change::Changed,
                     "character varying(20) DEFAULT 'x'::character varying NOT NULL", "text", "billing", "plans"};
  const std::string sql = fix({changed}, devenv::sql::Dialect::Postgres, false);
  CHECK_THAT(sql, Catch::Contains("\\connect platform"));
  CHECK_THAT(sql, Catch::Contains("ALTER TABLE billing.plans ALTER COLUMN name TYPE character varying(20) USING "
                                  "name::character varying(20);"));
  CHECK_THAT(sql, Catch::Contains("ALTER TABLE billing.plans ALTER COLUMN name SET DEFAULT 'x'::character varying;"));
  CHECK_THAT(sql, Catch::Contains("ALTER TABLE billing.plans ALTER COLUMN name SET NOT NULL;"));
}
