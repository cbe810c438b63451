#include <catch2/catch.hpp>

#include <sstream>

#include "catalog/fix_sql.h"
#include "support/schema_parts.h"

using namespace devenv::catalog;
using namespace devenv::test;

namespace {

std::string fix(const std::vector<Difference>& differences, Dialect dialect, bool allow) {
  std::ostringstream out;
  render_fix_sql(out, differences, {}, dialect, allow);
  return out.str();
}

// The statements for one difference, destructive ones kept, without the file's header
// and the session settings that follow each USE / \connect.
std::string fix_of(const Difference& difference, Dialect dialect) {
  std::string sql = fix({difference}, dialect, true);
  sql = sql.substr(sql.find('\n') + 1);
  for (const std::string setting : {"SET FOREIGN_KEY_CHECKS = 0;\n", "SET check_function_bodies = false;\n"}) {
    if (const std::size_t at = sql.find(setting); at != std::string::npos) sql.erase(at, setting.size());
  }
  return sql;
}

// A part of table `unkey`.`apis`, or of PostgreSQL's `space`.`table`.
Difference mysql_part(Kind kind, Change change, const std::string& name, std::optional<Element> expected,
                      std::optional<Element> actual) {
  return {kind, change, "unkey", "unkey", "apis", name, std::move(expected), std::move(actual)};
}

Difference postgres_part(Kind kind, Change change, const std::string& table, const std::string& name,
                         std::optional<Element> expected, std::optional<Element> actual) {
  return {kind, change, "platform", "identity", table, name, std::move(expected), std::move(actual)};
}

// A named object: a view, routine, trigger, sequence or type.
Difference mysql_object(Kind kind, Change change, const std::string& name, std::optional<Element> expected,
                        std::optional<Element> actual) {
  return {kind, change, "unkey", "unkey", "", name, std::move(expected), std::move(actual)};
}

Difference postgres_object(Kind kind, Change change, const std::string& name, std::optional<Element> expected,
                           std::optional<Element> actual) {
  return {kind, change, "platform", "billing", "", name, std::move(expected), std::move(actual)};
}

Difference mysql_column(Change change, const std::string& type) {
  const std::optional<Element> part = column("note", typed(type), Dialect::MySQL);
  return mysql_part(Kind::Column, change, "note", change == Change::Extra ? std::nullopt : part,
                    change == Change::Missing ? std::nullopt : part);
}

Sequence sequence_of(const std::string& increment, bool cycle) {
  return {"integer", "1", increment, "1", "2147483647", "1", cycle, ""};
}

}  // namespace

TEST_CASE("fix-up SQL: destructive statements are commented out unless allowed", "[unit][verify]") {
  Difference missing = mysql_column(Change::Missing, "varchar(10)");
  missing.expected = column("note", typed("varchar(10)", true), Dialect::MySQL);
  const std::vector<Difference> differences = {mysql_column(Change::Extra, "int"), missing};
  CHECK(fix(differences, Dialect::MySQL, false) ==
        "-- devenv: statements that bring the databases to their schema files.\n"
        "-- Destructive statements are commented out; --allow-destructive keeps them.\n"
        "\n"
        "USE `unkey`;\n"
        "SET FOREIGN_KEY_CHECKS = 0;\n"
        "-- extra: table apis column note\n"
        "-- DESTRUCTIVE (kept out; rerun with --allow-destructive):\n"
        "-- ALTER TABLE `apis` DROP COLUMN `note`;\n"
        "-- missing: table apis column note\n"
        "ALTER TABLE `apis` ADD COLUMN `note` varchar(10) NOT NULL;\n");
  CHECK_THAT(fix(differences, Dialect::MySQL, true),
             Catch::Contains("-- DESTRUCTIVE\nALTER TABLE `apis` DROP COLUMN `note`;"));
}

