// Issue 12, "real projects' schema files": files written for the official images'
// init folder load unchanged. Their own CREATE DATABASE/USE is left out, every schema
// error of a build is listed at once, MySQL 8 collations are mapped for MariaDB, and
// MySQL users are stored as caching_sha2_password hashes.
#include <catch2/catch.hpp>

#include <filesystem>
#include <regex>

#include "engine/collations.h"
#include "engine/engine.h"
#include "generator/password_hash.h"
#include "generator/sha256_crypt.h"
#include "sqltext/qualifier.h"
#include "sqltext/splitter.h"
#include "support/native_example.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

using namespace devenv;
using test::CommandResult;
using test::NativeExample;
using test::run_devenv;
using test::TempDir;
namespace fs = std::filesystem;

namespace {

// A MySQL-family project of three databases (main, the workflow engine's, a partition
// template), as a real one lays them out; `engine` is mariadb or mysql.
std::string three_database_config(const std::string& engine = "mariadb") {
  return "[project]\ndata_on_tmpfs = true\n\n[servers.mysql]\nengine = \"" + engine +
         "\"\nport = 0\nroot_password = \"devenv-root\"\n\n"
         "[[databases]]\nkey = \"main\"\nname = \"unkey\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n\n"
         "[[databases]]\nkey = \"hydra\"\nname = \"hydra\"\nserver = \"mysql\"\nsource = \"schemas/hydra.sql\"\n\n"
         "[[databases]]\nkey = \"partition\"\nname = \"partition_{n:03}\"\ncount = 2\nserver = \"mysql\"\n"
         "source = \"schemas/partition.sql\"\n\n"
         "[[users]]\nname = \"unkey\"\npassword = \"unkey-pw\"\nserver = \"mysql\"\n"
         "databases = [\"main\", \"hydra\", \"partition\"]\n";
}

// The files as the project's Dockerfile copies them into /docker-entrypoint-initdb.d.
const std::map<std::string, std::string>& real_project_files() {
  static const std::map<std::string, std::string> files = {
      {"schemas/main.sql",
       "-- unkey: main database\n"
       "CREATE DATABASE IF NOT EXISTS unkey;\n"
       "USE unkey;\n"
       "CREATE TABLE apis (\n"
       "  id varchar(256) NOT NULL PRIMARY KEY,\n"
       "  name varchar(256) NOT NULL COLLATE utf8mb4_0900_ai_ci,\n"
       "  note varchar(64) DEFAULT 'utf8mb4_0900_ai_ci' -- a value, not a collation: utf8mb4_0900_ai_ci\n"
       ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n"},
      {"schemas/hydra.sql",
       "CREATE DATABASE IF NOT EXISTS `hydra` DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci;\n"
       "USE `hydra`;\n"
       "/*!50003 SET collation_connection = utf8mb4_0900_ai_ci */;\n"
       "CREATE TABLE workflows (\n"
       "  id bigint NOT NULL PRIMARY KEY,\n"
       "  state varchar(32) NOT NULL\n"
       ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;\n"},
      {"schemas/partition.sql",
       "CREATE DATABASE IF NOT EXISTS partition_001;\n"
       "USE partition_001;\n"
       "CREATE TABLE gateways (\n"
       "  id int NOT NULL PRIMARY KEY,\n"
       "  hostname varchar(255) NOT NULL COLLATE utf8mb4_0900_bin\n"
       ") DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_as_cs;\n"},
  };
  return files;
}

void write_project(const TempDir& dir, const std::map<std::string, std::string>& files,
                   const std::string& engine = "mariadb") {
  dir.write("config.toml", three_database_config(engine));
  for (const auto& [path, content] : real_project_files()) dir.write(path, content);
  for (const auto& [path, content] : files) dir.write(path, content);
}

// Writes the project (with `files` over the real ones) and runs `devenv build` in it.
CommandResult build_project(const TempDir& dir, const std::map<std::string, std::string>& files,
                            const std::string& engine = "mariadb") {
  write_project(dir, files, engine);
  return run_devenv(dir.path().string(), "build");
}

std::string qualified(std::string_view sql, const sqltext::QualifyTarget& target) {
  const auto statements = sqltext::split(sql, target.dialect, "s.sql");
  REQUIRE(statements.size() == 1);
  return sqltext::qualify(statements[0], target).render("app");
}

sqltext::QualifyTarget mariadb_target() {
  sqltext::QualifyTarget target;
  target.dialect = sqltext::Dialect::MySQL;
  target.database = "app";
  target.database_label = "app";
  target.own_databases = {"app"};
  target.map_collation = engine::mariadb_collation_for;
  return target;
}

std::string fmt_hex(unsigned char byte) {
  static constexpr char digits[] = "0123456789ABCDEF";
  return {digits[byte >> 4], digits[byte & 15]};
}

std::string from_hex(const std::string& hex) {
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2)
    out.push_back(static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16)));
  return out;
}

}  // namespace

