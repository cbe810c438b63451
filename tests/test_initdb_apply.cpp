// Applies the committed example initdb/ to real servers exactly as the official
// images' entrypoints do (MySQL: one client session per file; PostgreSQL:
// psql -v ON_ERROR_STOP=1 per file), then checks every object landed in the right
// database and schema and that each user reaches exactly its databases.
#include <cppconn/exception.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>
#include <catch2/catch.hpp>

#include <algorithm>
#include <filesystem>
#include <set>

#include "config/loader.h"
#include "generator/init_plan.h"
#include "support/run_command.h"
#include "support/test_servers.h"

namespace fs = std::filesystem;
using devenv::test::run_command;
using devenv::test::TestServers;

namespace {

std::vector<fs::path> init_files(const std::string& server) {
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(fs::path(DEVENV_SOURCE_DIR) / "initdb" / server)) {
    files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());  // the entrypoint's glob order
  return files;
}

std::string expected_fingerprint(std::size_t server) {
  const auto config = devenv::config::load_config(fs::path(DEVENV_SOURCE_DIR) / "config.toml",
                                                  [](const std::string&) { return std::optional<std::string>(); });
  return devenv::generator::plan_init(config).at(server).fingerprint;
}

std::multiset<std::string> mysql_column(::sql::Connection& connection, const std::string& query) {
  std::unique_ptr<::sql::Statement> statement(connection.createStatement());
  std::unique_ptr<::sql::ResultSet> rows(statement->executeQuery(query));
  std::multiset<std::string> out;
  while (rows->next()) out.insert(rows->getString(1));
  return out;
}

std::multiset<std::string> pg_column(pqxx::connection& connection, const std::string& query) {
  pqxx::nontransaction tx(connection);
  std::multiset<std::string> out;
  for (const auto& row : tx.exec(query)) out.insert(row[0].c_str());
  return out;
}

// The example's MariaDB databases: other tests make databases of their own on the same
// fixture server meanwhile (tests/test_remote.cpp), which are not this test's business.
const std::string kExampleDatabases =
    "('unkey', 'hydra', 'partition_001', 'partition_002', 'partition_003', 'partition_004')";

void reset_mysql_example() {
  const TestServers& servers = TestServers::get();
  auto root = servers.mysql_root();
  std::unique_ptr<::sql::Statement> statement(root->createStatement());
  for (const char* database :
       {"unkey", "partition_001", "partition_002", "partition_003", "partition_004", "hydra", "_devenv"}) {
    statement->execute(std::string("DROP DATABASE IF EXISTS `") + database + "`");
  }
  statement->execute("DROP USER IF EXISTS 'unkey'@'%'");
}

void reset_pg_example() {
  auto root = TestServers::get().pg_root();
  pqxx::nontransaction tx(*root);
  for (const char* database : {"platform", "analytics"}) tx.exec(std::string("DROP DATABASE IF EXISTS ") + database);
  tx.exec("DROP ROLE IF EXISTS platform");
  tx.exec("DROP ROLE IF EXISTS reporting");
  tx.exec("DROP SCHEMA IF EXISTS _devenv CASCADE");
}

}  // namespace

