#include <catch2/catch.hpp>

#include "sqltext/identifier.h"

using namespace devenv::sqltext;

TEST_CASE("identifiers: quoting doubles the quote character", "[unit][sql]") {
  CHECK(quote_identifier("plain", Dialect::MySQL) == "`plain`");
  CHECK(quote_identifier("we`ird", Dialect::MySQL) == "`we``ird`");
  CHECK(quote_identifier("plain_1", Dialect::Postgres) == "plain_1");
  CHECK(quote_identifier("Mixed", Dialect::Postgres) == "\"Mixed\"");
  CHECK(quote_identifier("we\"ird", Dialect::Postgres) == "\"we\"\"ird\"");
  for (const char* reserved : {"where", "union", "user", "join", "current_user", "system_user"}) {
    CHECK(quote_identifier(reserved, Dialect::Postgres) == std::string("\"") + reserved + "\"");
  }
  CHECK(quote_identifier("wherever", Dialect::Postgres) == "wherever");
  CHECK(quote_identifier("order", Dialect::Postgres) == "\"order\"");
  CHECK(quote_identifier("1st", Dialect::Postgres) == "\"1st\"");
}

TEST_CASE("identifiers: string literals escape quotes (and backslashes in MySQL)", "[unit][sql]") {
  CHECK(quote_string("it's", Dialect::Postgres) == "'it''s'");
  CHECK(quote_string("a\\b", Dialect::Postgres) == "'a\\b'");
  CHECK(quote_string("a\\b'", Dialect::MySQL) == "'a\\\\b'''");
}

TEST_CASE("identifiers: values unquote, undouble, and fold bare PostgreSQL names", "[unit][sql]") {
  CHECK(identifier_value("`we``ird`", Dialect::MySQL) == "we`ird");
  CHECK(identifier_value("MixedCase", Dialect::MySQL) == "MixedCase");
  CHECK(identifier_value("MixedCase", Dialect::Postgres) == "mixedcase");
  CHECK(identifier_value("\"MixedCase\"", Dialect::Postgres) == "MixedCase");
}