// ---- 1. a file's own CREATE DATABASE / USE ----

TEST_CASE("real files: a file's own CREATE DATABASE and USE are left out, with a notice", "[unit][real-files]") {
  TempDir dir;
  const CommandResult build = build_project(dir, {});
  INFO(build.output);
  REQUIRE(build.exit_code == 0);
  CHECK_THAT(build.output, Catch::Contains("schemas/main.sql: left out CREATE DATABASE unkey (line 2), USE unkey "
                                           "(line 3): devenv creates and selects unkey itself"));
  CHECK_THAT(build.output, Catch::Contains("schemas/hydra.sql: left out CREATE DATABASE hydra (line 1), USE hydra "
                                           "(line 2)"));
  CHECK_THAT(build.output, Catch::Contains("not the file's"));  // hydra's CHARACTER SET/COLLATE: config.toml's apply
  CHECK_THAT(build.output,
             Catch::Contains("schemas/partition.sql: left out CREATE DATABASE partition_001 (line 1), USE "
                             "partition_001 (line 2): devenv creates and selects partition_{n:03} itself"));
  const std::string partition = dir.read("initdb/mysql/03-partition-schema.sql");
  // Each partition's section selects its own database; the file's USE partition_001 would
  // have sent partition_002's tables into partition_001.
  CHECK(partition.find("USE partition_001") == std::string::npos);
  CHECK(partition.find("CREATE DATABASE") == std::string::npos);
  CHECK_THAT(partition, Catch::Contains("CREATE TABLE `partition_002`.`gateways`"));
  const std::string main = dir.read("initdb/mysql/01-main-schema.sql");
  CHECK_THAT(main, Catch::Contains("-- unkey: main database"));  // its comment stays
  CHECK(main.find("USE unkey;") == std::string::npos);
}

TEST_CASE("real files: a partition file may name any of its template's databases", "[unit][real-files]") {
  TempDir dir;
  const CommandResult build = build_project(
      dir, {{"schemas/partition.sql",
             "CREATE SCHEMA IF NOT EXISTS `partition_002`;\nuse partition_002;\nCREATE TABLE t (a int);\n"}});
  INFO(build.output);
  CHECK(build.exit_code == 0);
  CHECK_THAT(build.output, Catch::Contains("left out CREATE DATABASE partition_002 (line 1), USE partition_002"));
}

TEST_CASE("real files: another database in CREATE DATABASE or USE stays an error", "[unit][real-files]") {
  const auto rejected = [](const std::string& file, const std::string& expected) {
    TempDir dir;
    const CommandResult build = build_project(dir, {{"schemas/main.sql", file}});
    INFO(build.output);
    CHECK(build.exit_code == 2);
    CHECK_THAT(build.output, Catch::Contains(expected));
    CHECK_FALSE(fs::exists(dir.path() / "initdb"));
  };
  rejected("CREATE DATABASE IF NOT EXISTS hydra;\n",
           "schemas/main.sql:1:8: CREATE/ALTER/DROP DATABASE hydra in a "
           "schema file for unkey");
  rejected("USE `partition_001`;\n", "schemas/main.sql:1:1: USE partition_001 in a schema file for unkey");
  rejected("DROP DATABASE unkey;\n", "schemas/main.sql:1:6: CREATE/ALTER/DROP DATABASE unkey");
}

// ---- 2. every error of a build at once ----

