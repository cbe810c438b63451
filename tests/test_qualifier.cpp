#include <catch2/catch.hpp>

#include "sqltext/qualifier.h"
#include "sqltext/search_path.h"
#include "sqltext/splitter.h"

using namespace devenv::sqltext;

namespace {

QualifyTarget mysql_target() {
  QualifyTarget target;
  target.dialect = Dialect::MySQL;
  target.database = "app";
  target.database_label = "app";
  target.known_qualifiers = {"app", "other"};
  return target;
}

QualifyTarget pg_target() {
  QualifyTarget target;
  target.dialect = Dialect::Postgres;
  target.database = "platform";
  target.database_label = "platform";
  target.schema = "billing";
  target.known_qualifiers = {"billing", "identity"};
  return target;
}

std::string qualified(std::string_view sql, const QualifyTarget& target, std::string_view database = "app") {
  const auto statements = split(sql, target.dialect, "s.sql");
  REQUIRE(statements.size() == 1);
  return qualify(statements[0], target).render(database);
}

std::string my(std::string_view sql) { return qualified(sql, mysql_target()); }
std::string pg(std::string_view sql) { return qualified(sql, pg_target()); }

SourceLocation error_of(std::string_view sql, const QualifyTarget& target) {
  try {
    qualified(sql, target);
  } catch (const SourceError& e) {
    return e.where();
  }
  FAIL("expected a SourceError for: " << sql);
  return {};
}

}  // namespace

TEST_CASE("qualifier (MySQL): CREATE TABLE forms", "[unit][sql]") {
  CHECK(my("CREATE TABLE t (a int)") == "CREATE TABLE `app`.`t` (a int)");
  CHECK(my("create table if not exists `keys` (a int)") == "create table if not exists `app`.`keys` (a int)");
  CHECK(my("CREATE TEMPORARY TABLE t (a int)") == "CREATE TEMPORARY TABLE `app`.`t` (a int)");
  CHECK(my("CREATE OR REPLACE TABLE t (a int)") == "CREATE OR REPLACE TABLE `app`.`t` (a int)");
  CHECK(my("CREATE TABLE t LIKE u") == "CREATE TABLE `app`.`t` LIKE `app`.`u`");
  CHECK(my("CREATE TABLE t (LIKE u)") == "CREATE TABLE `app`.`t` (LIKE `app`.`u`)");
}

TEST_CASE("qualifier (MySQL): foreign keys, but not other uses of the same words", "[unit][sql]") {
  CHECK(my("CREATE TABLE c (p int, FOREIGN KEY (p) REFERENCES parent (id) ON DELETE CASCADE)") ==
        "CREATE TABLE `app`.`c` (p int, FOREIGN KEY (p) REFERENCES `app`.`parent` (id) ON DELETE CASCADE)");
  CHECK(my("CREATE TABLE c (p int REFERENCES parent(id))") ==
        "CREATE TABLE `app`.`c` (p int REFERENCES `app`.`parent`(id))");
  // LIKE inside a CHECK is an operator, not a table reference.
  CHECK(my("CREATE TABLE t (a varchar(9), CHECK (a LIKE b))") ==
        "CREATE TABLE `app`.`t` (a varchar(9), CHECK (a LIKE b))");
  CHECK(my("ALTER TABLE c ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES parent (id)") ==
        "ALTER TABLE `app`.`c` ADD CONSTRAINT fk FOREIGN KEY (p) REFERENCES `app`.`parent` (id)");
}

TEST_CASE("qualifier (MySQL): names qualified with a declared database stay as written", "[unit][sql]") {
  CHECK(my("CREATE TABLE app.t (a int)") == "CREATE TABLE app.t (a int)");
  CHECK(my("CREATE TABLE t (p int REFERENCES other.parent (id))") ==
        "CREATE TABLE `app`.`t` (p int REFERENCES other.parent (id))");
  CHECK(my("INSERT INTO `other`.`t` VALUES (1)") == "INSERT INTO `other`.`t` VALUES (1)");
}

