// The native runtime on real servers: every scenario of issue 3, each in its own
// copy of the example (free ports, tmpfs data dirs, own state dir).
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <future>
#include <regex>

#include "support/native_example.h"
#include "support/test_ports.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;

namespace {

const char* kWorkspaceInsert =
    "INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) VALUES ('ws_keep', 'o', 'n', '{}', '{}')";

void require_up(const NativeExample& example, const std::string& arguments = "up") {
  const CommandResult result = example.devenv(arguments);
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
}

std::string schema_dump(const NativeExample& example) {
  const std::string dir = example.dir().path().string();
  const auto mysql = devenv::test::run_command(
      "mariadb-dump --no-defaults --protocol=tcp -h127.0.0.1 -P" + std::to_string(example.port("mysql")) +
      " -uroot -pdevenv-root --no-data --skip-dump-date --routines --triggers --databases unkey partition_001 "
      "partition_002 partition_003 partition_004 hydra");
  std::string postgres;
  for (const char* database : {"platform", "analytics"}) {
    // pg_dump's \restrict lines carry a random key on every run.
    postgres += devenv::test::run_command("PGPASSWORD=devenv-root pg_dump --schema-only -h 127.0.0.1 -p " +
                                          std::to_string(example.port("postgres")) + " -U postgres " + database +
                                          " | grep -v '^\\\\\\(un\\)\\?restrict '")
                    .output;
  }
  INFO(mysql.output.substr(0, 2000));
  REQUIRE(mysql.exit_code == 0);
  return mysql.output + postgres;
}

}  // namespace

