// What verify must NOT call drift: the same schema spelled differently. The live
// database is built from one spelling (by hand, as root), the schema file says the
// other, and verify must find them equal.
#include <catch2/catch.hpp>

#include "catalog/mysql_normalise.h"
#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
namespace mysql = devenv::catalog::mysql;

namespace {

std::string project_config(const std::string& engine) {
  return "[project]\ndata_on_tmpfs = true\n\n[servers.db]\nengine = \"" + engine +
         "\"\nport = 0\nroot_password = \"devenv-root\"\n\n[[databases]]\nkey = \"eq\"\nserver = \"db\"\n"
         "source = \"schemas/eq.sql\"\n";
}

void expect_no_drift(const NativeExample& example) {
  const CommandResult verify = example.devenv("verify eq");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);
  CHECK_THAT(verify.output, Catch::Contains("schemas match"));
}

}  // namespace

TEST_CASE("verify (MariaDB): equivalent spellings are not drift", "[native][verify]") {
  // The schema file: canonical spellings, named constraints, one index order.
  const std::string file = R"SQL(
CREATE TABLE parent (
  id int NOT NULL AUTO_INCREMENT,
  name varchar(20) NOT NULL DEFAULT 'x',
  flag tinyint(1) DEFAULT 0,
  big bigint unsigned,
  created timestamp NOT NULL DEFAULT current_timestamp() ON UPDATE current_timestamp(),
  note varchar(10) CHARACTER SET utf8mb3 COLLATE utf8mb3_general_ci,
  PRIMARY KEY (id),
  UNIQUE KEY name (name),
  KEY big_idx (big)
) ENGINE=InnoDB COMMENT='p';
CREATE TABLE child (
  id int NOT NULL PRIMARY KEY,
  parent_id int,
  FOREIGN KEY (parent_id) REFERENCES parent (id),
  CHECK (id > 0)
);
)SQL";
  NativeExample example({{"config.toml", project_config("mariadb")}, {"schemas/eq.sql", file}});
  REQUIRE(example.devenv("up").exit_code == 0);
  // The live database: display widths, BOOLEAN/false, "x", CURRENT_TIMESTAMP and NOW(),
  // utf8, other key and option order, an unnamed unique key, an explicit FK index
  // named as InnoDB would, and an advanced AUTO_INCREMENT counter.
  for (const char* statement :
       {"DROP TABLE eq.child", "DROP TABLE eq.parent",
        "CREATE TABLE eq.parent (id INT(11) NOT NULL AUTO_INCREMENT, name VARCHAR(20) NOT NULL DEFAULT \"x\", "
        "flag BOOLEAN DEFAULT false, big BIGINT(20) UNSIGNED, created TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP "
        "ON UPDATE NOW(), note varchar(10) CHARACTER SET utf8 COLLATE utf8_general_ci, KEY big_idx (big), "
        "UNIQUE (name), PRIMARY KEY (id)) COMMENT='p' ENGINE=InnoDB",
        "INSERT INTO eq.parent (name) VALUES ('a'), ('b')",
        "CREATE TABLE eq.child (id INT(11) NOT NULL, parent_id INT(11) DEFAULT NULL, CHECK (id > 0), "
        "KEY parent_id (parent_id), PRIMARY KEY (id), FOREIGN KEY (parent_id) REFERENCES eq.parent (id))"}) {
    example.mysql(statement, "", "db");
  }
  expect_no_drift(example);
}

TEST_CASE("verify (PostgreSQL): equivalent spellings are not drift", "[native][verify]") {
  // The schema file: serial spelled out, casts written, named default constraints.
  const std::string file = R"SQL(
CREATE SEQUENCE t_id_seq AS integer;
CREATE TABLE t (
  id integer NOT NULL DEFAULT nextval('t_id_seq'::regclass),
  code character varying(10) DEFAULT 'x'::character varying,
  tags text[] DEFAULT '{}'::text[],
  amount numeric DEFAULT (1000)::numeric,
  at timestamp with time zone DEFAULT now(),
  CONSTRAINT t_amount_check CHECK (amount >= 0),
  CONSTRAINT t_code_key UNIQUE (code),
  CONSTRAINT t_pkey PRIMARY KEY (id)
);
ALTER SEQUENCE t_id_seq OWNED BY t.id;
CREATE INDEX t_at_idx ON t (at);
)SQL";
  NativeExample example({{"config.toml", project_config("postgres")}, {"schemas/eq.sql", file}});
  REQUIRE(example.devenv("up").exit_code == 0);
  // serial, aliases (varchar, timestamptz), bare literals, CURRENT_TIMESTAMP, unnamed
  // constraints in another order, an unnamed index.
  example.postgres("DROP TABLE t", "eq", "db");
  example.postgres(
      "CREATE TABLE t (id serial PRIMARY KEY, code varchar(10) UNIQUE DEFAULT 'x', "
      "tags text[] DEFAULT '{}', amount numeric DEFAULT 1000 CHECK (amount >= 0), "
      "at timestamptz DEFAULT CURRENT_TIMESTAMP)",
      "eq", "db");
  example.postgres("CREATE INDEX ON t (at)", "eq", "db");
  expect_no_drift(example);
}

