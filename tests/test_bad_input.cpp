// Bad input gets a clear error and never stops what does not need it; valid but
// unusual input works (issue: Safety II, parts 2 to 5).
#include <unistd.h>
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::run_command;

TEST_CASE("bad input: a broken schema file does not stop down, status, env, logs or dump", "[reliability]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  example.dir().write("schemas/analytics.sql",
                      example.dir().read("schemas/analytics.sql") + "\nINSERT INTO t VALUES ('never closed);\n");
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  CHECK(up.exit_code == 2);  // the commands that read schema files say where it breaks
  CHECK_THAT(up.output, Catch::Contains("schemas/analytics.sql:"));
  for (const char* command : {"status", "env", "logs postgres -n 5", "dump analytics"}) {
    const CommandResult result = example.devenv(command);
    INFO(command << ": " << result.output);
    CHECK(result.exit_code == 0);
  }
  const CommandResult down = example.devenv("down");
  INFO(down.output);
  CHECK(down.exit_code == 0);
  CHECK(example.status_of("mysql") == "stopped");
  CHECK(example.status_of("postgres") == "stopped");
}

TEST_CASE("bad input: a changed root password is re-applied by reset, not restored from the old data dir",
          "[reliability]") {
  NativeExample example;
  REQUIRE(example.devenv("up mysql").exit_code == 0);
  const std::string config = example.dir().read("config.toml");
  const std::string changed = std::regex_replace(config, std::regex("DEVENV_MYSQL_ROOT_PASSWORD:-devenv-root"),
                                                 "DEVENV_MYSQL_ROOT_PASSWORD:-n3w #'\\\\ pw");
  REQUIRE(changed != config);
  example.dir().write("config.toml", changed);
  // Databases made since init cannot be listed with the new password: reset says so.
  const CommandResult unchecked = example.devenv("reset mysql");
  INFO(unchecked.output);
  CHECK(unchecked.exit_code == 2);
  CHECK_THAT(unchecked.output, Catch::Contains("--force"));
  const CommandResult reset = example.devenv("reset --force mysql");
  INFO(reset.output);
  CHECK(reset.exit_code == 0);
  // Root logs in with the new password: neither the old data dir nor its cache entry came back.
  example.dir().write("query.sql", "SELECT 41 + 1;\n");
  const CommandResult query = example.devenv("shell main --root < query.sql");
  INFO(query.output);
  CHECK_THAT(query.output, Catch::Contains("42"));
}

TEST_CASE("bad input: a data dir made by another major version is named, with what to do", "[reliability]") {
  NativeExample example;
  REQUIRE(example.devenv("up postgres").exit_code == 0);
  REQUIRE(example.devenv("down postgres").exit_code == 0);
  const std::string state = example.dir().read(".devenv/postgres/state");
  example.dir().write(".devenv/postgres/state",
                      std::regex_replace(state, std::regex("\nversion=[0-9]+"), "\nversion=9"));
  const CommandResult up = example.devenv("up postgres");
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("was made by postgres 9"));
  CHECK_THAT(up.output, Catch::Contains("devenv reset postgres"));
}

TEST_CASE("bad input: a PostgreSQL database named where and a user named union come up", "[reliability]") {
  NativeExample example;
  example.dir().write("config.toml",
                      example.dir().read("config.toml") +
                          "\n[[databases]]\nkey = \"reserved\"\nname = \"where\"\nserver = \"postgres\"\n"
                          "source = \"schemas/analytics.sql\"\n\n[[users]]\nname = \"union\"\n"
                          "password = \"u\"\nserver = \"postgres\"\ndatabases = [\"reserved\"]\n");
  const CommandResult up = example.devenv("up --verify");
  INFO(up.output);
  CHECK(up.exit_code == 0);
  CHECK_THAT(up.output, Catch::Contains("schemas match"));
  example.dir().write("query.sql", "SELECT current_user || '@' || current_database();\n");
  const CommandResult shell = example.devenv("shell where < query.sql");
  INFO(shell.output);
  CHECK_THAT(shell.output, Catch::Contains("union@where"));
}