TEST_CASE("native: up from nothing starts both servers, a second up is a no-op", "[native]") {
  NativeExample example;
  const CommandResult first = example.devenv("up");
  INFO(first.output);
  REQUIRE(first.exit_code == 0);
  CHECK_THAT(first.output, (Catch::Contains("initialised") || Catch::Contains("restored from cache")) &&
                               Catch::Contains("DEVENV_MAIN_URL") && Catch::Contains("mysql://unkey:****@127.0.0.1:"));
  CHECK(example.status_of("mysql") == "running");
  CHECK(example.status_of("postgres") == "running");
  CHECK(example.mysql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'partition_004'") == "5\n");
  CHECK(example.postgres("SELECT count(*) FROM billing.plans", "platform") == "2\n");
  const int mysql_pid = example.pid("mysql");
  const CommandResult second = example.devenv("up");
  CHECK(second.exit_code == 0);
  CHECK_THAT(second.output, Catch::Contains("already running"));
  CHECK_THAT(second.output, !Catch::Contains("initialised") && !Catch::Contains("restored from cache"));
  CHECK(example.pid("mysql") == mysql_pid);
}

TEST_CASE("native: rows survive down and up, reset wipes them", "[native]") {
  NativeExample example;
  require_up(example);
  example.mysql(kWorkspaceInsert);
  example.postgres("INSERT INTO identity.users (email) VALUES ('kept@example.com')", "platform");
  const CommandResult down = example.devenv("down");
  CHECK(down.exit_code == 0);
  CHECK(example.status_of("mysql") == "stopped");
  require_up(example);
  CHECK(example.mysql("SELECT id FROM unkey.workspaces") == "ws_keep\n");
  CHECK(example.postgres("SELECT email FROM identity.users", "platform") == "kept@example.com\n");

  const CommandResult reset = example.devenv("reset");
  INFO(reset.output);
  REQUIRE(reset.exit_code == 0);
  CHECK_THAT(reset.output, Catch::Contains("reset in place"));
  CHECK(example.mysql("SELECT id FROM unkey.workspaces").empty());
  CHECK(example.postgres("SELECT email FROM identity.users", "platform").empty());
}

TEST_CASE("native: reset mysql leaves PostgreSQL's rows alone", "[native]") {
  NativeExample example;
  require_up(example);
  example.mysql(kWorkspaceInsert);
  example.postgres("INSERT INTO identity.users (email) VALUES ('stays@example.com')", "platform");
  const int postgres_pid = example.pid("postgres");
  require_up(example, "reset mysql");
  CHECK(example.mysql("SELECT id FROM unkey.workspaces").empty());
  CHECK(example.postgres("SELECT email FROM identity.users", "platform") == "stays@example.com\n");
  CHECK(example.pid("postgres") == postgres_pid);
}

TEST_CASE("native: a broken init script exits 3 with file:line, and the next up re-initialises", "[native]") {
  NativeExample example;
  const std::string good = example.dir().read("schemas/hydra/02-scheduling.sql");
  example.dir().write("schemas/hydra/02-scheduling.sql",
                      good + "\nCREATE TABLE broken (id int REFERENCES nowhere (id));\n");
  const CommandResult failed = example.devenv("up mysql");
  INFO(failed.output);
  CHECK(failed.exit_code == 3);
  CHECK(std::regex_search(failed.output, std::regex("init script initdb/mysql/03-hydra-schema.sql:[0-9]+ \\(from\\s+"
                                                    "schemas/hydra/02-scheduling.sql:[0-9]+\\) failed")));
  CHECK_THAT(failed.output, Catch::Contains("Foreign key constraint is incorrectly formed"));
  CHECK(example.status_of("mysql") == "init failed");

  example.dir().write("schemas/hydra/02-scheduling.sql", good);
  const CommandResult fixed = example.devenv("up mysql");
  INFO(fixed.output);
  CHECK(fixed.exit_code == 0);
  CHECK_THAT(fixed.output, Catch::Contains("the last init failed; re-initialising from scratch"));
  CHECK(example.mysql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'hydra'") == "5\n");
}

TEST_CASE("native: kill -9 shows as crashed, and up brings the server back with its data", "[native]") {
  NativeExample example;
  require_up(example);
  example.mysql(kWorkspaceInsert);
  REQUIRE(kill(example.pid("mysql"), SIGKILL) == 0);
  for (int i = 0; i < 100 && example.status_of("mysql") != "crashed"; ++i) usleep(20000);
  const CommandResult status = example.devenv("status");
  CHECK_THAT(status.output, Catch::Contains("crashed"));
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  CHECK(up.exit_code == 0);
  CHECK_THAT(up.output, Catch::Contains("was crashed; starting it again"));
  CHECK(example.mysql("SELECT id FROM unkey.workspaces") == "ws_keep\n");
}

TEST_CASE("native: a port in use exits 3 naming the port and its owner", "[native]") {
  NativeExample example;
  // A listener of this test process holds a port; the config is pointed at it.
  const devenv::test::LoopbackListener listener;
  const std::string port = std::to_string(listener.port());
  const std::string config = example.dir().read("config.toml");
  example.dir().write("config.toml", std::regex_replace(config, std::regex("\nport = 0"), "\nport = " + port,
                                                        std::regex_constants::format_first_only));
  const CommandResult result = example.devenv("up mysql");
  INFO(result.output);
  CHECK(result.exit_code == 3);
  CHECK_THAT(result.output, Catch::Contains("port " + port + " on 127.0.0.1 is in use by devenv_tests (pid " +
                                            std::to_string(getpid()) + ")") &&
                                Catch::Contains("change servers.mysql.port"));
}

TEST_CASE("native: two concurrent ups do not race, one waits for the other", "[native]") {
  NativeExample example;
  auto first = std::async(std::launch::async, [&] { return example.devenv("up"); });
  usleep(50000);
  auto second = std::async(std::launch::async, [&] { return example.devenv("up"); });
  const CommandResult a = first.get();
  const CommandResult b = second.get();
  INFO(a.output << "\n----\n" << b.output);
  CHECK(a.exit_code == 0);
  CHECK(b.exit_code == 0);
  CHECK_THAT(a.output + b.output, Catch::Contains("waiting for pid ") && Catch::Contains("(devenv up) to finish"));
  CHECK_THAT(b.output, Catch::Contains("already running"));
  CHECK(example.mysql("SELECT fingerprint IS NOT NULL FROM _devenv.init_fingerprint") == "1\n");
}

TEST_CASE("native: a reset, in place or from the init cache, gives exactly the schema of a cold init", "[native]") {
  NativeExample example;
  example.use_private_cache();  // the first up runs the init files
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  REQUIRE_THAT(up.output, !Catch::Contains("restored from cache"));
  const std::string cold = schema_dump(example);
  const auto drift = [&] {
    example.mysql("ALTER TABLE unkey.apis ADD COLUMN drifted int");
    example.postgres("DROP VIEW billing.open_invoices", "platform");
  };
  drift();
  const CommandResult in_place = example.devenv("reset");
  REQUIRE(in_place.exit_code == 0);
  CHECK_THAT(in_place.output, Catch::Contains("reset in place"));
  CHECK(schema_dump(example) == cold);
  drift();
  REQUIRE(example.devenv("down").exit_code == 0);  // stopped: the data dir is copied instead
  const CommandResult copied = example.devenv("reset");
  REQUIRE(copied.exit_code == 0);
  CHECK_THAT(copied.output, Catch::Contains("restored from cache"));
  CHECK(schema_dump(example) == cold);
}

TEST_CASE("native: a schema change is reported, and --reset-on-change applies it", "[native]") {
  NativeExample example;
  require_up(example);
  example.dir().write("schemas/analytics.sql",
                      example.dir().read("schemas/analytics.sql") + "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  const CommandResult status = example.devenv("status");
  CHECK_THAT(status.output, Catch::Contains("schema changed since this data dir was initialised"));
  const CommandResult up = example.devenv("up");
  CHECK(up.exit_code == 1);  // up ends with verify: the new table is missing
  CHECK_THAT(up.output, Catch::Contains("postgres: schema changed since this data dir was initialised — run `devenv "
                                        "reset postgres`"));
  CHECK_THAT(up.output, Catch::Contains("+ table public.added"));
  CHECK(example.postgres("SELECT count(*) FROM pg_tables WHERE tablename = 'added'", "analytics") == "0\n");
  const CommandResult applied = example.devenv("up --reset-on-change");
  INFO(applied.output);
  CHECK(applied.exit_code == 0);
  CHECK_THAT(applied.output, Catch::Contains("schemas match"));
  CHECK(example.postgres("SELECT count(*) FROM pg_tables WHERE tablename = 'added'", "analytics") == "1\n");
  CHECK_THAT(example.devenv("status").output, !Catch::Contains("schema changed"));
}

TEST_CASE("native: as root, PostgreSQL runs as the unprivileged owner of its data dir", "[native]") {
  NativeExample example;
  require_up(example);
  struct stat process {};
  REQUIRE(stat(("/proc/" + std::to_string(example.pid("postgres"))).c_str(), &process) == 0);
  if (geteuid() == 0) {
    CHECK(process.st_uid != 0);
    const std::string owner =
        devenv::test::run_command("stat -c %U /dev/shm/devenv-*/postgres/data 2>/dev/null | sort -u").output;
    CHECK_THAT(owner, Catch::Contains("postgres"));
  } else {
    CHECK(process.st_uid == geteuid());
  }
  CHECK(example.devenv("down").exit_code == 0);
  CHECK(example.status_of("postgres") == "stopped");
}

TEST_CASE("native: down still stops a server after the config moved its data dir", "[native]") {
  NativeExample example;
  require_up(example, "up mysql");
  const int pid = example.pid("mysql");
  REQUIRE(pid > 0);
  const std::string config = example.dir().read("config.toml");
  example.dir().write("config.toml",
                      std::regex_replace(config, std::regex("data_on_tmpfs = true"), "data_on_tmpfs = false"));
  CHECK_THAT(example.devenv("up mysql").output, Catch::Contains("but the config now puts data in"));
  const CommandResult down = example.devenv("down");
  INFO(down.output);
  CHECK(down.exit_code == 0);
  CHECK_THAT(down.output, Catch::Contains("stopping (pid " + std::to_string(pid) + ")"));
  for (int i = 0;
       i < 100 && kill(pid, 0) == 0 &&
       devenv::test::run_command("ps -o stat= -p " + std::to_string(pid)).output.find('Z') == std::string::npos;
       ++i)
    usleep(20000);
  const std::string state = devenv::test::run_command("ps -o stat= -p " + std::to_string(pid)).output;
  CHECK((state.empty() || state.find('Z') != std::string::npos));
  example.dir().write("config.toml", config);  // so that the purge on exit finds the tmpfs data dir
}

TEST_CASE("native: init runs .sh (executable or sourced) and .sql.gz files and ignores others like the images",
          "[native]") {
  NativeExample example;
  // Sourced (not executable): the images' environment reaches the socket-only server.
  example.dir().write(
      "initdb/mysql/50-seed.sh",
      "mariadb -uroot -p\"$MARIADB_ROOT_PASSWORD\" -e \"INSERT INTO unkey.workspaces (id, org_id, name, "
      "beta_features, features) VALUES ('ws_sh', 'o', 'n', '{}', '{}')\"\n");
  example.dir().write("seed.sql", "INSERT INTO hydra.leases VALUES ('r1', 'workflow', 'ns', 'w1', 1, 2, 1);\n");
  REQUIRE(devenv::test::run_command("gzip -c '" + example.dir().path().string() + "/seed.sql' > '" +
                                    example.dir().path().string() + "/initdb/mysql/60-seed.sql.gz'")
              .exit_code == 0);
  example.dir().write("initdb/postgres/50-exec.sh",
                      "#!/bin/sh\nset -e\npsql -v ON_ERROR_STOP=1 --username \"$POSTGRES_USER\" --dbname platform "
                      "-c \"INSERT INTO identity.users (email) VALUES ('sh@example.com')\"\n");
  REQUIRE(chmod((example.dir().path() / "initdb/postgres/50-exec.sh").c_str(), 0755) == 0);
  example.dir().write("initdb/postgres/notes.txt", "not a script\n");
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  CHECK_THAT(up.output, Catch::Contains("ignoring notes.txt"));
  CHECK(example.mysql("SELECT id FROM unkey.workspaces") == "ws_sh\n");
  CHECK(example.mysql("SELECT worker_id FROM hydra.leases") == "w1\n");
  CHECK(example.postgres("SELECT email FROM identity.users", "platform") == "sh@example.com\n");
}

TEST_CASE("native: env, shell and logs", "[native]") {
  NativeExample example;
  require_up(example);
  const CommandResult env = example.devenv("env");
  CHECK_THAT(env.output, Catch::Contains("export DEVENV_MAIN_URL='mysql://unkey:unkey@127.0.0.1:" +
                                         std::to_string(example.port("mysql")) + "/unkey'"));
  CHECK_THAT(env.output, Catch::Contains("export DEVENV_PARTITION_003_URL="));
  example.dir().write("mysql.sql", "SELECT DATABASE(), CURRENT_USER();\n");
  example.dir().write("psql.sql", "SELECT current_user;\n");
  const CommandResult shell = example.devenv("shell partition_002 < mysql.sql");
  CHECK(shell.exit_code == 0);
  CHECK_THAT(shell.output, Catch::Contains("partition_002\tunkey@%"));
  const CommandResult psql = example.devenv("shell analytics --user reporting < psql.sql");
  CHECK_THAT(psql.output, Catch::Contains("reporting"));
  const CommandResult logs = example.devenv("logs postgres --init -n 400");
  CHECK_THAT(logs.output, Catch::Contains("running") && Catch::Contains("99-devenv-fingerprint.sql"));
  CHECK(example.devenv("logs nosuch").exit_code == 2);
}
