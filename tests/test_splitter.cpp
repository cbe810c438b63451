#include <catch2/catch.hpp>

#include "sqltext/identifier.h"
#include "sqltext/shell_escape.h"
#include "sqltext/splitter.h"

using namespace devenv::sqltext;

namespace {

std::vector<std::string> texts(const std::vector<Statement>& statements) {
  std::vector<std::string> out;
  for (const Statement& s : statements) out.push_back(s.text);
  return out;
}

std::vector<std::string> split_mysql(std::string_view text) { return texts(split(text, Dialect::MySQL, "t.sql")); }
std::vector<std::string> split_pg(std::string_view text) { return texts(split(text, Dialect::Postgres, "t.sql")); }

SourceLocation error_at(std::string_view text, Dialect dialect) {
  try {
    split(text, dialect, "t.sql");
  } catch (const SourceError& e) {
    return e.where();
  }
  FAIL("expected a SourceError");
  return {};
}

}  // namespace

TEST_CASE("splitter: statements end at semicolons, the last may lack one", "[unit][sql]") {
  CHECK(split_mysql("SELECT 1; SELECT 2;\n SELECT 3") == std::vector<std::string>{"SELECT 1", "SELECT 2", "SELECT 3"});
  CHECK(split_pg("  \n\n").empty());
  CHECK(split_mysql(";;SELECT 1;;").size() == 1);
}

TEST_CASE("splitter: semicolons inside strings, identifiers and comments do not split", "[unit][sql]") {
  CHECK(split_mysql("INSERT INTO t VALUES ('a;b', \"c;d\", `e;f`); SELECT 1").size() == 2);
  CHECK(split_mysql("SELECT 'it''s; fine', 'back\\'slash;'; SELECT 2").size() == 2);
  CHECK(split_mysql("SELECT 1 -- a comment; still comment\n; SELECT 2").size() == 2);
  CHECK(split_mysql("SELECT 1 # hash comment; here\n; SELECT 2").size() == 2);
  CHECK(split_mysql("SELECT /* ; */ 1; SELECT 2").size() == 2);
  CHECK(split_pg("SELECT \"a;\"\"b\" FROM t; SELECT 2").size() == 2);
  // PostgreSQL has no backslash escapes in standard strings, but does in E'…'.
  CHECK(split_pg("SELECT 'a\\'; SELECT 2").size() == 2);
  CHECK(split_pg("SELECT E'a\\';b'; SELECT 2").size() == 2);
}

TEST_CASE("splitter: MySQL '--' needs a space, '#' is not a comment in PostgreSQL", "[unit][sql]") {
  CHECK(split_mysql("SELECT 1--1; SELECT 2").size() == 2);
  CHECK(split_pg("SELECT 1 # 2; SELECT 3").size() == 2);
}

TEST_CASE("splitter: PostgreSQL block comments nest, MySQL's do not", "[unit][sql]") {
  CHECK(split_pg("/* a /* b; */ still; */ SELECT 1; SELECT 2").size() == 2);
  CHECK(split_mysql("/* a /* b */ SELECT 1; SELECT 2").size() == 2);
}

TEST_CASE("splitter: MySQL executable comments are kept as code", "[unit][sql]") {
  const auto statements = split("CREATE TABLE t (a int) /*!50100 PARTITION BY HASH(a) */;", Dialect::MySQL, "t.sql");
  REQUIRE(statements.size() == 1);
  CHECK(statements[0].text == "CREATE TABLE t (a int) /*!50100 PARTITION BY HASH(a) */");
  bool found = false;
  for (const Token& token : statements[0].tokens) found |= token.kind == TokenKind::ExecutableComment;
  CHECK(found);
  const auto mariadb = split("SELECT 1 /*M!100100 , 2 */", Dialect::MySQL, "t.sql");
  CHECK(mariadb[0].tokens.back().kind == TokenKind::ExecutableComment);
}

TEST_CASE("splitter: PostgreSQL dollar quotes", "[unit][sql]") {
  CHECK(split_pg("CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql; SELECT 2").size() == 2);
  CHECK(split_pg("DO $body$ BEGIN PERFORM 1; /* $$ */ END $body$; SELECT 2").size() == 2);
  // $1 is a parameter, not a dollar quote
  CHECK(split_pg("PREPARE p AS SELECT $1; SELECT 2").size() == 2);
}

TEST_CASE("splitter: PostgreSQL BEGIN ATOMIC bodies keep their semicolons", "[unit][sql]") {
  const auto statements =
      split_pg("CREATE FUNCTION f(a int) RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT a; SELECT a + 1; END; SELECT 2;");
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].find("END") != std::string::npos);
  // CASE … END in an ordinary CREATE TABLE does not confuse it.
  CHECK(split_pg("CREATE TABLE t (x int GENERATED ALWAYS AS (CASE WHEN 1=1 THEN 1 END) STORED); SELECT 1").size() == 2);
}