TEST_CASE("fix-up SQL: removals come before additions, options before columns", "[unit][verify]") {
  const Difference option_change =
      mysql_part(Kind::TableOption, Change::Changed, "COLLATE", option("COLLATE", "utf8mb4_bin", Dialect::MySQL),
                 option("COLLATE", "utf8mb4_unicode_ci", Dialect::MySQL));
  Difference modified = mysql_column(Change::Changed, "int");
  modified.actual = column("note", typed("bigint"), Dialect::MySQL);
  const std::string sql =
      fix({mysql_column(Change::Missing, "int"), modified, option_change, mysql_column(Change::Extra, "int")},
          Dialect::MySQL, true);
  const auto drop = sql.find("DROP COLUMN"), collate = sql.find("DEFAULT COLLATE=utf8mb4_bin;"),
             modify = sql.find("MODIFY COLUMN `note` int;"), add = sql.find("ADD COLUMN `note` int;");
  CHECK(drop < collate);
  CHECK(collate < modify);
  CHECK(modify < add);
  CHECK(add != std::string::npos);
}

TEST_CASE("fix-up SQL (MySQL): indexes, the primary key by its clause", "[unit][verify]") {
  const Element primary = index("PRIMARY", {IndexKind::Primary, false, false, "(`id`)"}, Dialect::MySQL);
  const Element wider = index("PRIMARY", {IndexKind::Primary, false, false, "(`id`,`name`)"}, Dialect::MySQL);
  CHECK(fix_of(mysql_part(Kind::Index, Change::Changed, "PRIMARY", wider, primary), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- changed: table apis index PRIMARY\n"
        "ALTER TABLE `apis` DROP PRIMARY KEY, ADD PRIMARY KEY (`id`,`name`);\n");
  const Element unique = index("name_key", {IndexKind::Unique, false, false, "(`name`(8)) USING HASH"}, Dialect::MySQL);
  CHECK(fix_of(mysql_part(Kind::Index, Change::Missing, "name_key", unique, {}), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- missing: table apis index name_key\n"
        "ALTER TABLE `apis` ADD UNIQUE KEY `name_key` (`name`(8)) USING HASH;\n");
  const Element fulltext = index("body", {IndexKind::Fulltext, false, false, "(`body`)"}, Dialect::MySQL);
  CHECK(fix_of(mysql_part(Kind::Index, Change::Extra, "body", {}, fulltext), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- extra: table apis index body\nALTER TABLE `apis` DROP INDEX `body`;\n");
}

TEST_CASE("fix-up SQL (MySQL): foreign keys and checks are dropped and added", "[unit][verify]") {
  const Element key = make_element("apis_fk", "FOREIGN KEY (`workspace_id`) REFERENCES `workspaces` (`id`)", false);
  const Element cascading =
      make_element("apis_fk", "FOREIGN KEY (`workspace_id`) REFERENCES `workspaces` (`id`) ON DELETE CASCADE", false);
  CHECK(fix_of(mysql_part(Kind::ForeignKey, Change::Changed, "apis_fk", cascading, key), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- changed: table apis foreign key apis_fk\n"
        "ALTER TABLE `apis` DROP FOREIGN KEY `apis_fk`;\n"
        "ALTER TABLE `apis` ADD CONSTRAINT `apis_fk` FOREIGN KEY (`workspace_id`) REFERENCES `workspaces` (`id`) ON "
        "DELETE CASCADE;\n");
  const Element check = make_element("positive", "CHECK (`id` > 0)", false);
  CHECK(fix_of(mysql_part(Kind::Check, Change::Extra, "positive", {}, check), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- extra: table apis check positive\nALTER TABLE `apis` DROP CONSTRAINT `positive`;\n");
}

TEST_CASE("fix-up SQL (MySQL): table options are set, an extra one reset", "[unit][verify]") {
  CHECK(fix_of(mysql_part(Kind::TableOption, Change::Changed, "ENGINE", option("ENGINE", "InnoDB", Dialect::MySQL),
                          option("ENGINE", "Aria", Dialect::MySQL)),
               Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- changed: table apis option ENGINE\nALTER TABLE `apis` ENGINE=InnoDB;\n");
  CHECK_THAT(
      fix_of(mysql_part(Kind::TableOption, Change::Extra, "COMMENT", {}, option("COMMENT", "'x'", Dialect::MySQL)),
             Dialect::MySQL),
      Catch::EndsWith("\nALTER TABLE `apis` COMMENT = '';\n"));
  const Element partitioned = option("PARTITION BY", "KEY (`id`) PARTITIONS 4", Dialect::MySQL);
  CHECK(partitioned.definition == "PARTITION BY KEY (`id`) PARTITIONS 4");
  CHECK_THAT(fix_of(mysql_part(Kind::TableOption, Change::Extra, "PARTITION BY", {}, partitioned), Dialect::MySQL),
             Catch::EndsWith("\nALTER TABLE `apis` REMOVE PARTITIONING;\n"));
}

TEST_CASE("fix-up SQL (MySQL): ROW_FORMAT and KEY_BLOCK_SIZE are set, an extra one reset", "[unit][verify]") {
  const Element compressed = option("ROW_FORMAT", "COMPRESSED", Dialect::MySQL);
  CHECK(compressed.definition == "ROW_FORMAT=COMPRESSED");
  CHECK_THAT(fix_of(mysql_part(Kind::TableOption, Change::Missing, "ROW_FORMAT", compressed, {}), Dialect::MySQL),
             Catch::EndsWith("\nALTER TABLE `apis` ROW_FORMAT=COMPRESSED;\n"));
  CHECK_THAT(fix_of(mysql_part(Kind::TableOption, Change::Extra, "ROW_FORMAT", {}, compressed), Dialect::MySQL),
             Catch::EndsWith("\nALTER TABLE `apis` ROW_FORMAT=DEFAULT;\n"));
  const Element block = option("KEY_BLOCK_SIZE", "8", Dialect::MySQL);
  CHECK_THAT(fix_of(mysql_part(Kind::TableOption, Change::Extra, "KEY_BLOCK_SIZE", {}, block), Dialect::MySQL),
             Catch::EndsWith("\nALTER TABLE `apis` KEY_BLOCK_SIZE=0;\n"));
}

TEST_CASE("fix-up SQL (MySQL): an index's comment is part of its definition", "[unit][verify]") {
  const Element plain = index("name_idx", {IndexKind::Plain, false, false, "(`name`)"}, Dialect::MySQL);
  const Element commented =
      index("name_idx", {IndexKind::Plain, false, false, "(`name`) COMMENT 'by name'"}, Dialect::MySQL);
  CHECK(fix_of(mysql_part(Kind::Index, Change::Changed, "name_idx", commented, plain), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- changed: table apis index name_idx\n"
        "ALTER TABLE `apis` DROP INDEX `name_idx`, ADD KEY `name_idx` (`name`) COMMENT 'by name';\n");
}

TEST_CASE("fix-up SQL (MySQL): events are dropped and made again with their times", "[unit][verify]") {
  Event daily{"purge",        "1 DAY",  "",          "2020-01-01 03:00:00", "",
              "NOT PRESERVE", "ENABLE", "'nightly'", "DELETE FROM `keys`"};
  const Element purge = make_element("purge", mysql_event_definition(daily), false, daily);
  CHECK(purge.definition == "EVERY 1 DAY ON COMPLETION NOT PRESERVE ENABLE COMMENT 'nightly' DO DELETE FROM `keys`");
  CHECK(fix_of(mysql_object(Kind::Event, Change::Missing, "purge", purge, {}), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- missing: event purge\n"
        "DROP EVENT IF EXISTS `purge`;\n"
        "DELIMITER ;;\nCREATE EVENT `purge` ON SCHEDULE EVERY 1 DAY STARTS '2020-01-01 03:00:00' ON COMPLETION NOT "
        "PRESERVE ENABLE COMMENT 'nightly' DO DELETE FROM `keys`;;\nDELIMITER ;\n");
  Event once{"once", "", "2030-01-01 00:00:00", "", "", "PRESERVE", "DISABLE", "", "BEGIN DELETE FROM `keys`; END"};
  const Element later = make_element("once", mysql_event_definition(once), false, once);
  CHECK(later.definition == "AT … ON COMPLETION PRESERVE DISABLE DO BEGIN DELETE FROM `keys`; END");
  CHECK_THAT(fix_of(mysql_object(Kind::Event, Change::Changed, "once", later, purge), Dialect::MySQL),
             Catch::Contains("CREATE EVENT `once` ON SCHEDULE AT '2030-01-01 00:00:00' ON COMPLETION PRESERVE "
                             "DISABLE DO BEGIN DELETE FROM `keys`; END;;"));
  CHECK_THAT(fix_of(mysql_object(Kind::Event, Change::Extra, "purge", {}, purge), Dialect::MySQL),
             Catch::EndsWith("-- extra: event purge\nDROP EVENT IF EXISTS `purge`;\n"));
}

TEST_CASE("fix-up SQL (MySQL): a column's comment is part of its definition", "[unit][verify]") {
  Column commented = typed("longblob", true);
  commented.comment = "'the config'";
  CHECK_THAT(fix_of(mysql_part(Kind::Column, Change::Changed, "config", column("config", commented, Dialect::MySQL),
                               column("config", typed("longblob", true), Dialect::MySQL)),
                    Dialect::MySQL),
             Catch::EndsWith("\nALTER TABLE `apis` MODIFY COLUMN `config` longblob NOT NULL COMMENT 'the config';\n"));
}

TEST_CASE("fix-up SQL (MySQL): views are replaced, routines and triggers re-created", "[unit][verify]") {
  const Element active =
      view("active_keys", {false, "DEFINER", "select `id` AS `id` from `keys`", "CASCADED"}, Dialect::MySQL);
  CHECK(fix_of(mysql_object(Kind::View, Change::Changed, "active_keys", active, active), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- changed: view active_keys\n"
        "CREATE OR REPLACE SQL SECURITY DEFINER VIEW `active_keys` AS select `id` AS `id` from `keys` WITH CASCADED "
        "CHECK OPTION;\n");
  CHECK_THAT(fix_of(mysql_object(Kind::View, Change::Extra, "active_keys", {}, active), Dialect::MySQL),
             Catch::EndsWith("-- extra: view active_keys\nDROP VIEW `active_keys`;\n"));

  const Element expire = mysql_routine({"PROCEDURE", "expire", "IN `now_ms` bigint",
                                        " MODIFIES SQL DATA SQL SECURITY DEFINER\nDELETE FROM `certificates`"});
  CHECK(expire.definition ==
        "PROCEDURE (IN `now_ms` bigint) MODIFIES SQL DATA SQL SECURITY DEFINER\nDELETE FROM `certificates`");
  CHECK(fix_of(mysql_object(Kind::Routine, Change::Missing, "expire", expire, {}), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- missing: routine expire\n"
        "DROP PROCEDURE IF EXISTS `expire`;\n"
        "DELIMITER ;;\nCREATE PROCEDURE `expire`(IN `now_ms` bigint) MODIFIES SQL DATA SQL SECURITY DEFINER\n"
        "DELETE FROM `certificates`;;\nDELIMITER ;\n");
  const Element lease = mysql_routine({"FUNCTION", "lease", "", " RETURNS int NO SQL SQL SECURITY DEFINER\nRETURN 1"});
  CHECK_THAT(fix_of(mysql_object(Kind::Routine, Change::Extra, "lease", {}, lease), Dialect::MySQL),
             Catch::EndsWith("-- extra: routine lease\nDROP FUNCTION IF EXISTS `lease`;\n"));

  const Element touch = make_element("touch", "BEFORE UPDATE ON `keys` FOR EACH ROW SET NEW.at = 1", false,
                                     Trigger{"keys", "touch", "", ""});
  CHECK(fix_of(mysql_object(Kind::Trigger, Change::Changed, "touch", touch, touch), Dialect::MySQL) ==
        "\nUSE `unkey`;\n-- changed: trigger touch\n"
        "DROP TRIGGER IF EXISTS `touch`;\n"
        "DELIMITER ;;\nCREATE TRIGGER `touch` BEFORE UPDATE ON `keys` FOR EACH ROW SET NEW.at = 1;;\nDELIMITER ;\n");
}

TEST_CASE("fix-up SQL: databases and the data dir are for reset, outside any database", "[unit][verify]") {
  const std::string sql = fix({extra_database("stray"), missing_database("partition_002")}, Dialect::MySQL, true);
  CHECK(sql.substr(sql.find('\n') + 1) ==
        "\n-- missing: database partition_002\n"
        "-- database partition_002 is missing: `devenv reset` re-creates it with its schema\n"
        "-- extra: database stray\n-- DESTRUCTIVE\nDROP DATABASE `stray`;\n");
  Difference fingerprint{
      Kind::Fingerprint,           Change::Changed, "server db", "", "", "", Element{"", "", "current", {}},
      Element{"", "", "older", {}}};
  CHECK(fix_of(fingerprint, Dialect::Postgres) ==
        "\n-- changed: data dir\n-- data dir: older (run `devenv reset` to re-initialise)\n");
}

TEST_CASE("fix-up SQL (PostgreSQL): a changed column becomes the ALTER COLUMN steps it needs", "[unit][verify]") {
  Column want = typed("character varying(20)", true);
  want.default_value = "'x'::character varying";
  want.comment = "'the name'";
  Column have = typed("text");
  have.collation = "COLLATE \"C\"";
  have.identity = "ALWAYS";
  const Difference changed =
      postgres_part(Kind::Column, Change::Changed, "plans", "name", column("name", want, Dialect::Postgres),
                    column("name", have, Dialect::Postgres));
  CHECK(fix_of(changed, Dialect::Postgres) ==
        "\n\\connect platform\n-- changed: table identity.plans column name\n"
        "ALTER TABLE identity.plans ALTER COLUMN name TYPE character varying(20) USING name::text;\n"
        "ALTER TABLE identity.plans ALTER COLUMN name DROP IDENTITY;\n"
        "ALTER TABLE identity.plans ALTER COLUMN name SET DEFAULT 'x'::character varying;\n"
        "ALTER TABLE identity.plans ALTER COLUMN name SET NOT NULL;\n"
        "COMMENT ON COLUMN identity.plans.name IS 'the name';\n");
  // Back: collation kept in the type, identity added, default and comment dropped.
  const Difference back =
      postgres_part(Kind::Column, Change::Changed, "plans", "name", column("name", have, Dialect::Postgres),
                    column("name", want, Dialect::Postgres));
  CHECK_THAT(fix_of(back, Dialect::Postgres),
             Catch::Contains("ALTER COLUMN name DROP DEFAULT;\n"
                             "ALTER TABLE identity.plans ALTER COLUMN name TYPE text COLLATE \"C\" USING name::text;\n"
                             "ALTER TABLE identity.plans ALTER COLUMN name ADD GENERATED ALWAYS AS IDENTITY;\n"
                             "ALTER TABLE identity.plans ALTER COLUMN name DROP NOT NULL;\n"
                             "COMMENT ON COLUMN identity.plans.name IS NULL;\n"));
}

TEST_CASE("fix-up SQL (PostgreSQL): a missing column's comment follows it, a generated one is made again",
          "[unit][verify]") {
  Column number = typed("integer", true);
  number.comment = "'per user'";
  CHECK_THAT(fix_of(postgres_part(Kind::Column, Change::Missing, "sessions", "number",
                                  column("number", number, Dialect::Postgres), {}),
                    Dialect::Postgres),
             Catch::EndsWith("ALTER TABLE identity.sessions ADD COLUMN number integer NOT NULL;\n"
                             "COMMENT ON COLUMN identity.sessions.number IS 'per user';\n"));
  Column generated = typed("bigint");
  generated.generated = "quantity * unit_cents";
  const Difference dropped_expression =
      postgres_part(Kind::Column, Change::Changed, "lines", "amount", column("amount", generated, Dialect::Postgres),
                    column("amount", typed("bigint"), Dialect::Postgres));
  CHECK_THAT(fix(std::vector<Difference>{dropped_expression}, Dialect::Postgres, false),
             Catch::EndsWith("-- DESTRUCTIVE (kept out; rerun with --allow-destructive):\n"
                             "-- ALTER TABLE identity.lines DROP COLUMN amount;\n"
                             "-- kept out with the destructive statement it needs (the column is made again):\n"
                             "-- ALTER TABLE identity.lines ADD COLUMN amount bigint GENERATED ALWAYS AS (quantity * "
                             "unit_cents) STORED;\n"));
}

TEST_CASE("fix-up SQL (PostgreSQL): plain indexes by CREATE INDEX, the others as constraints", "[unit][verify]") {
  const Element plain =
      index("memberships_user_idx", {IndexKind::Plain, false, false, "USING btree (user_id)"}, Dialect::Postgres);
  const Element unique =
      index("memberships_user_idx", {IndexKind::Unique, false, true, "USING btree (user_id, organization_id)"},
            Dialect::Postgres);
  CHECK(unique.definition == "UNIQUE INDEX ONLY USING btree (user_id, organization_id)");
  CHECK(fix_of(postgres_part(Kind::Index, Change::Changed, "memberships", "memberships_user_idx", unique, plain),
               Dialect::Postgres) ==
        "\n\\connect platform\n-- changed: table identity.memberships index memberships_user_idx\n"
        "DROP INDEX IF EXISTS identity.memberships_user_idx;\n"
        "CREATE UNIQUE INDEX memberships_user_idx ON identity.memberships USING btree (user_id, "
        "organization_id);\n");
  const Element slug =
      index("organizations_slug_key", {IndexKind::Unique, true, false, "UNIQUE (slug)"}, Dialect::Postgres, true);
  CHECK(fix_of(postgres_part(Kind::Index, Change::Missing, "organizations", "organizations_slug_key", slug, {}),
               Dialect::Postgres) ==
        "\n\\connect platform\n-- missing: table identity.organizations index organizations_slug_key\n"
        "ALTER TABLE identity.organizations ADD CONSTRAINT organizations_slug_key UNIQUE (slug);\n");
  CHECK_THAT(
      fix_of(postgres_part(Kind::Index, Change::Extra, "organizations", "organizations_slug_key", {}, slug),
             Dialect::Postgres),
      Catch::EndsWith("\nALTER TABLE identity.organizations DROP CONSTRAINT IF EXISTS organizations_slug_key;\n"));
  const Element check = make_element("positive", "CHECK (id > 0)", false);
  CHECK_THAT(fix_of(postgres_part(Kind::Check, Change::Missing, "Sessions", "positive", check, {}), Dialect::Postgres),
             Catch::EndsWith("\nALTER TABLE identity.\"Sessions\" ADD CONSTRAINT positive CHECK (id > 0);\n"));
}

TEST_CASE("fix-up SQL (PostgreSQL): table comments are set, other options need the table re-created",
          "[unit][verify]") {
  CHECK(fix_of(postgres_part(Kind::TableOption, Change::Changed, "sessions", "COMMENT",
                             option("COMMENT", "'live'", Dialect::Postgres),
                             option("COMMENT", "'other'", Dialect::Postgres)),
               Dialect::Postgres) ==
        "\n\\connect platform\n-- changed: table identity.sessions option COMMENT\n"
        "COMMENT ON TABLE identity.sessions IS 'live';\n");
  CHECK_THAT(fix_of(postgres_part(Kind::TableOption, Change::Extra, "sessions", "COMMENT", {},
                                  option("COMMENT", "'x'", Dialect::Postgres)),
                    Dialect::Postgres),
             Catch::EndsWith("\nCOMMENT ON TABLE identity.sessions IS NULL;\n"));
  CHECK_THAT(
      fix_of(postgres_part(Kind::TableOption, Change::Missing, "events", "PARTITION BY",
                           option("PARTITION BY", "RANGE (at)", Dialect::Postgres), {}),
             Dialect::Postgres),
      Catch::EndsWith(
          "\n-- devenv cannot alter table identity.events: PARTITION BY differs (PARTITION BY RANGE (at)); re-create "
          "the table to change it\n"));
}

TEST_CASE("fix-up SQL (PostgreSQL): views, routines and triggers are dropped and made again", "[unit][verify]") {
  const Element open =
      view("open_invoices", {false, "", " SELECT invoices.id\n   FROM billing.invoices;", ""}, Dialect::Postgres);
  CHECK(fix_of(postgres_object(Kind::View, Change::Changed, "open_invoices", open, open), Dialect::Postgres) ==
        "\n\\connect platform\n-- changed: view billing.open_invoices\n"
        "DROP VIEW IF EXISTS billing.open_invoices;\n"
        "CREATE VIEW billing.open_invoices AS\n SELECT invoices.id\n   FROM billing.invoices;\n");
  const Element totals = view("totals", {true, "", " SELECT 1;", ""}, Dialect::Postgres);
  CHECK_THAT(fix_of(postgres_object(Kind::View, Change::Missing, "totals", totals, {}), Dialect::Postgres),
             Catch::EndsWith("-- missing: view billing.totals\nCREATE MATERIALIZED VIEW "
                             "billing.totals AS\n SELECT 1;\n"));
  CHECK_THAT(fix_of(postgres_object(Kind::View, Change::Extra, "totals", {}, totals), Dialect::Postgres),
             Catch::EndsWith("\nDROP MATERIALIZED VIEW IF EXISTS billing.totals;\n"));

  const Element charge =
      make_element("charge(amount integer)", "CREATE OR REPLACE FUNCTION billing.charge(amount integer)\n …", false,
                   Routine{"FUNCTION", "charge", "amount integer", ""});
  // The same result: replaced in place, so that what uses it stays.
  CHECK(fix_of(postgres_object(Kind::Routine, Change::Changed, "charge(amount integer)", charge, charge),
               Dialect::Postgres) ==
        "\n\\connect platform\n-- changed: routine billing.charge(amount integer)\n"
        "CREATE OR REPLACE FUNCTION billing.charge(amount integer)\n …;\n");
  // Another result: dropped first.
  const Element counted = make_element("charge(amount integer)",
                                       "CREATE OR REPLACE FUNCTION billing.charge(amount integer)\n RETURNS bigint\n …",
                                       false, Routine{"FUNCTION", "charge", "amount integer", ""});
  CHECK_THAT(fix_of(postgres_object(Kind::Routine, Change::Changed, "charge(amount integer)", counted, charge),
                    Dialect::Postgres),
             Catch::Contains("DROP ROUTINE IF EXISTS billing.charge(amount integer);\n"
                             "CREATE OR REPLACE FUNCTION billing.charge(amount integer)\n RETURNS bigint"));
  CHECK_THAT(
      fix_of(postgres_object(Kind::Routine, Change::Extra, "charge(amount integer)", {}, charge), Dialect::Postgres),
      Catch::EndsWith("\nDROP ROUTINE IF EXISTS billing.charge(amount integer);\n"));

  const Trigger trigger{"users", "touch",
                        "CREATE TRIGGER touch BEFORE UPDATE ON billing.users FOR EACH ROW EXECUTE FUNCTION t()", ""};
  const Element touch = make_element("users.touch", postgres_trigger_definition(trigger), false, trigger);
  CHECK(fix_of(postgres_object(Kind::Trigger, Change::Missing, "users.touch", touch, {}), Dialect::Postgres) ==
        "\n\\connect platform\n-- missing: trigger billing.users.touch\n"
        "DROP TRIGGER IF EXISTS touch ON billing.users;\n"
        "CREATE TRIGGER touch BEFORE UPDATE ON billing.users FOR EACH ROW EXECUTE FUNCTION t();\n");
  CHECK_THAT(
      fix_of(postgres_object(Kind::Trigger, Change::Extra, "users.touch", {}, touch), Dialect::Postgres),
      Catch::EndsWith("-- extra: trigger billing.users.touch\nDROP TRIGGER IF EXISTS touch ON billing.users;\n"));
}

TEST_CASE("fix-up SQL (PostgreSQL): sequences are created or altered whole", "[unit][verify]") {
  const Element cycling = sequence("numbers", sequence_of("1", true));
  CHECK(cycling.definition == "SEQUENCE AS integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 CYCLE");
  CHECK(
      fix_of(postgres_object(Kind::Sequence, Change::Missing, "numbers", cycling, {}), Dialect::Postgres) ==
      "\n\\connect platform\n-- missing: sequence billing.numbers\n"
      "CREATE SEQUENCE billing.numbers AS integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 CACHE 1 CYCLE;\n");
  CHECK_THAT(
      fix_of(postgres_object(Kind::Sequence, Change::Changed, "numbers", sequence("numbers", sequence_of("1", false)),
                             sequence("numbers", sequence_of("5", false))),
             Dialect::Postgres),
      Catch::EndsWith("\nALTER SEQUENCE billing.numbers AS integer START 1 INCREMENT 1 MINVALUE 1 MAXVALUE 2147483647 "
                      "CACHE 1 NO CYCLE;\n"));
  CHECK_THAT(
      fix(std::vector<Difference>{postgres_object(Kind::Sequence, Change::Extra, "numbers", {}, cycling)},
          Dialect::Postgres, false),
      Catch::EndsWith(
          "-- DESTRUCTIVE (kept out; rerun with --allow-destructive):\n-- DROP SEQUENCE IF EXISTS billing.numbers;\n"));
}

TEST_CASE("fix-up SQL (PostgreSQL): enum labels are added where they go, and without the models a removal is only said",
          "[unit][verify]") {
  const Element want = enum_type("invoice_status", {"'draft'", "'open'", "'paid'", "'void'"});
  const Element have = enum_type("invoice_status", {"'draft'", "'paid'"});
  CHECK(want.definition == "ENUM ('draft', 'open', 'paid', 'void')");
  CHECK(fix_of(postgres_object(Kind::EnumType, Change::Changed, "invoice_status", want, have), Dialect::Postgres) ==
        "\n\\connect platform\n-- changed: type billing.invoice_status\n"
        "ALTER TYPE billing.invoice_status ADD VALUE 'open' BEFORE 'paid';\n"
        "ALTER TYPE billing.invoice_status ADD VALUE 'void' AFTER 'paid';\n");
  const Element other = enum_type("invoice_status", {"'draft'", "'paid'", "'refunded'"});
  CHECK_THAT(
      fix_of(postgres_object(Kind::EnumType, Change::Changed, "invoice_status", want, other), Dialect::Postgres),
      Catch::EndsWith("-- devenv cannot change billing.invoice_status in place (a label goes or moves): re-create the "
                      "type and convert the columns that use it\n"));
  CHECK_THAT(fix_of(postgres_object(Kind::EnumType, Change::Missing, "invoice_status", want, {}), Dialect::Postgres),
             Catch::EndsWith("\nCREATE TYPE billing.invoice_status AS ENUM ('draft', 'open', 'paid', 'void');\n"));
}

TEST_CASE("fix-up SQL (PostgreSQL): schemas and extensions", "[unit][verify]") {
  const Difference schema{Kind::Schema, Change::Missing, "platform", "", "", "Audit", Element{}, {}};
  CHECK(fix_of(schema, Dialect::Postgres) ==
        "\n\\connect platform\n-- missing: schema Audit\nCREATE SCHEMA IF NOT EXISTS \"Audit\";\n");
  const Difference extension{Kind::Extension, Change::Extra, "platform", "", "", "pgcrypto", {}, Element{}};
  CHECK(fix_of(extension, Dialect::Postgres) ==
        "\n\\connect platform\n-- extra: extension pgcrypto\n-- DESTRUCTIVE\nDROP EXTENSION pgcrypto;\n");
}
