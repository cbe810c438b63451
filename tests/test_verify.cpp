// devenv verify on real servers: every kind of drift is reported, naming the object,
// with exit 1; each case is applied by ALTER to a database built by `devenv up`, and
// `devenv reset` (the snapshot) restores the server before the next one.
#include <catch2/catch.hpp>

#include <regex>

#include "support/json_differences.h"
#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;

namespace {

struct DriftCase {
  const char* description;
  const char* database;  // what to verify (a key or a database name)
  std::vector<const char*> statements;
  std::vector<const char*> expected;  // fragments the JSON report must hold
  const char* run_in = nullptr;       // PostgreSQL: the database to run them in (default: `database`)
  bool fixable = true;                // --format sql can repair it (a dropped database needs a reset)
};

void run_battery(const std::string& server, const std::vector<DriftCase>& cases, bool mysql) {
  NativeExample example;
  {
    const CommandResult up = example.devenv("up");
    INFO(up.output);
    REQUIRE(up.exit_code == 0);
    REQUIRE_THAT(up.output, Catch::Contains("schemas match"));
  }
  for (const DriftCase& drift : cases) {
    INFO("drift case: " << drift.description);
    for (const char* statement : drift.statements) {
      if (mysql) {
        example.mysql(statement);
      } else {
        example.postgres(statement, drift.run_in ? drift.run_in : drift.database);
      }
    }
    const CommandResult verify = example.devenv(std::string("verify --format json ") + drift.database);
    INFO(verify.output);
    CHECK(verify.exit_code == 1);
    const std::string differences = devenv::test::flattened_differences(verify.output);
    for (const char* fragment : drift.expected) CHECK_THAT(differences, Catch::Contains(fragment));
    if (drift.fixable) {
      // The fix-up SQL, applied with the engine's own client, makes verify pass.
      const CommandResult fix =
          devenv::test::run_command("cd '" + example.dir().path().string() +
                                    "' && ('" DEVENV_BINARY "' verify --format sql --allow-destructive " +
                                    drift.database + " 2>/dev/null) > fix.sql");
      CHECK(fix.exit_code == 1);
      const CommandResult apply = example.devenv(std::string("shell ") + drift.database + " --root < fix.sql");
      INFO("fix.sql:\n" << example.dir().read("fix.sql") << "\napplying it:\n" << apply.output);
      CHECK(apply.exit_code == 0);
      const CommandResult fixed = example.devenv(std::string("verify ") + drift.database);
      INFO(fixed.output);
      CHECK(fixed.exit_code == 0);
    }
    const CommandResult reset = example.devenv("reset " + server);
    REQUIRE(reset.exit_code == 0);
  }
  CHECK(example.devenv("verify").exit_code == 0);
}

}  // namespace