TEST_CASE("splitter: a PostgreSQL column or parameter named begin opens no body", "[unit][sql]") {
  const auto statements = split(
      "CREATE TABLE audit (begin timestamptz, \"end\" timestamptz);\n"
      "CREATE TABLE t (id int);\n"
      "\\connect postgres\n"
      "SELECT 1;",
      Dialect::Postgres, "t.sql");
  REQUIRE(statements.size() == 4);
  CHECK(statements[0].text == "CREATE TABLE audit (begin timestamptz, \"end\" timestamptz)");
  CHECK(statements[2].kind == StatementKind::ClientCommand);
  CHECK(split_pg("CREATE FUNCTION f(begin int) RETURNS int AS 'SELECT 1' LANGUAGE sql; SELECT 2").size() == 2);
  CHECK(split_pg("CREATE INDEX begin ON t (a); SELECT 2").size() == 2);
  CHECK(split_pg("ALTER TABLE t ADD COLUMN begin int; SELECT 2").size() == 2);
  // Only CREATE [OR REPLACE] FUNCTION|PROCEDURE has a body.
  CHECK(split_pg("CREATE VIEW v AS SELECT 1 AS begin; SELECT 2").size() == 2);
}

TEST_CASE("splitter: BEGIN ATOMIC in CREATE OR REPLACE PROCEDURE, with CASE inside", "[unit][sql]") {
  const auto statements = split_pg(
      "CREATE OR REPLACE PROCEDURE p(x int) LANGUAGE sql BEGIN ATOMIC "
      "INSERT INTO t VALUES (CASE WHEN x > 0 THEN 1 ELSE 2 END); SELECT 1; END; SELECT 2;");
  REQUIRE(statements.size() == 2);
  CHECK(statements[1] == "SELECT 2");
}

TEST_CASE("splitter: MySQL DELIMITER blocks", "[unit][sql]") {
  const auto statements = split(
      "CREATE TABLE t (a int);\n"
      "DELIMITER //\n"
      "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END //\n"
      "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT ';//'; END//\n"
      "DELIMITER ;\n"
      "SELECT 2;",
      Dialect::MySQL, "t.sql");
  REQUIRE(statements.size() == 4);
  CHECK(statements[1].text == "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW BEGIN SET NEW.a = 1; END");
  CHECK(statements[1].has_inner_semicolon());
  CHECK(statements[2].text == "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT ';//'; END");
  CHECK(statements[3].text == "SELECT 2");
  CHECK(statements[3].where.line == 6);
  CHECK_FALSE(statements[0].has_inner_semicolon());
}

TEST_CASE("splitter: a MySQL delimiter glued to the word before it ends the statement", "[unit][sql]") {
  const auto statements = split_mysql(
      "DELIMITER $$\n"
      "CREATE PROCEDURE p() BEGIN SELECT 1; END$$\n"
      "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = a$b$$\n"
      "DELIMITER ;\n"
      "SELECT 2;");
  REQUIRE(statements.size() == 3);
  CHECK(statements[0] == "CREATE PROCEDURE p() BEGIN SELECT 1; END");
  CHECK(statements[1] == "CREATE TRIGGER tr BEFORE INSERT ON t FOR EACH ROW SET NEW.a = a$b");  // $ in a name stays
  CHECK(statements[2] == "SELECT 2");
}

TEST_CASE("splitter: DELIMITER with no terminator is an error at its position", "[unit][sql]") {
  const SourceLocation where = error_at("SELECT 1;\n  DELIMITER\nSELECT 2", Dialect::MySQL);
  CHECK(where.line == 2);
  CHECK(where.column == 3);
}

TEST_CASE("splitter: psql meta-commands are client commands ending at the line", "[unit][sql]") {
  const auto statements =
      split("\\connect other\nCREATE TABLE t (a int);\n\\set x 1\nSELECT 1", Dialect::Postgres, "t.sql");
  REQUIRE(statements.size() == 4);
  CHECK(statements[0].kind == StatementKind::ClientCommand);
  CHECK(statements[0].text == "\\connect other");
  CHECK(statements[1].kind == StatementKind::Sql);
  CHECK(statements[2].kind == StatementKind::ClientCommand);
}

TEST_CASE("splitter: positions are of the first code token, in lines and columns", "[unit][sql]") {
  const auto statements = split("-- header\n\n  /* c */ SELECT 1;\n\tSELECT\n2;", Dialect::MySQL, "f.sql");
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].where.str() == "f.sql:3:11");
  CHECK(statements[0].text == "-- header\n\n  /* c */ SELECT 1");
  CHECK(statements[1].where.str() == "f.sql:4:2");
}