TEST_CASE("initdb (MariaDB): the example applies like the official entrypoint, and unkey reaches exactly its databases",
          "[db]") {
  const TestServers& servers = TestServers::get();
  reset_mysql_example();
  for (const fs::path& file : init_files("mysql")) {
    const auto result = run_command(servers.mysql_client() + " < '" + file.string() + "'");
    INFO(file.filename().string() << ": " << result.output);
    REQUIRE(result.exit_code == 0);
  }
  auto root = servers.mysql_root();
  const auto tables_in = [&](const std::string& database) {
    return mysql_column(*root,
                        "SELECT table_name FROM information_schema.tables WHERE table_type = 'BASE TABLE' "
                        "AND table_schema = '" +
                            database + "'");
  };
  CHECK(tables_in("unkey") ==
        std::multiset<std::string>{"workspaces", "key_auth", "apis", "identities", "keys", "permissions", "roles",
                                   "roles_permissions", "keys_roles", "keys_permissions", "ratelimit_namespaces",
                                   "ratelimit_overrides", "ratelimits", "audit_log", "audit_log_target"});
  for (const char* partition : {"partition_001", "partition_002", "partition_003", "partition_004"}) {
    CHECK(tables_in(partition) ==
          std::multiset<std::string>{"gateways", "certificates", "deployments", "domains", "vms"});
  }
  CHECK(tables_in("hydra") ==
        std::multiset<std::string>{"workflow_executions", "workflow_steps", "cron_jobs", "leases", "workflow_sleeps"});
  CHECK(mysql_column(*root,
                     "SELECT CONCAT(table_schema, '.', table_name) FROM information_schema.views "
                     "WHERE table_schema IN " +
                         kExampleDatabases) == std::multiset<std::string>{"unkey.active_keys"});
  CHECK(mysql_column(*root,
                     "SELECT CONCAT(routine_schema, '.', routine_name) FROM information_schema.routines "
                     "WHERE routine_schema IN " +
                         kExampleDatabases) ==
        std::multiset<std::string>{"hydra.try_acquire_lease", "partition_001.expire_certificates",
                                   "partition_002.expire_certificates", "partition_003.expire_certificates",
                                   "partition_004.expire_certificates"});
  CHECK(mysql_column(*root,
                     "SELECT CONCAT(trigger_schema, '.', event_object_table, '.', trigger_name) "
                     "FROM information_schema.triggers WHERE trigger_schema = 'unkey'") ==
        std::multiset<std::string>{"unkey.keys.keys_touch_updated_at"});
  CHECK(mysql_column(*root, "SELECT fingerprint FROM _devenv.init_fingerprint") ==
        std::multiset<std::string>{expected_fingerprint(0)});

  // User unkey reaches exactly its databases, over TCP with its password.
  auto unkey = servers.mysql_tcp("unkey", "unkey");
  CHECK(mysql_column(*unkey, "SHOW DATABASES") ==
        std::multiset<std::string>{"information_schema", "unkey", "partition_001", "partition_002", "partition_003",
                                   "partition_004", "hydra"});
  std::unique_ptr<::sql::Statement> statement(unkey->createStatement());
  CHECK_THROWS_AS(statement->execute("SELECT * FROM _devenv.init_fingerprint"), ::sql::SQLException);
  CHECK_THROWS_AS(statement->execute("CREATE DATABASE partitionX001"), ::sql::SQLException);
  CHECK_THROWS_AS(servers.mysql_tcp("unkey", "not-the-password"), ::sql::SQLException);
  // The trigger from main.sql runs where it was defined.
  statement->execute(
      "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) "
      "VALUES ('ws_t', 'org', 'n', '{}', '{}')");
  statement->execute("INSERT INTO unkey.key_auth (id, workspace_id) VALUES ('ka_t', 'ws_t')");
  statement->execute(
      "INSERT INTO unkey.`keys` (id, key_auth_id, hash, start, workspace_id) "
      "VALUES ('k_t', 'ka_t', 'h', 's', 'ws_t')");
  statement->execute("UPDATE unkey.`keys` SET name = 'renamed' WHERE id = 'k_t'");
  CHECK(mysql_column(*unkey, "SELECT updated_at_m IS NOT NULL FROM unkey.`keys` WHERE id = 'k_t'") ==
        std::multiset<std::string>{"1"});
  statement->execute("DELETE FROM unkey.workspaces WHERE id = 'ws_t'");

  // What a migrator run by the app later does, the app's user may do in its databases:
  // MySQL objects have no owner, and ALL on the database covers every step.
  for (const char* migration : {
           "ALTER TABLE unkey.apis ADD COLUMN migrated_at BIGINT NULL",
           "CREATE INDEX apis_migrated_at ON unkey.apis (migrated_at)",
           "CREATE TABLE unkey.migrated (id VARCHAR(256) NOT NULL PRIMARY KEY, "
           "FOREIGN KEY (id) REFERENCES unkey.apis (id))",
           "CREATE VIEW unkey.migrated_view AS SELECT id FROM unkey.migrated",
           "CREATE TRIGGER unkey.migrated_touch BEFORE INSERT ON unkey.migrated FOR EACH ROW SET NEW.id = NEW.id",
           "CREATE PROCEDURE unkey.migrated_proc() SELECT 1",
           "CREATE EVENT unkey.migrated_event ON SCHEDULE EVERY 1 DAY DISABLE DO DELETE FROM unkey.migrated",
           "DROP EVENT unkey.migrated_event",
           "DROP PROCEDURE unkey.migrated_proc",
           "DROP VIEW unkey.migrated_view",
           "DROP TABLE unkey.migrated",
           "DROP INDEX apis_migrated_at ON unkey.apis",
           "ALTER TABLE unkey.apis DROP COLUMN migrated_at",
           "ALTER TABLE partition_002.vms ADD COLUMN migrated_at BIGINT NULL",
       }) {
    INFO(migration);
    CHECK_NOTHROW(statement->execute(migration));
  }
}