TEST_CASE("qualifier (MySQL): ALTER, DROP, RENAME, TRUNCATE", "[unit][sql]") {
  CHECK(my("ALTER TABLE t ADD COLUMN b int") == "ALTER TABLE `app`.`t` ADD COLUMN b int");
  CHECK(my("ALTER TABLE t RENAME TO u") == "ALTER TABLE `app`.`t` RENAME TO `app`.`u`");
  CHECK(my("ALTER TABLE t RENAME COLUMN a TO b") == "ALTER TABLE `app`.`t` RENAME COLUMN a TO b");
  CHECK(my("ALTER TABLE t RENAME INDEX a TO b") == "ALTER TABLE `app`.`t` RENAME INDEX a TO b");
  CHECK(my("DROP TABLE IF EXISTS a, `b`") == "DROP TABLE IF EXISTS `app`.`a`, `app`.`b`");
  CHECK(my("RENAME TABLE a TO b, c TO d") == "RENAME TABLE `app`.`a` TO `app`.`b`, `app`.`c` TO `app`.`d`");
  CHECK(my("TRUNCATE TABLE t") == "TRUNCATE TABLE `app`.`t`");
  CHECK(my("TRUNCATE t") == "TRUNCATE `app`.`t`");
}

TEST_CASE("qualifier (MySQL): indexes", "[unit][sql]") {
  CHECK(my("CREATE INDEX i ON t (a)") == "CREATE INDEX i ON `app`.`t` (a)");
  CHECK(my("CREATE UNIQUE INDEX i USING BTREE ON t (a(10))") ==
        "CREATE UNIQUE INDEX i USING BTREE ON `app`.`t` (a(10))");
  CHECK(my("CREATE FULLTEXT INDEX i ON t (body)") == "CREATE FULLTEXT INDEX i ON `app`.`t` (body)");
  CHECK(my("DROP INDEX i ON t") == "DROP INDEX i ON `app`.`t`");
}

TEST_CASE("qualifier (MySQL): views, triggers, routines, events", "[unit][sql]") {
  CHECK(my("CREATE VIEW v AS SELECT * FROM t") == "CREATE VIEW `app`.`v` AS SELECT * FROM t");
  CHECK(my("CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`root`@`%` SQL SECURITY INVOKER VIEW v AS SELECT 1") ==
        "CREATE OR REPLACE ALGORITHM=MERGE DEFINER=`root`@`%` SQL SECURITY INVOKER VIEW `app`.`v` AS SELECT 1");
  CHECK(my("CREATE DEFINER='root'@'localhost' TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = 1") ==
        "CREATE DEFINER='root'@'localhost' TRIGGER `app`.`tr` BEFORE INSERT ON `app`.`t` FOR EACH ROW SET NEW.a = 1");
  CHECK(my("CREATE DEFINER=CURRENT_USER() PROCEDURE p() SELECT 1") ==
        "CREATE DEFINER=CURRENT_USER() PROCEDURE `app`.`p`() SELECT 1");
  CHECK(my("CREATE FUNCTION f(x int) RETURNS int DETERMINISTIC RETURN x") ==
        "CREATE FUNCTION `app`.`f`(x int) RETURNS int DETERMINISTIC RETURN x");
  CHECK(my("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t") ==
        "CREATE EVENT `app`.`e` ON SCHEDULE EVERY 1 DAY DO DELETE FROM t");
  CHECK(my("DROP TRIGGER IF EXISTS tr") == "DROP TRIGGER IF EXISTS `app`.`tr`");
  CHECK(my("DROP PROCEDURE p") == "DROP PROCEDURE `app`.`p`");
}

TEST_CASE("qualifier (MySQL): data statements", "[unit][sql]") {
  CHECK(my("INSERT INTO t (a) VALUES (1)") == "INSERT INTO `app`.`t` (a) VALUES (1)");
  CHECK(my("INSERT IGNORE t VALUES (1)") == "INSERT IGNORE `app`.`t` VALUES (1)");
  CHECK(my("REPLACE INTO t VALUES (1)") == "REPLACE INTO `app`.`t` VALUES (1)");
  CHECK(my("UPDATE LOW_PRIORITY t SET a = 1") == "UPDATE LOW_PRIORITY `app`.`t` SET a = 1");
  CHECK(my("DELETE QUICK FROM t WHERE a = 1") == "DELETE QUICK FROM `app`.`t` WHERE a = 1");
  CHECK(my("SELECT * FROM t") == "SELECT * FROM t");
}