TEST_CASE("splitter: columns count characters, not bytes", "[unit][sql]") {
  const auto statements = split("SELECT 'é'; SELECT 2", Dialect::Postgres, "f.sql");
  CHECK(statements[1].where.column == 13);
}

TEST_CASE("splitter: comments after the last statement are kept", "[unit][sql]") {
  const auto statements = split("SELECT 1;\n-- the end\n", Dialect::MySQL, "f.sql");
  REQUIRE(statements.size() == 2);
  CHECK(statements[1].kind == StatementKind::CommentOnly);
  CHECK(statements[1].text == "-- the end");
}

TEST_CASE("splitter: unterminated constructs are errors where they open", "[unit][sql]") {
  SECTION("string") {
    const SourceLocation where = error_at("SELECT 1;\nSELECT 'abc;\nSELECT 2;", Dialect::MySQL);
    CHECK(where.line == 2);
    CHECK(where.column == 8);
  }
  SECTION("block comment") {
    const SourceLocation where = error_at("SELECT 1; /* never closed", Dialect::Postgres);
    CHECK(where.line == 1);
    CHECK(where.column == 11);
  }
  SECTION("quoted identifier") { CHECK(error_at("CREATE TABLE `t (a int);", Dialect::MySQL).column == 14); }
  SECTION("dollar quote") {
    const SourceLocation where = error_at("SELECT 1;\n\nDO $x$ BEGIN END $y$;", Dialect::Postgres);
    CHECK(where.line == 3);
    CHECK(where.column == 4);
  }
  SECTION("nested comment left open") { CHECK(error_at("/* a /* b */", Dialect::Postgres).column == 1); }
}

namespace {

SourceLocation escape_at(std::string_view text, Dialect dialect) {
  for (const Statement& statement : split(text, dialect, "t.sql")) {
    try {
      reject_shell_escapes(statement, dialect);
    } catch (const SourceError& e) {
      return e.where();
    }
  }
  return {"none", 0, 0};
}

}  // namespace

TEST_CASE("shell escapes: client commands that run programs are refused where they are", "[unit][sql]") {
  CHECK(escape_at("SELECT 1;\nsystem ls", Dialect::MySQL).line == 2);
  CHECK(escape_at("SELECT 1;\n  \\! ls", Dialect::MySQL).column == 3);
  CHECK(escape_at("\\o |cat\n", Dialect::Postgres).line == 1);
  CHECK(escape_at("\\out| cat\n", Dialect::Postgres).line == 1);
  CHECK(escape_at("\\copy t to program 'gzip > x'\n", Dialect::Postgres).line == 1);
  // Not escapes: strings, comments, plain meta-commands and output to files.
  CHECK(escape_at("SELECT '\\\\! ls', 'system'; -- \\! ls\nSELECT system_user FROM t", Dialect::MySQL).line == 0);
  CHECK(escape_at("\\o out.txt\n\\set x 1\nSELECT '\\! ls';\n\\copy t from 'f.csv'\n", Dialect::Postgres).line == 0);
}

TEST_CASE("splitter: a part that starts inside its file keeps the file's lines and columns", "[unit][sql]") {
  // As a migration's Up section would be passed: it starts at line 5, column 25 of m.sql.
  const auto statements =
      split("\nCREATE TABLE a (x int);\n  SELECT 1", Dialect::Postgres, SourceLocation{"m.sql", 5, 25});
  REQUIRE(statements.size() == 2);
  CHECK(statements[0].where.str() == "m.sql:6:1");
  CHECK(statements[1].where.str() == "m.sql:7:3");
  // Code on the part's first line is shifted by the start column; errors too.
  CHECK(split("SELECT 1", Dialect::MySQL, SourceLocation{"m.sql", 3, 10})[0].where.str() == "m.sql:3:10");
  try {
    split("SELECT 1;\nSELECT 'open", Dialect::MySQL, SourceLocation{"m.sql", 40, 1});
    FAIL("expected a SourceError");
  } catch (const SourceError& e) {
    CHECK(e.where().str() == "m.sql:41:8");
  }
}