TEST_CASE(
    "initdb (PostgreSQL): the example applies like the official entrypoint, and each user reaches exactly its "
    "databases",
    "[db]") {
  const TestServers& servers = TestServers::get();
  reset_pg_example();
  for (const fs::path& file : init_files("postgres")) {
    const auto result = run_command(servers.psql_client() + " --dbname postgres -f '" + file.string() + "'");
    INFO(file.filename().string() << ": " << result.output);
    REQUIRE(result.exit_code == 0);
  }
  auto platform = servers.pg_root("platform");
  const char* relations =
      "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE c.relkind IN ('r', 'p', 'v') AND n.nspname NOT IN ('pg_catalog', 'information_schema')";
  CHECK(pg_column(*platform, relations) ==
        std::multiset<std::string>{"identity.organizations", "identity.users", "identity.memberships",
                                   "identity.sessions", "identity.organization_members", "billing.plans",
                                   "billing.subscriptions", "billing.invoices", "billing.invoice_lines",
                                   "billing.open_invoices"});
  CHECK(pg_column(*platform, "SELECT typnamespace::regnamespace || '.' || typname FROM pg_type WHERE typtype = 'e'") ==
        std::multiset<std::string>{"identity.membership_role", "billing.invoice_status"});
  CHECK(pg_column(*platform, "SELECT tgrelid::regclass || '.' || tgname FROM pg_trigger WHERE NOT tgisinternal") ==
        std::multiset<std::string>{"identity.users.users_touch_updated_at",
                                   "identity.organizations.organizations_touch_updated_at"});
  CHECK(pg_column(*platform, "SELECT count(*) FROM billing.plans") == std::multiset<std::string>{"2"});
  auto analytics = servers.pg_root("analytics");
  CHECK(pg_column(*analytics, relations) ==
        std::multiset<std::string>{"public.events", "public.events_2026", "public.daily_usage"});
  CHECK(pg_column(*analytics, "SELECT proname FROM pg_proc WHERE pronamespace = 'public'::regnamespace") ==
        std::multiset<std::string>{"roll_up_day"});
  auto postgres = servers.pg_root();
  CHECK(pg_column(*postgres, "SELECT fingerprint FROM _devenv.init_fingerprint") ==
        std::multiset<std::string>{expected_fingerprint(1)});

  // Each user connects to exactly its databases, with its password.
  auto platform_user = servers.pg_tcp("platform", "platform", "platform");
  {
    pqxx::work tx(*platform_user);
    tx.exec("INSERT INTO identity.users (email) VALUES ('a@example.com')");
    CHECK(tx.exec("SELECT email_lower FROM identity.users")[0][0].as<std::string>() == "a@example.com");
  }  // rolled back
  CHECK_NOTHROW(servers.pg_tcp("platform", "platform", "analytics"));
  CHECK_NOTHROW(servers.pg_tcp("reporting", "reporting", "analytics"));
  CHECK_THROWS(servers.pg_tcp("reporting", "reporting", "platform"));
  CHECK_THROWS(servers.pg_tcp("platform", "wrong", "platform"));

  // Everything init made belongs to the database's owner (the first user granted it),
  // as if the app had run the sources: its own later migrations may alter all of it.
  const char* not_owned =
      "SELECT n.nspname || '.' || c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
      "WHERE n.nspname IN ('identity', 'billing', 'public') AND pg_get_userbyid(c.relowner) <> '";
  CHECK(pg_column(*platform, not_owned + std::string("platform'")).empty());
  CHECK(pg_column(*analytics, not_owned + std::string("platform'")).empty());
  CHECK(pg_column(*platform,
                  "SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname IN ('identity', "
                  "'billing')") == std::multiset<std::string>{"platform", "platform"});
  CHECK(pg_column(*platform, "SELECT DISTINCT pg_get_userbyid(typowner) FROM pg_type WHERE typtype = 'e'") ==
        std::multiset<std::string>{"platform"});
  CHECK(pg_column(*analytics, "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'roll_up_day'") ==
        std::multiset<std::string>{"platform"});
  {
    pqxx::work tx(*platform_user);
    for (const char* migration : {"ALTER TABLE identity.users ADD COLUMN migrated_at timestamptz",
                                  "CREATE INDEX users_migrated_at ON identity.users (migrated_at)",
                                  "ALTER TYPE identity.membership_role ADD VALUE 'auditor'",
                                  "ALTER VIEW billing.open_invoices RENAME TO open_invoices_v2",
                                  "DROP TABLE billing.invoice_lines", "CREATE SCHEMA reports"}) {
      INFO(migration);
      CHECK_NOTHROW(tx.exec(migration));
    }
  }  // rolled back
  auto reporting = servers.pg_tcp("reporting", "reporting", "analytics");
  {
    // The other user granted analytics reads what the owner's later migrations make.
    auto analytics_owner = servers.pg_tcp("platform", "platform", "analytics");
    pqxx::nontransaction(*analytics_owner).exec("CREATE TABLE public.migrated_later (id int)");
    CHECK_NOTHROW(pqxx::nontransaction(*reporting).exec("SELECT count(*) FROM public.migrated_later"));
    pqxx::nontransaction(*analytics_owner).exec("DROP TABLE public.migrated_later");
  }
}
