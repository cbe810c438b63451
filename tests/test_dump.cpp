// devenv dump on real servers: deterministic, --check, and a round trip that
// verify accepts.
#include <catch2/catch.hpp>

#include "support/json_differences.h"
#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;

namespace {

std::string dump_of(const NativeExample& example, const std::string& database) {
  const CommandResult result = devenv::test::run_command(
      "cd '" + example.dir().path().string() + "' && ('" DEVENV_BINARY "' dump " + database + " 2>/dev/null)");
  REQUIRE(result.exit_code == 0);
  return result.output;
}

// Loads dump.sql into the (freshly re-created) database with the engine's client and
// checks that verify finds no drift.
void load_and_verify(const NativeExample& example, const std::string& database) {
  const CommandResult load = example.devenv("shell " + database + " --root < dump.sql");
  INFO(load.output);
  REQUIRE(load.exit_code == 0);
  CHECK_THAT(load.output, !Catch::Contains("ERROR"));
  const CommandResult verify = example.devenv("verify " + database);
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
}

}  // namespace

TEST_CASE("dump: byte-identical across runs, and --check says when it differs", "[native][dump]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  for (const char* database : {"main", "partition_002", "hydra", "platform", "analytics"}) {
    INFO(database);
    const std::string first = dump_of(example, database);
    CHECK(first == dump_of(example, database));
    CHECK_THAT(first, Catch::Contains("CREATE TABLE"));
  }
  example.dir().write("derived_schema.sql", dump_of(example, "platform"));
  CHECK(example.devenv("dump platform --check derived_schema.sql").exit_code == 0);
  example.postgres("ALTER TABLE billing.plans ADD COLUMN extra int", "platform");
  const CommandResult changed = example.devenv("dump platform --check derived_schema.sql");
  CHECK(changed.exit_code == 1);
  CHECK_THAT(changed.output, Catch::Contains("platform differs from derived_schema.sql"));
}

TEST_CASE("dump: loaded into a fresh database, verify finds no drift (MariaDB)", "[native][dump]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  // hydra has an event, index and primary-key comments and a ROW_FORMAT.
  const std::string hydra = dump_of(example, "hydra");
  CHECK_THAT(hydra, Catch::Contains("CREATE EVENT `purge_expired_leases` ON SCHEDULE EVERY 1 HOUR STARTS '"));
  CHECK_THAT(hydra, Catch::Contains("KEY `idx_cron_jobs_next_run` (`enabled`,`next_run_at`) COMMENT 'the scheduler"));
  CHECK_THAT(hydra, Catch::Contains("PRIMARY KEY (`execution_id`,`step_name`) COMMENT 'one sleep per step'"));
  CHECK_THAT(hydra, Catch::Contains("ROW_FORMAT=DYNAMIC"));
  for (const char* database : {"unkey", "hydra", "partition_003"}) {
    INFO(database);
    example.dir().write("dump.sql", dump_of(example, database));
    example.mysql(std::string("DROP DATABASE ") + database + "", "");
    example.mysql(std::string("CREATE DATABASE ") + database + "", "");
    load_and_verify(example, database);
  }
}

TEST_CASE("dump: loaded into a fresh database, verify finds no drift (PostgreSQL)", "[native][dump]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  for (const char* database : {"platform", "analytics"}) {
    INFO(database);
    example.dir().write("dump.sql", dump_of(example, database));
    example.postgres(std::string("DROP DATABASE ") + database + " WITH (FORCE)");
    example.postgres(std::string("CREATE DATABASE ") + database);
    load_and_verify(example, database);
  }
}

TEST_CASE("diff: schema files, config databases and live DSNs compare as the server sees them", "[native][dump]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  const std::string mysql_dsn =
      "mysql://root:devenv-root@127.0.0.1:" + std::to_string(example.port("mysql")) + "/unkey";
  const std::string pg_dsn =
      "postgres://platform:platform@127.0.0.1:" + std::to_string(example.port("postgres")) + "/analytics";

  CommandResult same = example.devenv("diff schemas/main.sql " + mysql_dsn);
  INFO(same.output);
  CHECK(same.exit_code == 0);
  CHECK_THAT(same.output, Catch::Contains("no differences between schemas/main.sql and " + mysql_dsn));
  CHECK(example.devenv("diff partition_001 partition_004").exit_code == 0);
  CHECK(example.devenv("diff schemas/analytics.sql " + pg_dsn).exit_code == 0);
  CHECK(example.devenv("diff schemas/hydra hydra").exit_code == 0);  // a folder of schema files

  example.mysql("ALTER TABLE partition_004.vms DROP COLUMN region");
  const CommandResult different = example.devenv("diff partition_001 partition_004 --format json");
  INFO(different.output);
  CHECK(different.exit_code == 1);
  CHECK_THAT(devenv::test::flattened_differences(different.output),
             Catch::Contains(R"("object": "table vms", "kind": "column", "name": "region", "change": "missing")"));
  CHECK(example.devenv("diff main platform").exit_code == 2);  // MySQL against PostgreSQL
  CHECK(example.devenv("diff main").exit_code == 2);
}