TEST_CASE("bad input: a PostgreSQL column named begin comes up, and a later psql connect is still checked",
          "[reliability]") {
  NativeExample example;
  const std::string schema = example.dir().read("schemas/analytics.sql");
  example.dir().write("schemas/analytics.sql",
                      schema +
                          "\nCREATE TABLE audit_window (begin timestamptz NOT NULL, \"end\" timestamptz);\n"
                          "CREATE INDEX audit_window_begin ON audit_window (begin);\n");
  const CommandResult up = example.devenv("up postgres");
  INFO(up.output);
  CHECK(up.exit_code == 0);
  const CommandResult verify = example.devenv("verify analytics");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  example.dir().write("query.sql",
                      "SELECT count(*) || ' audit columns' FROM information_schema.columns "
                      "WHERE table_name = 'audit_window';\n");
  CHECK_THAT(example.devenv("shell analytics < query.sql").output, Catch::Contains("2 audit columns"));

  example.dir().write("schemas/analytics.sql", schema +
                                                   "\nCREATE TABLE audit_window (begin timestamptz);\n"
                                                   "\\connect postgres\nCREATE TABLE stray (id int);\n");
  const CommandResult build = example.devenv("build");
  INFO(build.output);
  CHECK(build.exit_code == 2);
  CHECK_THAT(build.output, Catch::Contains("\\connect postgres in a schema file"));
}

TEST_CASE("bad input: names at each engine's limit come up and verify, one byte more is refused and nothing is written",
          "[reliability]") {
  NativeExample example;
  const std::string config = example.dir().read("config.toml");
  const std::string mysql_name(64, 'm');     // MariaDB/MySQL database names: 64
  const std::string postgres_name(63, 'p');  // PostgreSQL identifiers: 63
  const std::string mysql_user(128, 'u');    // MariaDB 10.11 user names: 128
  const auto with_names = [&](const std::string& mysql_db, const std::string& postgres_db) {
    return config + "\n[[databases]]\nkey = \"long-m\"\nname = \"" + mysql_db +
           "\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n"
           "\n[[databases]]\nkey = \"long-p\"\nname = \"" +
           postgres_db +
           "\"\nserver = \"postgres\"\nsource = \"schemas/analytics.sql\"\n"
           "\n[[users]]\nname = \"" +
           mysql_user + "\"\npassword = \"long\"\nserver = \"mysql\"\ndatabases = [\"long-m\"]\n";
  };
  example.dir().write("config.toml", with_names(mysql_name, postgres_name));
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  const CommandResult verify = example.devenv("verify long-m long-p");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  example.dir().write("query.sql", "SELECT CONCAT(CURRENT_USER(), '@', DATABASE());\n");
  CHECK_THAT(example.devenv("shell long-m < query.sql").output, Catch::Contains(mysql_user + "@%@" + mysql_name));
  REQUIRE(example.devenv("down").exit_code == 0);

  const std::string before = example.dir().read("initdb/postgres/00-init-databases.sql");
  example.dir().write("config.toml", with_names(mysql_name, postgres_name + "p"));
  const CommandResult build = example.devenv("build");
  INFO(build.output);
  CHECK(build.exit_code == 2);
  CHECK_THAT(build.output, Catch::Contains("databases[") && Catch::Contains("postgres database names are at most 63"));
  CHECK(example.dir().read("initdb/postgres/00-init-databases.sql") == before);
  // A config devenv refuses cannot be purged with: put the valid one back, so that the
  // example's clean-up removes the data dirs and snapshots it made.
  example.dir().write("config.toml", with_names(mysql_name, postgres_name));
}

TEST_CASE("bad input: PostgreSQL passwords that SASLprep changes log in however the client spells them",
          "[reliability]") {
  NativeExample example;
  // TOML escapes: e + combining acute; a soft hyphen (mapped to nothing); a bell
  // after é (SASLprep refuses it, so both sides hash the raw bytes).
  example.dir().write("config.toml", example.dir().read("config.toml") +
                                         "\n[[users]]\nname = \"decomposed\"\npassword = \"cafe\\u0301\"\n"
                                         "server = \"postgres\"\ndatabases = [\"analytics\"]\n"
                                         "\n[[users]]\nname = \"hyphen\"\npassword = \"pass\\u00ADword\"\n"
                                         "server = \"postgres\"\ndatabases = [\"analytics\"]\n"
                                         "\n[[users]]\nname = \"bell\"\npassword = \"\\u00E9\\u0007\"\n"
                                         "server = \"postgres\"\ndatabases = [\"analytics\"]\n");
  const CommandResult up = example.devenv("up postgres");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  const auto log_in = [&](const std::string& user, const std::string& password) {
    const CommandResult result = run_command("PGPASSWORD='" + password + "' psql -X -h 127.0.0.1 -p " +
                                             std::to_string(example.port("postgres")) + " -U " + user +
                                             " -d analytics -tAc \"SELECT 'in as ' || current_user\" 2>&1");
    INFO(user << ": " << result.output);
    return result.exit_code == 0 && result.output.find("in as " + user) != std::string::npos;
  };
  CHECK(log_in("decomposed", "cafe\xCC\x81"));
  CHECK(log_in("decomposed", "caf\xC3\xA9"));  // the composed spelling a keyboard gives
  CHECK(log_in("hyphen", "pass\xC2\xADword"));
  CHECK(log_in("hyphen", "password"));
  CHECK(log_in("bell", "\xC3\xA9\x07"));
  CHECK_FALSE(log_in("hyphen", "pass-word"));  // and a wrong password still fails
}

