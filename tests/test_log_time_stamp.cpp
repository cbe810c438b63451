#include <catch2/catch.hpp>

#include "runtime/log_time_stamp.h"

using devenv::runtime::LineStamper;
using devenv::runtime::split_time_stamp;

TEST_CASE("log time stamps: the servers' own formats become ISO 8601 in front", "[unit][runtime]") {
  // PostgreSQL's default log_line_prefix '%m [%p] '.
  auto postgres = split_time_stamp("2026-12-02 03:44:11.123 UTC [42] LOG:  database system is ready");
  REQUIRE(postgres);
  CHECK(postgres->stamp == "2026-12-02T03:44:11.123Z");
  CHECK(postgres->rest == "[42] LOG:  database system is ready");
  auto zoned = split_time_stamp("2026-12-02 04:44:11.123 CET [42] LOG:  x");
  REQUIRE(zoned);
  CHECK(zoned->stamp == "2026-12-02T04:44:11.123 CET");
  // MariaDB: two spaces before a one-digit hour.
  auto mariadb = split_time_stamp("2026-12-02  3:44:11 0 [Note] Starting MariaDB");
  REQUIRE(mariadb);
  CHECK(mariadb->stamp == "2026-12-02T03:44:11");
  CHECK(mariadb->rest == "0 [Note] Starting MariaDB");
  auto late = split_time_stamp("2026-12-02 13:44:11 0 [Note] x");
  REQUIRE(late);
  CHECK(late->stamp == "2026-12-02T13:44:11");
  CHECK(late->rest == "0 [Note] x");
  // MySQL 8: ISO already.
  auto mysql = split_time_stamp("2026-12-02T03:44:11.123456Z 0 [System] [MY-010116] x");
  REQUIRE(mysql);
  CHECK(mysql->stamp == "2026-12-02T03:44:11.123456Z");
  CHECK(mysql->rest == "0 [System] [MY-010116] x");
  // Not stamps.
  CHECK_FALSE(split_time_stamp("ERROR 1064 (42000) at line 3"));
  CHECK_FALSE(split_time_stamp("2026-12-02 is a date"));
  CHECK_FALSE(split_time_stamp("2026-12-02 03:44"));
  CHECK_FALSE(split_time_stamp(""));
}

TEST_CASE("log time stamps: a line without one gets the last one seen, or blanks", "[unit][runtime]") {
  LineStamper stamper;
  CHECK(stamper.stamp("CREATE TABLE") == std::string(19, ' ') + " CREATE TABLE");
  CHECK(stamper.stamp("2026-12-02  3:44:11 0 [ERROR] x") == "2026-12-02T03:44:11 0 [ERROR] x");
  CHECK(stamper.stamp("\tcontinued") == "2026-12-02T03:44:11 \tcontinued");
}