TEST_CASE("qualifier: every other byte stays as written", "[unit][sql]") {
  CHECK(my("-- lead\ncreate  /* c */ TABLE\n\tt ( a INT ) # tail") ==
        "-- lead\ncreate  /* c */ TABLE\n\t`app`.`t` ( a INT ) # tail");
  CHECK(my("CREATE TABLE t (a int) /*!50100 PARTITION BY HASH (a) PARTITIONS 4 */") ==
        "CREATE TABLE `app`.`t` (a int) /*!50100 PARTITION BY HASH (a) PARTITIONS 4 */");
}

TEST_CASE("qualifier: a template is qualified once and rendered per partition", "[unit][sql]") {
  QualifyTarget target = mysql_target();
  target.database.clear();
  target.database_label = "partition_{n:03}";
  const auto statements = split("CREATE TABLE t (p int REFERENCES u (id))", Dialect::MySQL, "p.sql");
  const QualifiedText text = qualify(statements[0], target);
  CHECK(text.render("partition_001") == "CREATE TABLE `partition_001`.`t` (p int REFERENCES `partition_001`.`u` (id))");
  CHECK(text.render("partition_002") == "CREATE TABLE `partition_002`.`t` (p int REFERENCES `partition_002`.`u` (id))");
}

TEST_CASE("qualifier (MySQL): USE and foreign databases are errors with positions", "[unit][sql]") {
  const SourceLocation use = error_of("USE billing", mysql_target());
  CHECK(use.str() == "s.sql:1:1");
  CHECK(error_of("CREATE TABLE t (p int REFERENCES nowhere.parent (id))", mysql_target()).column == 34);
  CHECK(error_of("INSERT INTO  x.t VALUES (1)", mysql_target()).column == 14);
  CHECK(error_of("CREATE DATABASE x", mysql_target()).column == 8);
  CHECK(error_of("DROP SCHEMA x", mysql_target()).column == 6);
  CHECK(my("USE app") == "USE app");  // the target itself is harmless
  QualifyTarget templated = mysql_target();
  templated.database.clear();
  CHECK(error_of("USE app", templated).column == 1);
}

TEST_CASE("qualifier (PostgreSQL): schema-qualified targets", "[unit][sql]") {
  CHECK(pg("CREATE TABLE plans (id text PRIMARY KEY)") == "CREATE TABLE billing.plans (id text PRIMARY KEY)");
  CHECK(pg("CREATE UNLOGGED TABLE IF NOT EXISTS t (a int)") == "CREATE UNLOGGED TABLE IF NOT EXISTS billing.t (a int)");
  CHECK(pg("CREATE TABLE s (o bigint REFERENCES identity.organizations (id), p text REFERENCES plans)") ==
        "CREATE TABLE billing.s (o bigint REFERENCES identity.organizations (id), p text REFERENCES billing.plans)");
  CHECK(pg("CREATE TABLE e_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')") ==
        "CREATE TABLE billing.e_2026 PARTITION OF billing.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");
  CHECK(pg("CREATE TABLE c (LIKE p INCLUDING ALL)") == "CREATE TABLE billing.c (LIKE billing.p INCLUDING ALL)");
  CHECK(pg("CREATE TABLE c () INHERITS (p, q)") == "CREATE TABLE billing.c () INHERITS (billing.p, billing.q)");
}