TEST_CASE("real files: build reports every schema error at once, with its place, and writes nothing",
          "[unit][real-files]") {
  TempDir dir;
  const CommandResult build =
      build_project(dir, {{"schemas/main.sql", "CREATE DATABASE other;\nCREATE TABLE a (id int);\nUSE hydra2;\n"},
                          {"schemas/hydra.sql", "CREATE TABLE nope.t (id int);\n\\! ls\n"},
                          {"schemas/partition.sql", "CREATE TABLE p (a varchar(3) DEFAULT 'open);\n"}});
  INFO(build.output);
  CHECK(build.exit_code == 2);
  CHECK_THAT(build.output,
             Catch::Contains("devenv: schema error: schemas/main.sql:1:8: CREATE/ALTER/DROP DATABASE other"));
  CHECK_THAT(build.output, Catch::Contains("devenv: schema error: schemas/main.sql:3:1: USE hydra2"));
  CHECK_THAT(build.output, Catch::Contains("devenv: schema error: schemas/hydra.sql:1:14: name is qualified with "
                                           "database 'nope'"));
  CHECK_THAT(build.output, Catch::Contains("devenv: schema error: schemas/hydra.sql:2:1:"));
  CHECK_THAT(build.output, Catch::Contains("devenv: schema error: schemas/partition.sql:1:38: unterminated string"));
  CHECK_THAT(build.output, Catch::Contains("devenv: 5 schema errors; nothing was written"));
  CHECK_FALSE(fs::exists(dir.path() / "initdb"));
  CHECK_FALSE(fs::exists(dir.path() / "docker-compose.yml"));
}

TEST_CASE("real files: errors beyond 20 are counted, not listed", "[unit][real-files]") {
  TempDir dir;
  std::string file;
  for (int i = 0; i < 25; ++i) file += "USE other_" + std::to_string(i) + ";\n";
  const CommandResult build = build_project(dir, {{"schemas/main.sql", file}});
  INFO(build.output);
  CHECK(build.exit_code == 2);
  CHECK_THAT(build.output, Catch::Contains("schemas/main.sql:20:1: USE other_19"));
  CHECK(build.output.find("USE other_20") == std::string::npos);
  CHECK_THAT(build.output, Catch::Contains("devenv: 25 schema errors (the first 20 shown); nothing was written"));
}

// ---- 3. MySQL 8 collations on MariaDB ----

TEST_CASE("real files: MySQL 8 _0900_ collations have MariaDB's nearest NO PAD collation", "[unit][real-files]") {
  using engine::mariadb_collation_for;
  CHECK(mariadb_collation_for("utf8mb4_0900_ai_ci") == "utf8mb4_uca1400_nopad_ai_ci");
  CHECK(mariadb_collation_for("UTF8MB4_0900_AI_CI") == "utf8mb4_uca1400_nopad_ai_ci");
  CHECK(mariadb_collation_for("utf8mb4_0900_as_ci") == "utf8mb4_uca1400_nopad_as_ci");
  CHECK(mariadb_collation_for("utf8mb4_0900_as_cs") == "utf8mb4_uca1400_nopad_as_cs");
  CHECK(mariadb_collation_for("utf8mb4_0900_bin") == "utf8mb4_nopad_bin");
  CHECK(mariadb_collation_for("utf8mb4_de_pb_0900_ai_ci") == "utf8mb4_uca1400_german2_nopad_ai_ci");
  CHECK(mariadb_collation_for("utf8mb4_sv_0900_as_cs") == "utf8mb4_uca1400_swedish_nopad_as_cs");
  CHECK(mariadb_collation_for("utf8mb4_ja_0900_as_cs_ks") == "utf8mb4_uca1400_nopad_as_cs");
  CHECK(mariadb_collation_for("utf8mb4_general_ci") == std::nullopt);
  CHECK(mariadb_collation_for("utf8mb4_xx_0900_ai_ci") == std::nullopt);
  CHECK(mariadb_collation_for("latin1_0900_ai_ci") == std::nullopt);
  CHECK(engine::Engine(engine::Engine::Kind::MySQL).server_collation("utf8mb4_0900_ai_ci") == std::nullopt);
}