TEST_CASE("verify: MySQL 8 and MariaDB catalog spellings normalise alike", "[unit][verify]") {
  // Display widths: MariaDB shows them, MySQL >= 8.0.19 does not (but keeps tinyint(1)).
  CHECK(mysql::column_type("int(11)") == mysql::column_type("int"));
  CHECK(mysql::column_type("bigint(20) unsigned") == "bigint unsigned");
  CHECK(mysql::column_type("tinyint(1)") == "tinyint(1)");
  CHECK(mysql::column_type("int(5) unsigned zerofill") == "int(5) unsigned zerofill");
  // ENUM and SET labels are values, kept byte for byte.
  CHECK(mysql::column_type("ENUM('HTTP-01','dns-01')") == "enum('HTTP-01','dns-01')");
  CHECK(mysql::column_type("SET('A','it''s','back\\'S')") == "set('A','it''s','back\\'S')");
  // Defaults: MariaDB quotes literals and writes expressions; MySQL returns bare
  // values and marks expressions DEFAULT_GENERATED.
  CHECK(mysql::column_default(std::string("'free'"), "enum('free')", "", true, false) ==
        mysql::column_default(std::string("free"), "enum('free')", "", false, false));
  CHECK(mysql::column_default(std::string("0"), "tinyint(1)", "", true, true) ==
        mysql::column_default(std::string("0"), "tinyint(1)", "", false, true));
  CHECK(mysql::column_default(std::string("current_timestamp(3)"), "timestamp(3)", "", true, false) ==
        mysql::column_default(std::string("CURRENT_TIMESTAMP(3)"), "timestamp(3)", "DEFAULT_GENERATED", false, false));
  CHECK(*mysql::column_default(std::string("now()"), "timestamp", "", true, false) == "current_timestamp()");
  // MariaDB writes an explicit NULL default as the word; on a nullable column it is no default.
  CHECK_FALSE(mysql::column_default(std::string("NULL"), "int", "", true, true));
  CHECK_FALSE(mysql::column_default(std::nullopt, "int", "", false, true));
  CHECK(mysql::on_update("on update current_timestamp()") ==
        mysql::on_update("DEFAULT_GENERATED on update CURRENT_TIMESTAMP"));
  CHECK(mysql::charset("utf8") == "utf8mb3");
  CHECK(mysql::charset("utf8_general_ci") == "utf8mb3_general_ci");
  CHECK(mysql::referential_action("NO ACTION") == mysql::referential_action("RESTRICT"));
  CHECK(mysql::referential_action("CASCADE") == "CASCADE");
  CHECK(mysql::body("BEGIN\n  -- note\n  SET x = 1; /* c */\nEND") == "BEGIN SET x = 1; END");
  CHECK(mysql::body("SELECT '--not a comment'") == "SELECT '--not a comment'");
}

TEST_CASE("verify: no shadow database is left after success, failure or Ctrl-C", "[native][verify]") {
  NativeExample example;
  REQUIRE(example.devenv("up").exit_code == 0);
  const auto shadows = [&] {
    return example.mysql(
               "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE '\\_devenv\\_shadow%'") +
           example.postgres("SELECT datname FROM pg_database WHERE datname LIKE '\\_devenv\\_shadow%'");
  };
  CHECK(example.devenv("verify").exit_code == 0);
  CHECK(shadows().empty());

  // Interrupted mid-way: the shadows it made are dropped, exit 130. Where a delay lands
  // depends on the machine's load, so several are tried, longest first: one that
  // comes after the verify finished, or before it set up its handler (the default
  // action also exits 130, but says nothing), is a miss, not a failure.
  bool interrupted = false;
  for (const char* delay : {"1.2", "0.8", "0.5", "0.3", "0.2", "0.12", "0.06"}) {
    const CommandResult result = devenv::test::run_command("cd '" + example.dir().path().string() +
                                                           "' && ('" DEVENV_BINARY "' verify & pid=$!; sleep " + delay +
                                                           "; kill -INT $pid; wait $pid)");
    INFO("delay " << delay << ": exit " << result.exit_code << "\n" << result.output);
    CHECK((result.exit_code == 0 || result.exit_code == 130));
    if (result.exit_code == 130 &&
        result.output.find("interrupted; what was half-made was undone") != std::string::npos) {
      interrupted = true;
      break;
    }
  }
  CHECK(interrupted);
  CHECK(shadows().empty());

  // A schema file the server rejects: exit 3, the file and line, no shadow left.
  example.dir().write("schemas/analytics.sql", example.dir().read("schemas/analytics.sql") +
                                                   "\nCREATE TABLE bad (id int REFERENCES nowhere (id));\n");
  const CommandResult failed = example.devenv("verify analytics");
  CHECK(failed.exit_code == 3);
  CHECK_THAT(failed.output,
             Catch::Contains("schemas/analytics.sql:") && Catch::Contains("the server rejected this statement"));
  CHECK(shadows().empty());
}