TEST_CASE("qualifier (PostgreSQL): indexes keep their unqualified names", "[unit][sql]") {
  CHECK(pg("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY t (a) WHERE b IS NULL") ==
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS i ON ONLY billing.t (a) WHERE b IS NULL");
  CHECK(pg("CREATE INDEX ON t USING gin (payload)") == "CREATE INDEX ON billing.t USING gin (payload)");
  CHECK(pg("DROP INDEX IF EXISTS i") == "DROP INDEX IF EXISTS billing.i");
  CHECK(pg("ALTER INDEX i RENAME TO j") == "ALTER INDEX billing.i RENAME TO j");
}

TEST_CASE("qualifier (PostgreSQL): types, sequences, functions, triggers, views, comments", "[unit][sql]") {
  CHECK(pg("CREATE TYPE status AS ENUM ('a', 'b')") == "CREATE TYPE billing.status AS ENUM ('a', 'b')");
  CHECK(pg("CREATE DOMAIN cents AS bigint CHECK (VALUE >= 0)") ==
        "CREATE DOMAIN billing.cents AS bigint CHECK (VALUE >= 0)");
  CHECK(pg("CREATE SEQUENCE IF NOT EXISTS s START 10") == "CREATE SEQUENCE IF NOT EXISTS billing.s START 10");
  CHECK(pg("ALTER SEQUENCE s OWNED BY t.id") == "ALTER SEQUENCE billing.s OWNED BY t.id");
  CHECK(pg("CREATE OR REPLACE FUNCTION f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql") ==
        "CREATE OR REPLACE FUNCTION billing.f() RETURNS trigger AS $$ BEGIN RETURN NEW; END $$ LANGUAGE plpgsql");
  CHECK(pg("CREATE TRIGGER tr BEFORE UPDATE OF a ON t FOR EACH ROW EXECUTE FUNCTION f()") ==
        "CREATE TRIGGER tr BEFORE UPDATE OF a ON billing.t FOR EACH ROW EXECUTE FUNCTION f()");
  CHECK(pg("CREATE MATERIALIZED VIEW mv AS SELECT 1") == "CREATE MATERIALIZED VIEW billing.mv AS SELECT 1");
  CHECK(pg("COMMENT ON TABLE t IS 'x'") == "COMMENT ON TABLE billing.t IS 'x'");
  CHECK(pg("COMMENT ON COLUMN t.c IS 'x'") == "COMMENT ON COLUMN billing.t.c IS 'x'");
  CHECK(pg("COMMENT ON COLUMN identity.t.c IS 'x'") == "COMMENT ON COLUMN identity.t.c IS 'x'");
  CHECK(pg("COMMENT ON CONSTRAINT c ON t IS 'x'") == "COMMENT ON CONSTRAINT c ON billing.t IS 'x'");
  CHECK(pg("COMMENT ON CONSTRAINT c ON DOMAIN d IS 'x'") == "COMMENT ON CONSTRAINT c ON DOMAIN billing.d IS 'x'");
  CHECK(pg("ALTER TABLE ONLY t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES u (id)") ==
        "ALTER TABLE ONLY billing.t ADD CONSTRAINT f FOREIGN KEY (a) REFERENCES billing.u (id)");
  CHECK(pg("ALTER TABLE t RENAME TO u") == "ALTER TABLE billing.t RENAME TO u");
  CHECK(pg("DROP TRIGGER tr ON t") == "DROP TRIGGER tr ON billing.t");
  CHECK(pg("CREATE EXTENSION IF NOT EXISTS pgcrypto") == "CREATE EXTENSION IF NOT EXISTS pgcrypto");
  CHECK(pg("CREATE SCHEMA reports") == "CREATE SCHEMA reports");
  CHECK(pg("INSERT INTO \"Plans\" VALUES (1)") == "INSERT INTO billing.\"Plans\" VALUES (1)");
}

TEST_CASE("qualifier (PostgreSQL): the schema is quoted when it must be", "[unit][sql]") {
  QualifyTarget target = pg_target();
  target.schema = "user";  // a reserved word
  CHECK(qualified("CREATE TABLE t (a int)", target) == "CREATE TABLE \"user\".t (a int)");
}

TEST_CASE("qualifier (PostgreSQL): undeclared schemas and cross-database names are errors", "[unit][sql]") {
  CHECK(error_of("CREATE TABLE t (a int REFERENCES audit.log (id))", pg_target()).column == 34);
  CHECK(error_of("INSERT INTO other.public.t VALUES (1)", pg_target()).column == 13);
  CHECK(error_of("\\connect analytics", pg_target()).column == 1);
  CHECK(error_of("CREATE DATABASE x", pg_target()).column == 8);
  CHECK(pg("SELECT 1") == "SELECT 1");
}

// Found by the fuzzer (tests/fuzz): statements that stop where a name must follow
// read past their last token.
TEST_CASE("qualifier: a statement that ends where a name must follow is an error, not a crash", "[unit][sql]") {
  CHECK(error_of("COMMENT ON COLUMN", pg_target()).line == 1);
  CHECK(error_of("\n\nCOMMENT ON COLUMN", pg_target()).line == 3);
  CHECK_NOTHROW(pg("COMMENT ON TABLE"));
  CHECK_NOTHROW(my("ALTER TABLE"));
  CHECK_NOTHROW(my("CREATE INDEX i ON"));
}

namespace {

// As a verify's shadow load renders it: app → s_app, other → s_other, DEFINER → the account.
std::string shadow_rendered(std::string_view sql) {
  const auto statements = split(sql, Dialect::MySQL, "s.sql");
  REQUIRE(statements.size() == 1);
  ShadowNames names;
  names.target = "s_app";
  names.quoted_databases = {{"app", "`s_app`"}, {"other", "`s_other`"}};
  names.definer = "DEFINER = `acct`@`h`";
  return qualify(statements[0], mysql_target()).render(names);
}

}  // namespace

TEST_CASE("qualifier (MySQL): declared databases and DEFINER stay as written in init scripts", "[unit][sql]") {
  CHECK(my("INSERT INTO other.t VALUES (3)") == "INSERT INTO other.t VALUES (3)");
  CHECK(my("CREATE DEFINER=`someone`@`%` VIEW v AS SELECT * FROM `other`.t") ==
        "CREATE DEFINER=`someone`@`%` VIEW `app`.`v` AS SELECT * FROM `other`.t");
  CHECK(my("USE app") == "USE app");
}

TEST_CASE("qualifier (MySQL): a shadow load maps every declared database and the DEFINER", "[unit][sql]") {
  CHECK(shadow_rendered("INSERT INTO other.t VALUES (3)") == "INSERT INTO `s_other`.t VALUES (3)");
  CHECK(shadow_rendered("DROP TABLE IF EXISTS `other`.t, app.u") == "DROP TABLE IF EXISTS `s_other`.t, `s_app`.u");
  CHECK(shadow_rendered("USE app") == "USE `s_app`");
  // Bodies too: names the qualifier's grammar does not walk.
  CHECK(shadow_rendered("CREATE DEFINER = 'someone'@'%' TRIGGER g AFTER INSERT ON t FOR EACH ROW "
                        "INSERT INTO other.log SELECT * FROM other . t") ==
        "CREATE DEFINER = `acct`@`h` TRIGGER `s_app`.`g` AFTER INSERT ON `s_app`.`t` FOR EACH ROW "
        "INSERT INTO `s_other`.log SELECT * FROM `s_other` . t");
  CHECK(shadow_rendered("CREATE DEFINER=CURRENT_USER() PROCEDURE p() SELECT 1") ==
        "CREATE DEFINER = `acct`@`h` PROCEDURE `s_app`.`p`() SELECT 1");
}

TEST_CASE("qualifier (MySQL): events are made disabled in a shadow, as written in init scripts", "[unit][sql]") {
  const auto status = [](std::string_view sql) {
    const auto statements = split(sql, Dialect::MySQL, "s.sql");
    return qualify(statements.at(0), mysql_target()).event_status();
  };
  using Status = std::pair<std::string, std::string>;
  // No status: enabled, so DISABLE goes before DO; the init script keeps every byte.
  CHECK(shadow_rendered("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t") ==
        "CREATE EVENT `s_app`.`e` ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM t");
  CHECK(my("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t") ==
        "CREATE EVENT `app`.`e` ON SCHEDULE EVERY 1 DAY DO DELETE FROM t");
  CHECK(status("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DO DELETE FROM t") == Status{"e", "ENABLE"});
  CHECK(shadow_rendered("CREATE EVENT IF NOT EXISTS e ON SCHEDULE AT CURRENT_TIMESTAMP ON COMPLETION PRESERVE "
                        "ENABLE COMMENT 'c' DO DELETE FROM t") ==
        "CREATE EVENT IF NOT EXISTS `s_app`.`e` ON SCHEDULE AT CURRENT_TIMESTAMP ON COMPLETION PRESERVE "
        "DISABLE COMMENT 'c' DO DELETE FROM t");
  // The status goes before a COMMENT (a comment's text is never mistaken for a word).
  CHECK(shadow_rendered("CREATE EVENT e ON SCHEDULE EVERY 1 DAY COMMENT 'ENABLE DO' DO SELECT 1") ==
        "CREATE EVENT `s_app`.`e` ON SCHEDULE EVERY 1 DAY DISABLE COMMENT 'ENABLE DO' DO SELECT 1");
  CHECK(shadow_rendered("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DISABLE ON SLAVE DO SELECT 1") ==
        "CREATE EVENT `s_app`.`e` ON SCHEDULE EVERY 1 DAY DISABLE DO SELECT 1");
  CHECK(status("CREATE EVENT e ON SCHEDULE EVERY 1 DAY DISABLE ON SLAVE DO SELECT 1").second == "DISABLE ON SLAVE");
  CHECK(shadow_rendered("ALTER EVENT e ENABLE") == "ALTER EVENT `s_app`.`e` DISABLE");
  CHECK(status("ALTER EVENT `e` ENABLE") == Status{"e", "ENABLE"});
  // An ALTER that does not set the status leaves it, in the shadow too.
  CHECK(shadow_rendered("ALTER EVENT e DO SELECT 1") == "ALTER EVENT `s_app`.`e` DO SELECT 1");
  CHECK(status("ALTER EVENT e DO SELECT 1").first.empty());
}

// Files written on other systems (issue: Safety II, part 3).
TEST_CASE("qualifier: psql connect and DELIMITER lines with Windows line ends", "[unit][sql]") {
  QualifyTarget target = pg_target();
  const auto statements = split("\\connect platform\r\nCREATE TABLE t (a int);\r\n", Dialect::Postgres, "s.sql");
  REQUIRE(statements.size() == 2);
  CHECK_NOTHROW(qualify(statements[0], target));
  CHECK(qualify(statements[1], target).render("platform") == "CREATE TABLE billing.t (a int)");
  const auto mysql = split("DELIMITER //\r\nCREATE PROCEDURE p() BEGIN SELECT 1; END//\r\nDELIMITER ;\r\nSELECT 2;\r\n",
                           Dialect::MySQL, "s.sql");
  REQUIRE(mysql.size() == 2);
  CHECK(my(std::string(mysql[1].text)).find("SELECT 2") != std::string::npos);
}

// A PostgreSQL file's own search_path decides where its unqualified names go, as psql
// loads it (issue: search_path).
namespace {

// Each statement of `sql` qualified in order, rendered, joined with "; ".
std::string pg_file(std::string_view sql, const QualifyTarget& target = pg_target()) {
  FileQualifier qualifier(target);
  std::string out;
  for (const Statement& statement : split(sql, Dialect::Postgres, "s.sql")) {
    out += (out.empty() ? "" : "; ") + qualifier.qualify(statement).render("platform");
  }
  return out;
}

SourceLocation pg_file_error(std::string_view sql, const QualifyTarget& target = pg_target()) {
  try {
    pg_file(sql, target);
  } catch (const SourceError& e) {
    return e.where();
  }
  FAIL("expected a SourceError for: " << sql);
  return {};
}

}  // namespace

TEST_CASE("qualifier (PostgreSQL): SET search_path moves unqualified names to its first schema", "[unit][sql]") {
  CHECK(pg_file("SET search_path = identity, public; CREATE TABLE t (a int)") ==
        "SET search_path = identity, public; CREATE TABLE identity.t (a int)");
  CHECK(pg_file("set search_path to identity; create table t (a int)") ==
        "set search_path to identity; create table identity.t (a int)");
  CHECK(pg_file("SET search_path = 'identity'; CREATE TABLE t (a int)") ==
        "SET search_path = 'identity'; CREATE TABLE identity.t (a int)");
  CHECK(pg_file("SET SESSION search_path TO \"$user\", identity; CREATE TABLE t (a int)") ==
        "SET SESSION search_path TO \"$user\", identity; CREATE TABLE identity.t (a int)");
  CHECK(pg_file("SET search_path = \"Identity\"; CREATE TABLE t (a int)", [] {
          QualifyTarget target = pg_target();
          target.known_qualifiers.insert("Identity");
          return target;
        }()) == "SET search_path = \"Identity\"; CREATE TABLE \"Identity\".t (a int)");
}

TEST_CASE("qualifier (PostgreSQL): pg_dump's set_config('search_path', …)", "[unit][sql]") {
  CHECK(pg_file("SELECT pg_catalog.set_config('search_path', 'identity', false); CREATE TABLE t (a int)") ==
        "SELECT pg_catalog.set_config('search_path', 'identity', false); CREATE TABLE identity.t (a int)");
  CHECK(pg_file("SELECT set_config('search_path', '\"$user\", IDENTITY, public', false); CREATE VIEW v AS SELECT 1") ==
        "SELECT set_config('search_path', '\"$user\", IDENTITY, public', false); CREATE VIEW identity.v AS SELECT 1");
  // pg_dump's empty path: the file qualifies every name itself; nothing moves.
  CHECK(pg_file("SELECT pg_catalog.set_config('search_path', '', false); CREATE TABLE t (a int)") ==
        "SELECT pg_catalog.set_config('search_path', '', false); CREATE TABLE billing.t (a int)");
  // Another setting, or set_config used for something else, changes nothing.
  CHECK(pg_file("SELECT set_config('statement_timeout', '0', false); CREATE TABLE t (a int)") ==
        "SELECT set_config('statement_timeout', '0', false); CREATE TABLE billing.t (a int)");
  CHECK(pg_file("SET statement_timeout = 0; CREATE TABLE t (a int)") ==
        "SET statement_timeout = 0; CREATE TABLE billing.t (a int)");
}

TEST_CASE("qualifier (PostgreSQL): RESET search_path and DEFAULT go back to the file's schema", "[unit][sql]") {
  CHECK(pg_file("SET search_path = identity; RESET search_path; CREATE TABLE t (a int)") ==
        "SET search_path = identity; RESET search_path; CREATE TABLE billing.t (a int)");
  CHECK(pg_file("SET search_path = identity; SET search_path TO DEFAULT; CREATE TABLE t (a int)") ==
        "SET search_path = identity; SET search_path TO DEFAULT; CREATE TABLE billing.t (a int)");
  // A routine's own SET clause is not the file's path.
  CHECK(pg_file("CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = identity AS 'SELECT 1'; "
                "CREATE TABLE t (a int)") ==
        "CREATE FUNCTION billing.f() RETURNS int LANGUAGE sql SET search_path = identity AS 'SELECT 1'; "
        "CREATE TABLE billing.t (a int)");
}

TEST_CASE("qualifier (PostgreSQL): a search_path schema the database does not declare", "[unit][sql]") {
  const SourceLocation set = pg_file_error("CREATE TABLE a (x int);\nSET search_path = school, public;");
  CHECK(set.str() == "s.sql:2:19");
  const SourceLocation call = pg_file_error("SELECT pg_catalog.set_config('search_path', 'school', false);");
  CHECK(call.str() == "s.sql:1:45");
  // `devenv diff` of a file: every schema is the file's own.
  QualifyTarget any = pg_target();
  any.any_schema = true;
  CHECK(pg_file("SET search_path = school, public; CREATE TABLE t (a int)", any) ==
        "SET search_path = school, public; CREATE TABLE school.t (a int)");
  // MySQL has no search_path: a SET there is left alone.
  FileQualifier mysql(mysql_target());
  const auto statements = split("SET search_path = school; CREATE TABLE t (a int)", Dialect::MySQL, "s.sql");
  REQUIRE(statements.size() == 2);
  CHECK_NOTHROW(mysql.qualify(statements[0]));
  CHECK(mysql.qualify(statements[1]).render("app") == "CREATE TABLE `app`.`t` (a int)");
}