TEST_CASE("real files: collations are mapped in code only, never in strings or comments", "[unit][real-files]") {
  const sqltext::QualifyTarget target = mariadb_target();
  CHECK(qualified("CREATE TABLE t (a varchar(3) COLLATE utf8mb4_0900_ai_ci) COLLATE=`utf8mb4_0900_bin`", target) ==
        "CREATE TABLE `app`.`t` (a varchar(3) COLLATE utf8mb4_uca1400_nopad_ai_ci) COLLATE=`utf8mb4_nopad_bin`");
  CHECK(qualified("INSERT INTO t VALUES ('utf8mb4_0900_ai_ci') -- utf8mb4_0900_ai_ci", target) ==
        "INSERT INTO `app`.`t` VALUES ('utf8mb4_0900_ai_ci') -- utf8mb4_0900_ai_ci");
  CHECK(qualified("/* utf8mb4_0900_ai_ci */ SET NAMES utf8mb4 COLLATE 'utf8mb4_0900_ai_ci'", target) ==
        "/* utf8mb4_0900_ai_ci */ SET NAMES utf8mb4 COLLATE 'utf8mb4_uca1400_nopad_ai_ci'");
  CHECK(qualified("/*!50003 SET collation_connection = utf8mb4_0900_ai_ci */", target) ==
        "/*!50003 SET collation_connection = utf8mb4_uca1400_nopad_ai_ci */");
  CHECK(qualified("SET @@collation_connection = 'utf8mb4_0900_ai_ci'", target) ==
        "SET @@collation_connection = 'utf8mb4_uca1400_nopad_ai_ci'");
  sqltext::QualifyTarget unmapped = target;
  unmapped.map_collation = nullptr;
  CHECK(qualified("CREATE TABLE t (a int) COLLATE utf8mb4_0900_ai_ci", unmapped) ==
        "CREATE TABLE `app`.`t` (a int) COLLATE utf8mb4_0900_ai_ci");
}

TEST_CASE("real files: build maps collations for MariaDB once per file, and not for MySQL", "[unit][real-files]") {
  TempDir dir;
  const CommandResult build = build_project(dir, {});
  INFO(build.output);
  REQUIRE(build.exit_code == 0);
  CHECK_THAT(build.output,
             Catch::Contains("schemas/partition.sql: collations MariaDB lacks mapped to its nearest (NO PAD, as "
                             "MySQL's): utf8mb4_0900_as_cs → utf8mb4_uca1400_nopad_as_cs, utf8mb4_0900_bin → "
                             "utf8mb4_nopad_bin"));
  const std::regex once("schemas/main.sql: collations");
  CHECK(std::distance(std::sregex_iterator(build.output.begin(), build.output.end(), once), std::sregex_iterator()) ==
        1);
  const std::string main = dir.read("initdb/mysql/01-main-schema.sql");
  CHECK_THAT(main, Catch::Contains("COLLATE utf8mb4_uca1400_nopad_ai_ci,"));
  CHECK_THAT(main, Catch::Contains("DEFAULT 'utf8mb4_0900_ai_ci' -- a value, not a collation: utf8mb4_0900_ai_ci"));

  TempDir mysql;
  const CommandResult mysql_build = build_project(mysql, {}, "mysql");
  INFO(mysql_build.output);
  REQUIRE(mysql_build.exit_code == 0);
  CHECK(mysql_build.output.find("collations MariaDB lacks") == std::string::npos);
  CHECK_THAT(mysql.read("initdb/mysql/01-main-schema.sql"), Catch::Contains("COLLATE utf8mb4_0900_ai_ci,"));
}

// ---- 4. caching_sha2_password for MySQL ----

TEST_CASE("real files: SHA-256 crypt matches the published vectors of its specification", "[unit][real-files]") {
  using generator::sha256_crypt_digest;
  // Drepper's "Unix crypt using SHA-256 and SHA-512", whose callers cut salts to 16 bytes.
  CHECK(sha256_crypt_digest("Hello world!", "saltstring", 5000) == "5B8vYYiY.CVt1RlTTf8KbXBH3hsxY/GNooZaBBGWEc5");
  CHECK(sha256_crypt_digest("Hello world!", "saltstringsaltst", 10000) ==
        "3xv.VbSHBb41AL9AvLeujZkZRBAwqFMz2.opqey6IcA");
  CHECK(sha256_crypt_digest("This is just a test", "toolongsaltstrin", 5000) ==
        "Un/5jzAHMgOGZ5.mWJpuVolil07guHPvOW8mGRcvxa5");
}

TEST_CASE("real files: caching_sha2_password hashes match MySQL 8's stored values", "[unit][real-files]") {
  // mysql.user.authentication_string values published with their passwords, in
  // hashcat's `$mysql$A$005*<salt hex>*<digest hex>` form (mode 7401): its example
  // hash (password "hashcat"), and one taken from a MySQL 8 server (password "password").
  const auto check = [](const std::string& password, const std::string& salt_hex, const std::string& digest_hex) {
    const std::string salt = from_hex(salt_hex);
    REQUIRE(salt.size() == 20);
    CHECK(generator::caching_sha2_password_hash_with_salt(password, salt) == "$A$005$" + salt + from_hex(digest_hex));
  };
  check("hashcat", "F9CC98CE08892924F50A213B6BC571A2C11778C5",
        "625479393559393965414D45316477456B484F41316E64484742577A2E3162785353526B7554584647562F");
  check("password", "06437A150142644D74187A6A2F0D7971094F2575",
        "48667A67485366745A304F6A487A73704250663465337A7530325157687A51364A384D737554424939702E");
}