TEST_CASE("single statement: a block sent whole keeps its inner semicolons, not its last one", "[unit][sql]") {
  const std::string block =
      "CREATE FUNCTION touch() RETURNS trigger AS $$\nBEGIN\n  NEW.at = now();\n  RETURN NEW;\nEND;\n$$ "
      "LANGUAGE plpgsql;\n\n";
  const auto statement = single_statement(block, Dialect::Postgres, SourceLocation{"m.sql", 12, 1});
  REQUIRE(statement);
  CHECK(statement->text.ends_with("LANGUAGE plpgsql"));
  CHECK(statement->where.str() == "m.sql:12:1");
  CHECK(statement->kind == StatementKind::Sql);
  CHECK_FALSE(statement->has_inner_semicolon());  // the body's semicolons are inside the $$ string

  // MySQL: a procedure without DELIMITER is one statement whose semicolons are code.
  const auto procedure = single_statement("-- keeps counts\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END ;  ;\n",
                                          Dialect::MySQL, SourceLocation{"m.sql", 3, 1});
  REQUIRE(procedure);
  CHECK(procedure->text == "-- keeps counts\nCREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END");
  CHECK(procedure->where.str() == "m.sql:4:1");  // the first code token, as split() gives
  CHECK(procedure->has_inner_semicolon());
  CHECK(procedure->begins_with({"CREATE", "PROCEDURE"}));
  // DELIMITER is not a client command here: the tool sends the text as it is.
  CHECK(single_statement("DELIMITER //", Dialect::MySQL, SourceLocation{"m.sql", 1, 1})->text == "DELIMITER //");

  CHECK_FALSE(single_statement(" \n ; \n", Dialect::MySQL, SourceLocation{"m.sql", 1, 1}));
  CHECK(single_statement("-- only a comment\n", Dialect::MySQL, SourceLocation{"m.sql", 1, 1})->kind ==
        StatementKind::CommentOnly);
  CHECK_THROWS_AS(single_statement("SELECT $$ open", Dialect::Postgres, SourceLocation{"m.sql", 1, 1}), SourceError);
}

TEST_CASE("splitter (SQLite): a trigger's BEGIN … END body keeps its semicolons", "[unit][sql][sqlite]") {
  const auto statements =
      texts(split("CREATE TABLE t (a int);\n"
                  "CREATE TEMP TRIGGER tr AFTER INSERT ON t\n"
                  "WHEN CASE WHEN new.a > 0 THEN 1 ELSE 0 END\n"
                  "BEGIN\n  UPDATE t SET a = CASE WHEN a = 1 THEN 2 ELSE a END;\n"
                  "  DELETE FROM t WHERE a < 0;\nEND;\n"
                  "BEGIN;\nINSERT INTO t VALUES (1);\nCOMMIT;\n",
                  Dialect::SQLite, "t.sql"));
  REQUIRE(statements.size() == 5);
  CHECK(statements[1].starts_with("CREATE TEMP TRIGGER"));
  CHECK(statements[1].ends_with("DELETE FROM t WHERE a < 0;\nEND"));
  CHECK(statements[2] == "BEGIN");  // a transaction, not a body: only triggers have one
  CHECK(statements[3] == "INSERT INTO t VALUES (1)");
}

TEST_CASE("splitter (SQLite): [bracket], backtick and double-quoted names, no backslash escapes",
          "[unit][sql][sqlite]") {
  const auto statements =
      texts(split("CREATE TABLE [a;b] (`c;d` int, \"e;f\" text DEFAULT 'x\\');\n"
                  "SELECT $x, 1--1\n;\n",
                  Dialect::SQLite, "t.sql"));
  REQUIRE(statements.size() == 2);
  CHECK(statements[0] == "CREATE TABLE [a;b] (`c;d` int, \"e;f\" text DEFAULT 'x\\')");
  CHECK(identifier_value("[a;b]", Dialect::SQLite) == "a;b");
  CHECK(identifier_value("`c;d`", Dialect::SQLite) == "c;d");
  CHECK(quote_identifier("we\"ird", Dialect::SQLite) == "\"we\"\"ird\"");
  CHECK(error_at("CREATE TABLE [open (a int);", Dialect::SQLite).column == 14);
}

TEST_CASE("splitter (SQLite): begin and end as column names, in and around a trigger", "[unit][sql][sqlite]") {
  const auto statements =
      texts(split("CREATE TABLE spans (id INTEGER PRIMARY KEY, begin INT, end INT);\n"
                  "CREATE TRIGGER t AFTER UPDATE OF begin ON spans\n"
                  "WHEN new.begin > CASE WHEN old.end IS NULL THEN 0 ELSE old.end END\n"
                  "BEGIN\n  UPDATE spans SET end = begin + 1 WHERE id = new.id;\n"
                  "  SELECT CASE WHEN new.end > 0 THEN 1 END;\nEND;\n"
                  "SELECT begin, end FROM spans;\n",
                  Dialect::SQLite, "t.sql"));
  REQUIRE(statements.size() == 3);
  CHECK(statements[1].ends_with("SELECT CASE WHEN new.end > 0 THEN 1 END;\nEND"));
  CHECK(statements[2] == "SELECT begin, end FROM spans");
}