TEST_CASE("bad input: a build that cannot write every file changes none of them", "[reliability]") {
  if (geteuid() != 0) {
    WARN("skipped: needs root to mount a small tmpfs");
    return;
  }
  namespace fs = std::filesystem;
  devenv::test::TempDir dir;
  devenv::test::copy_example(dir.path());
  const std::string root = dir.path().string();
  // Both servers' files change; MySQL's are written first, PostgreSQL's folder is full.
  dir.write("schemas/main.sql", dir.read("schemas/main.sql") + "\nCREATE TABLE added_m (a int);\n");
  dir.write("schemas/analytics.sql", dir.read("schemas/analytics.sql") + "\nCREATE TABLE added_p (a int);\n");
  const std::string mysql_before = dir.read("initdb/mysql/01-main-schema.sql");
  const std::string postgres_before = dir.read("initdb/postgres/02-analytics-schema.sql");
  const fs::path postgres = dir.path() / "initdb/postgres";
  const fs::path saved = dir.path() / "saved-postgres";
  fs::copy(postgres, saved);
  REQUIRE(run_command("mount -t tmpfs -o size=64k devenv-test-build '" + postgres.string() + "'").exit_code == 0);
  fs::copy(saved, postgres);
  run_command("dd if=/dev/zero of='" + (postgres / "filler").string() + "' bs=4k 2>/dev/null");
  const CommandResult build = devenv::test::run_devenv(root, "build");
  const std::string postgres_after = dir.read("initdb/postgres/02-analytics-schema.sql");
  run_command("umount '" + postgres.string() + "'");

  INFO(build.output);
  CHECK(build.exit_code == 3);
  CHECK_THAT(build.output, Catch::Contains("cannot write") && Catch::Contains("No space left on device") &&
                               Catch::Contains("nothing was changed"));
  CHECK(dir.read("initdb/mysql/01-main-schema.sql") == mysql_before);
  CHECK(postgres_after == postgres_before);
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(dir.path() / "initdb")) {
    CHECK(entry.path().string().find(".devenv-tmp.") == std::string::npos);
  }
  // With room again, the same build writes everything.
  CHECK(devenv::test::run_devenv(root, "build").exit_code == 0);
  CHECK_THAT(dir.read("initdb/mysql/01-main-schema.sql"), Catch::Contains("added_m"));
  CHECK_THAT(dir.read("initdb/postgres/02-analytics-schema.sql"), Catch::Contains("added_p"));
}

TEST_CASE("bad input: a staged file left by a build killed halfway is listed by --check and removed by the next build",
          "[reliability]") {
  devenv::test::TempDir dir;
  devenv::test::copy_example(dir.path());
  const std::string root = dir.path().string();
  // kill -9 between staging and renaming leaves a staged copy beside its output.
  const std::string staged = "initdb/mysql/01-main-schema.sql.devenv-tmp.99999";
  dir.write(staged, dir.read("initdb/mysql/01-main-schema.sql"));
  const CommandResult check = devenv::test::run_devenv(root, "build --check");
  INFO(check.output);
  CHECK(check.exit_code == 1);
  CHECK_THAT(check.output, Catch::Contains("unexpected: " + staged));
  const CommandResult build = devenv::test::run_devenv(root, "build");
  INFO(build.output);
  CHECK(build.exit_code == 0);
  CHECK_FALSE(std::filesystem::exists(dir.path() / staged));
  CHECK(devenv::test::run_devenv(root, "build --check").exit_code == 0);
}