TEST_CASE("verify (MariaDB): 30 kinds of drift are each reported with exit 1", "[native][verify]") {
  const std::vector<DriftCase> cases = {
      {"column added",
       "main",
       {"ALTER TABLE unkey.apis ADD COLUMN added int"},
       {R"J("object": "table apis", "kind": "column", "name": "added", "change": "extra")J"}},
      {"column dropped",
       "main",
       {"ALTER TABLE unkey.apis DROP COLUMN ip_whitelist"},
       {R"J("name": "ip_whitelist", "change": "missing")J"}},
      {"column retyped",
       "main",
       {"ALTER TABLE unkey.apis MODIFY ip_whitelist varchar(100) NULL"},
       {R"J("name": "ip_whitelist", "change": "changed", "expected": "varchar(512)", "actual": "varchar(100)")J"}},
      {"column re-nulled",
       "main",
       {"ALTER TABLE unkey.apis MODIFY name varchar(256) NULL"},
       {R"J("name": "name", "change": "changed", "expected": "varchar(256) NOT NULL", "actual": "varchar(256)")J"}},
      {"column re-defaulted",
       "main",
       {"ALTER TABLE unkey.key_auth ALTER default_bytes SET DEFAULT 32"},
       {R"J("name": "default_bytes", "change": "changed", "expected": "int DEFAULT 16", "actual": "int DEFAULT 32")J"}},
      {"column re-collated",
       "main",
       {"ALTER TABLE unkey.apis MODIFY name varchar(256) COLLATE utf8mb4_bin NOT NULL"},
       {R"J("actual": "varchar(256) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL")J"}},
      {"column comment",
       "partition_001",
       {"ALTER TABLE partition_001.gateways MODIFY config LONGBLOB NOT NULL COMMENT 'other'"},
       {R"J("name": "config", "change": "changed")J", "COMMENT 'other'"}},
      {"enum values",
       "partition_001",
       {"ALTER TABLE partition_001.deployments MODIFY status ENUM('pending','ready') NOT NULL DEFAULT 'pending'"},
       {R"J("name": "status", "change": "changed")J"}},
      {"generated expression",
       "partition_001",
       {"ALTER TABLE partition_001.domains MODIFY domain_lower VARCHAR(255) AS (UPPER(domain)) STORED"},
       {R"J("name": "domain_lower", "change": "changed")J", "ucase"}},
      {"column order",
       "main",
       {"ALTER TABLE unkey.apis MODIFY name varchar(256) NOT NULL AFTER workspace_id"},
       {R"J("object": "table apis", "kind": "column order", "name": "", "change": "changed")J",
        "(id, name, workspace_id, ip_whitelist", "(id, workspace_id, name, ip_whitelist"}},
      {"column renamed",
       "main",
       {"ALTER TABLE unkey.apis CHANGE ip_whitelist ip_allow varchar(512) NULL"},
       {R"J("name": "ip_whitelist", "change": "missing")J", R"J("name": "ip_allow", "change": "extra")J"}},
      {"index added",
       "main",
       {"CREATE INDEX added_idx ON unkey.apis (name)"},
       {R"J("kind": "index", "name": "added_idx", "change": "extra")J"}},
      {"index dropped",
       "main",
       {"ALTER TABLE unkey.`keys` DROP INDEX owner_id_idx"},
       {R"J("object": "table keys", "kind": "index", "name": "owner_id_idx", "change": "missing")J"}},
      {"index made unique",
       "main",
       {"ALTER TABLE unkey.`keys` DROP INDEX owner_id_idx, ADD UNIQUE INDEX owner_id_idx (owner_id)"},
       {R"J("name": "owner_id_idx", "change": "changed", "expected": "KEY (`owner_id`)", "actual": "UNIQUE KEY (`owner_id`)")J"}},
      {"index other columns",
       "main",
       {"ALTER TABLE unkey.`keys` DROP INDEX owner_id_idx, ADD INDEX owner_id_idx (owner_id, name)"},
       {R"J("actual": "KEY (`owner_id`,`name`)")J"}},
      {"index other order",
       "main",
       {"ALTER TABLE unkey.audit_log DROP INDEX bucket_id_idx, ADD INDEX bucket_id_idx (time, bucket)"},
       {R"J("name": "bucket_id_idx", "change": "changed", "expected": "KEY (`bucket`,`time`)", "actual": "KEY (`time`,`bucket`)")J"}},
      {"index other prefix",
       "main",
       {"ALTER TABLE unkey.`keys` DROP INDEX start_prefix_idx, ADD INDEX start_prefix_idx (start(12))"},
       {R"J("expected": "KEY (`start`(8))", "actual": "KEY (`start`(12))")J"}},
      {"index descending",
       "main",
       {"ALTER TABLE unkey.audit_log DROP INDEX bucket_id_idx, ADD INDEX bucket_id_idx (bucket, time DESC)"},
       {R"J("actual": "KEY (`bucket`,`time` DESC)")J"}},
      {"unique key dropped",
       "main",
       {"ALTER TABLE unkey.workspaces DROP INDEX workspaces_slug_idx"},
       {R"J("name": "workspaces_slug_idx", "change": "missing")J"}},
      {"foreign key other target",
       "main",
       {"ALTER TABLE unkey.identities DROP FOREIGN KEY identities_ibfk_1",
        "ALTER TABLE unkey.identities ADD FOREIGN KEY (workspace_id) REFERENCES unkey.key_auth (id) ON DELETE CASCADE"},
       {R"J("kind": "foreign key")J", "REFERENCES `key_auth`", R"J("change": "missing")J"}},
      {"foreign key other ON DELETE",
       "main",
       {"ALTER TABLE unkey.key_auth DROP FOREIGN KEY key_auth_workspace_fk",
        "ALTER TABLE unkey.key_auth ADD CONSTRAINT key_auth_workspace_fk FOREIGN KEY (workspace_id) REFERENCES "
        "unkey.workspaces (id) ON DELETE RESTRICT"},
       {R"J("name": "key_auth_workspace_fk", "change": "changed", "expected": "FOREIGN KEY (`workspace_id`) REFERENCES `workspaces` (`id`) ON DELETE CASCADE", "actual": "FOREIGN KEY (`workspace_id`) REFERENCES `workspaces` (`id`)")J"}},
      {"check changed",
       "main",
       {"ALTER TABLE unkey.`keys` DROP CONSTRAINT keys_refill_day_range",
        "ALTER TABLE unkey.`keys` ADD CONSTRAINT keys_refill_day_range CHECK (refill_day IS NULL OR refill_day BETWEEN "
        "1 AND 28)"},
       {R"J("kind": "check", "name": "keys_refill_day_range", "change": "changed")J"}},
      {"table added",
       "main",
       {"CREATE TABLE unkey.added (id int PRIMARY KEY)"},
       {R"J("object": "table added", "kind": "table", "name": "", "change": "extra")J"}},
      {"table dropped",
       "main",
       {"DROP TABLE unkey.audit_log_target"},
       {R"J("object": "table audit_log_target", "kind": "table", "name": "", "change": "missing")J"}},
      {"table engine",
       "hydra",
       {"ALTER TABLE hydra.leases ENGINE=Aria"},
       {R"J("kind": "option", "name": "ENGINE", "change": "changed", "expected": "ENGINE=InnoDB", "actual": "ENGINE=Aria")J"}},
      {"table comment",
       "main",
       {"ALTER TABLE unkey.audit_log COMMENT = 'other'"},
       {R"J("name": "COMMENT", "change": "changed")J"}},
      {"table partitioned",
       "hydra",
       {"ALTER TABLE hydra.leases PARTITION BY KEY (resource_id) PARTITIONS 4"},
       {R"J("kind": "option", "name": "PARTITION BY", "change": "extra", "expected": "", "actual": "PARTITION BY KEY (`resource_id`) PARTITIONS 4")J"}},
      {"table collation",
       "hydra",
       {"ALTER TABLE hydra.leases DEFAULT COLLATE utf8mb4_bin"},
       {R"J("name": "COLLATE", "change": "changed")J"}},
      {"view changed",
       "main",
       {"CREATE OR REPLACE VIEW unkey.active_keys AS SELECT id FROM unkey.`keys`"},
       {R"J("object": "view active_keys", "kind": "view", "name": "", "change": "changed")J"}},
      {"trigger changed",
       "main",
       {"DROP TRIGGER unkey.keys_touch_updated_at",
        "CREATE TRIGGER unkey.keys_touch_updated_at BEFORE UPDATE ON unkey.`keys` FOR EACH ROW SET NEW.updated_at_m = "
        "1"},
       {R"J("object": "trigger keys_touch_updated_at", "kind": "trigger", "name": "", "change": "changed")J"}},
      {"routine dropped",
       "hydra",
       {"DROP FUNCTION hydra.try_acquire_lease"},
       {R"J("object": "routine try_acquire_lease", "kind": "routine", "name": "", "change": "missing")J"}},
      {"routine changed",
       "partition_001",
       {"DROP PROCEDURE partition_001.expire_certificates",
        "CREATE PROCEDURE partition_001.expire_certificates(IN now_ms BIGINT) DELETE FROM partition_001.certificates"},
       {R"J("object": "routine expire_certificates", "kind": "routine", "name": "", "change": "changed")J"}},
      {"event added",
       "hydra",
       {"CREATE EVENT hydra.added ON SCHEDULE EVERY 1 DAY DO DELETE FROM hydra.leases"},
       {R"J("object": "event added", "kind": "event", "name": "", "change": "extra")J"}},
      {"event dropped",
       "hydra",
       {"DROP EVENT hydra.purge_expired_leases"},
       {R"J("object": "event purge_expired_leases", "kind": "event", "name": "", "change": "missing")J"}},
      {"event disabled",
       "hydra",
       {"ALTER EVENT hydra.purge_expired_leases DISABLE"},
       {R"J("kind": "event", "name": "", "change": "changed", "expected": "EVERY 1 HOUR ON COMPLETION NOT PRESERVE ENABLE)J",
        "NOT PRESERVE DISABLE"}},
      {"event rescheduled",
       "hydra",
       {"ALTER EVENT hydra.purge_expired_leases ON SCHEDULE EVERY 2 HOUR"},
       {R"J("kind": "event", "name": "", "change": "changed")J", R"J("actual": "EVERY 2 HOUR)J"}},
      {"index comment",
       "hydra",
       {"ALTER TABLE hydra.leases DROP INDEX idx_leases_expires, ADD INDEX idx_leases_expires (namespace, expires_at) "
        "COMMENT 'other'"},
       {R"J("name": "idx_leases_expires", "change": "changed", "expected": "KEY (`namespace`,`expires_at`)", "actual": "KEY (`namespace`,`expires_at`) COMMENT 'other'")J"}},
      {"primary key comment",
       "hydra",
       {"ALTER TABLE hydra.leases DROP PRIMARY KEY, ADD PRIMARY KEY (resource_id) COMMENT 'the lease'"},
       {R"J("name": "PRIMARY", "change": "changed", "expected": "PRIMARY KEY (`resource_id`)", "actual": "PRIMARY KEY (`resource_id`) COMMENT 'the lease'")J"}},
      {"table row format",
       "hydra",
       {"ALTER TABLE hydra.leases ROW_FORMAT=COMPRESSED"},
       {R"J("kind": "option", "name": "ROW_FORMAT", "change": "extra", "expected": "", "actual": "ROW_FORMAT=COMPRESSED")J"}},
      {"table key block size",
       "hydra",
       {"ALTER TABLE hydra.leases KEY_BLOCK_SIZE=8"},
       {R"J("kind": "option", "name": "KEY_BLOCK_SIZE", "change": "extra", "expected": "", "actual": "KEY_BLOCK_SIZE=8")J"}},
      {"database dropped",
       "partition_002",
       {"DROP DATABASE partition_002"},
       {R"J("database": "partition_002", "object": "database partition_002", "kind": "database", "name": "", "change": "missing")J"},
       nullptr,
       false},
      {"one partition drifted alone",
       "partition",
       {"ALTER TABLE partition_003.gateways MODIFY hostname varchar(200) NOT NULL"},
       {R"J("database": "partition_003", "object": "table gateways", "kind": "column", "name": "hostname")J"}},
  };
  run_battery("mysql", cases, true);
}