TEST_CASE("real files: a generated caching_sha2_password hash has MySQL's format and is reproducible",
          "[unit][real-files]") {
  const std::string hash = generator::caching_sha2_password_hash("unkey", "unkey-pw");
  REQUIRE(hash.size() == 7 + 20 + 43);
  CHECK(hash.substr(0, 7) == "$A$005$");
  for (char c : hash.substr(7, 20)) {
    CHECK(c >= 1);  // 1–127 but '$', as MySQL draws salt bytes
    CHECK(c != '$');
  }
  CHECK(std::regex_match(hash.substr(27), std::regex("[./0-9A-Za-z]{43}")));
  CHECK(hash.substr(27) == generator::sha256_crypt_digest("unkey-pw", hash.substr(7, 20), 5000));
  CHECK(hash == generator::caching_sha2_password_hash("unkey", "unkey-pw"));
  CHECK(hash != generator::caching_sha2_password_hash("other", "unkey-pw"));
}

TEST_CASE("real files: MySQL users are created with caching_sha2_password, MariaDB's with mysql_native_password",
          "[unit][real-files]") {
  TempDir mysql;
  REQUIRE(build_project(mysql, {}, "mysql").exit_code == 0);
  const std::string init = mysql.read("initdb/mysql/00-init-databases.sql");
  const std::string hex = generator::caching_sha2_password_hash("unkey", "unkey-pw");
  std::string expected = "0x";
  for (unsigned char c : hex) expected += fmt_hex(c);
  CHECK_THAT(init, Catch::Contains("CREATE USER IF NOT EXISTS 'unkey'@'%' IDENTIFIED WITH caching_sha2_password AS " +
                                   expected + ";"));
  CHECK(init.find("unkey-pw") == std::string::npos);
  CHECK(init.find("mysql_native_password") == std::string::npos);

  TempDir mariadb;
  REQUIRE(build_project(mariadb, {}).exit_code == 0);
  CHECK_THAT(mariadb.read("initdb/mysql/00-init-databases.sql"),
             Catch::Contains("IDENTIFIED WITH mysql_native_password AS '*"));
}

// ---- on a real server ----

TEST_CASE("real files: a three-database MySQL project comes up and verifies clean on MariaDB", "[native][real-files]") {
  std::map<std::string, std::string> files = real_project_files();
  files["config.toml"] = three_database_config();
  NativeExample example(files);
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  CHECK(example.mysql("SELECT TABLE_COLLATION FROM information_schema.TABLES WHERE TABLE_NAME = 'apis'") ==
        "utf8mb4_uca1400_nopad_ai_ci\n");
  CHECK(example.mysql("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_NAME = 'gateways'") == "2\n");
  const CommandResult verify = example.devenv("verify");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  // The shadow load left the file's CREATE DATABASE/USE out too: no database was made.
  CHECK(example.mysql(
            "SELECT COUNT(*) FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '\\_devenv\\_shadow%'") == "0\n");
  // Mapping is no blanket: another collation is still drift.
  example.mysql("ALTER TABLE hydra.workflows MODIFY state varchar(32) NOT NULL COLLATE utf8mb4_general_ci");
  const CommandResult drift = example.devenv("verify hydra");
  INFO(drift.output);
  CHECK(drift.exit_code == 1);
  CHECK_THAT(drift.output, Catch::Contains("state"));
}

TEST_CASE("real files: an unknown collation at up points at its clause and names the mapping", "[native][real-files]") {
  std::map<std::string, std::string> files = real_project_files();
  files["config.toml"] = three_database_config();
  files["schemas/main.sql"] = "CREATE TABLE t (\n  id int,\n  name varchar(3)\n    COLLATE utf8mb4_nosuch_ci\n);\n";
  NativeExample example(files);
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("(from schemas/main.sql:4:13) failed"));
  CHECK_THAT(up.output, Catch::Contains("Unknown collation: 'utf8mb4_nosuch_ci'"));
  CHECK_THAT(up.output, Catch::Contains("utf8mb4_0900_ai_ci → utf8mb4_uca1400_nopad_ai_ci"));
}