TEST_CASE("verify (PostgreSQL): 30 kinds of drift are each reported with exit 1", "[native][verify]") {
  const std::vector<DriftCase> cases = {
      {"column added",
       "platform",
       {"ALTER TABLE billing.plans ADD COLUMN added int"},
       {R"J("object": "table billing.plans", "kind": "column", "name": "added", "change": "extra")J"}},
      {"column dropped",
       "platform",
       {"ALTER TABLE billing.plans DROP COLUMN features"},
       {R"J("name": "features", "change": "missing")J"}},
      {"column order (the fix re-creates the table)",
       "platform",
       {"ALTER TABLE identity.sessions DROP COLUMN user_agent",
        "ALTER TABLE identity.sessions ADD COLUMN user_agent text"},
       {R"J("object": "table identity.sessions", "kind": "column order", "name": "", "change": "changed")J",
        "user_id, user_agent, expires_at, revoked_at)", "user_id, expires_at, revoked_at, user_agent)"}},
      {"column retyped",
       "platform",
       {"ALTER TABLE identity.sessions ALTER COLUMN user_agent TYPE varchar(100)"},
       {R"J("name": "user_agent", "change": "changed", "expected": "text", "actual": "character varying(100)")J"}},
      {"column re-nulled",
       "platform",
       {"ALTER TABLE billing.plans ALTER COLUMN name DROP NOT NULL"},
       {R"J("name": "name", "change": "changed", "expected": "text NOT NULL", "actual": "text")J"}},
      {"column re-defaulted",
       "platform",
       {"ALTER TABLE billing.invoices ALTER COLUMN currency SET DEFAULT 'EUR'"},
       {R"J("name": "currency", "change": "changed")J", "EUR"}},
      {"column re-collated",
       "platform",
       {"ALTER TABLE identity.users ALTER COLUMN display_name TYPE text COLLATE \"C\""},
       {R"J("name": "display_name", "change": "changed", "expected": "text", "actual": "text COLLATE \"C\"")J"}},
      {"column comment",
       "platform",
       {"COMMENT ON COLUMN identity.sessions.number IS 'other'"},
       {R"J("name": "number", "change": "changed")J"}},
      {"identity changed",
       "platform",
       {"ALTER TABLE identity.organizations ALTER COLUMN id SET GENERATED BY DEFAULT"},
       {R"J("name": "id", "change": "changed")J", "GENERATED BY DEFAULT AS IDENTITY"}},
      {"generated expression dropped",
       "platform",
       {"ALTER TABLE billing.invoice_lines ALTER COLUMN amount_cents DROP EXPRESSION"},
       {R"J("name": "amount_cents", "change": "changed")J"}},
      {"index added",
       "platform",
       {"CREATE INDEX added_idx ON billing.plans (name)"},
       {R"J("kind": "index", "name": "added_idx", "change": "extra")J"}},
      {"index dropped",
       "platform",
       {"DROP INDEX identity.memberships_user_idx"},
       {R"J("name": "memberships_user_idx", "change": "missing")J"}},
      {"index made unique",
       "platform",
       {"DROP INDEX identity.memberships_user_idx",
        "CREATE UNIQUE INDEX memberships_user_idx ON identity.memberships (user_id, organization_id)"},
       {R"J("name": "memberships_user_idx", "change": "changed")J", "UNIQUE INDEX"}},
      {"index other columns",
       "platform",
       {"DROP INDEX billing.invoices_subscription_status_idx",
        "CREATE INDEX invoices_subscription_status_idx ON billing.invoices (subscription_id)"},
       {R"J("name": "invoices_subscription_status_idx", "change": "changed")J"}},
      {"index other order",
       "platform",
       {"DROP INDEX identity.sessions_live_idx",
        "CREATE INDEX sessions_live_idx ON identity.sessions (user_id, expires_at) WHERE revoked_at IS NULL"},
       {R"J("name": "sessions_live_idx", "change": "changed")J"}},
      {"partial index predicate",
       "platform",
       {"DROP INDEX billing.subscriptions_one_open_per_org",
        "CREATE UNIQUE INDEX subscriptions_one_open_per_org ON billing.subscriptions (organization_id)"},
       {R"J("name": "subscriptions_one_open_per_org", "change": "changed")J"}},
      {"unique constraint dropped",
       "platform",
       {"ALTER TABLE identity.organizations DROP CONSTRAINT organizations_slug_key"},
       {R"J("kind": "index", "name": "organizations_slug_key", "change": "missing")J"}},
      {"foreign key other target",
       "platform",
       {"ALTER TABLE billing.invoices DROP CONSTRAINT invoices_subscription_id_fkey",
        "ALTER TABLE billing.invoices ADD FOREIGN KEY (subscription_id) REFERENCES identity.organizations (id)"},
       {R"J("kind": "foreign key")J", "REFERENCES identity.organizations(id)"}},
      {"foreign key other ON DELETE",
       "platform",
       {"ALTER TABLE identity.memberships DROP CONSTRAINT memberships_user_id_fkey",
        "ALTER TABLE identity.memberships ADD FOREIGN KEY (user_id) REFERENCES identity.users (id) ON DELETE RESTRICT"},
       {R"J("kind": "foreign key")J", "ON DELETE RESTRICT"}},
      {"check changed",
       "platform",
       {"ALTER TABLE identity.sessions DROP CONSTRAINT sessions_expiry_after_revocation",
        "ALTER TABLE identity.sessions ADD CONSTRAINT sessions_expiry_after_revocation CHECK (revoked_at IS NULL)"},
       {R"J("kind": "check", "name": "sessions_expiry_after_revocation", "change": "changed")J"}},
      {"table added",
       "platform",
       {"CREATE TABLE billing.added (id int)"},
       {R"J("object": "table billing.added", "kind": "table", "name": "", "change": "extra")J"}},
      {"table dropped",
       "platform",
       {"DROP TABLE billing.invoice_lines"},
       {R"J("object": "table billing.invoice_lines", "kind": "table", "name": "", "change": "missing")J"}},
      {"table comment",
       "platform",
       {"COMMENT ON TABLE identity.sessions IS 'other'"},
       {R"J("name": "COMMENT", "change": "changed")J"}},
      {"partition dropped",
       "analytics",
       {"DROP TABLE public.events_2026"},
       {R"J("object": "table public.events_2026", "kind": "table", "name": "", "change": "missing")J"}},
      {"view changed",
       "platform",
       {"CREATE OR REPLACE VIEW billing.open_invoices AS SELECT i.id, s.organization_id, i.total_cents, i.due_at "
        "FROM billing.invoices i JOIN billing.subscriptions s ON s.id = i.subscription_id WHERE i.status = 'paid'"},
       {R"J("object": "view billing.open_invoices", "kind": "view", "name": "", "change": "changed")J"}},
      {"trigger changed",
       "platform",
       {"DROP TRIGGER users_touch_updated_at ON identity.users",
        "CREATE TRIGGER users_touch_updated_at AFTER UPDATE ON identity.users FOR EACH ROW EXECUTE FUNCTION "
        "identity.touch_updated_at()"},
       {R"J("object": "trigger identity.users.users_touch_updated_at", "kind": "trigger", "name": "", "change": "changed")J"}},
      {"function changed",
       "platform",
       {"CREATE OR REPLACE FUNCTION identity.touch_updated_at() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN "
        "NEW; END $$"},
       {R"J("object": "routine identity.touch_updated_at()", "kind": "routine", "name": "", "change": "changed")J"}},
      // PostgreSQL cannot drop an enum label: the fix-up SQL says so instead of repairing it.
      {"enum changed",
       "platform",
       {"ALTER TYPE billing.invoice_status ADD VALUE 'refunded'"},
       {R"J("object": "type billing.invoice_status", "kind": "type", "name": "", "change": "changed")J"},
       nullptr,
       false},
      {"sequence changed",
       "platform",
       {"ALTER SEQUENCE identity.session_number_seq INCREMENT 5"},
       {R"J("object": "sequence identity.session_number_seq", "kind": "sequence", "name": "", "change": "changed")J"}},
      {"extension added",
       "platform",
       {"CREATE EXTENSION pgcrypto"},
       {R"J("object": "extension pgcrypto", "kind": "extension", "name": "", "change": "extra")J"}},
      {"schema added",
       "platform",
       {"CREATE SCHEMA stray"},
       {R"J("object": "schema stray", "kind": "schema", "name": "", "change": "extra")J"}},
      {"database dropped",
       "analytics",
       {"DROP DATABASE analytics WITH (FORCE)"},
       {R"J("object": "database analytics", "kind": "database", "name": "", "change": "missing")J"},
       "postgres",
       false},
  };
  run_battery("postgres", cases, false);
}
