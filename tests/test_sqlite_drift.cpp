// SQLite's drift battery, without a server: for each kind of object the "current"
// schema is loaded into a live file and the "desired" one into another, and comparing
// them must report exactly the expected differences; spellings that mean the same must
// report none. Then the fix SQL of every case is applied to the live file and must
// converge (a second comparison finds nothing), keeping the rows of rebuilt tables;
// and every schema dumps, loads into an empty file and dumps again to the same bytes.
#include <catch2/catch.hpp>

#include <sstream>

#include "catalog/dialect_writer.h"
#include "catalog/fix_sql.h"
#include "support/sqlite_files.h"

using devenv::catalog::compare;
using devenv::test::described;
using devenv::test::SqliteFiles;

namespace {

constexpr auto kSQLite = devenv::sqltext::Dialect::SQLite;

struct DriftCase {
  std::string description;
  std::string current;  // the live file
  std::string desired;  // the schema file
  std::vector<std::string> expected;
};

const std::string kBase = "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x', b INT);";

const std::vector<DriftCase>& drift_cases() {
  static const std::vector<DriftCase> cases = {
      {"a missing table", "", kBase, {"missing table t"}},
      {"an extra table", kBase, "", {"extra table t"}},
      {"a missing column",
       kBase,
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x', b INT, c REAL);",
       {"missing column t.c"}},
      {"an extra column",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x', b INT, c REAL);",
       kBase,
       {"extra column t.c"}},
      {"a column's type",
       kBase,
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a VARCHAR(10) NOT NULL DEFAULT 'x', b INT);",
       {"changed column t.a"}},
      {"INT and INTEGER are different declarations",
       kBase,
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x', b INTEGER);",
       {"changed column t.b"}},
      {"nullability",
       kBase,
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x', b INT NOT NULL DEFAULT 0);",
       {"changed column t.b"}},
      {"a default",
       kBase,
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'y', b INT);",
       {"changed column t.a"}},
      {"a collation",
       kBase,
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x' COLLATE NOCASE, b INT);",
       {"changed column t.a"}},
      {"a generated column's expression",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, b INT, g INT GENERATED ALWAYS AS (b * 2) VIRTUAL);",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, b INT, g INT GENERATED ALWAYS AS (b * 3) VIRTUAL);",
       {"changed column t.g"}},
      {"a generated column's storage",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, b INT, g INT GENERATED ALWAYS AS (b * 2) VIRTUAL);",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, b INT, g INT GENERATED ALWAYS AS (b * 2) STORED);",
       {"changed column t.g"}},
      {"the primary key's columns",
       "CREATE TABLE t (a TEXT NOT NULL, b INT NOT NULL, PRIMARY KEY (a));",
       "CREATE TABLE t (a TEXT NOT NULL, b INT NOT NULL, PRIMARY KEY (a, b));",
       {"changed index t.PRIMARY"}},
      {"an INT key is not the rowid",
       "CREATE TABLE t (id INT PRIMARY KEY, a TEXT);",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);",
       {"changed column t.id", "changed index t.PRIMARY"}},
      {"INTEGER PRIMARY KEY DESC is not the rowid",
       "CREATE TABLE t (id INTEGER PRIMARY KEY DESC, a TEXT);",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);",
       {"changed index t.PRIMARY"}},
      {"an INTEGER key made not the rowid",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);",
       "CREATE TABLE t (id INTEGER PRIMARY KEY DESC, a TEXT);",
       {"changed index t.PRIMARY"}},
      {"a double-quoted string and a single-quoted one",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT CHECK (s IN (\"on\", \"off\")));",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT CHECK (s IN (\"on\", 'off')));",
       {"missing check t.CHECK (s IN (\"on\", 'off'))", "extra check t.CHECK (s IN (\"on\", \"off\"))"}},
      {"WITHOUT ROWID",
       "CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT);",
       "CREATE TABLE t (id TEXT PRIMARY KEY, a TEXT) WITHOUT ROWID;",
       // A WITHOUT ROWID table's key is NOT NULL (a rowid table's may hold NULLs).
       {"changed column t.id", "missing option t.WITHOUT ROWID"}},
      {"STRICT",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT) STRICT;",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);",
       {"extra option t.STRICT"}},
      {"AUTOINCREMENT",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);",
       "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT, a TEXT);",
       {"changed column t.id"}},
      {"a UNIQUE constraint",
       kBase,
       "CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT NOT NULL DEFAULT 'x' UNIQUE, b INT);",
       {"missing index t.UNIQUE (\"a\")"}},
      {"a plain index", kBase, (kBase + " CREATE INDEX t_b ON t (b);"), {"missing index t.t_b"}},
      {"a unique index",
       (kBase + " CREATE INDEX t_b ON t (b);"),
       (kBase + " CREATE UNIQUE INDEX t_b ON t (b);"),
       {"changed index t.t_b"}},
      {"an index's columns",
       (kBase + " CREATE INDEX t_b ON t (b);"),
       (kBase + " CREATE INDEX t_b ON t (b, a);"),
       {"changed index t.t_b"}},
      {"a partial index's WHERE",
       (kBase + " CREATE INDEX t_b ON t (b) WHERE b > 0;"),
       (kBase + " CREATE INDEX t_b ON t (b) WHERE b > 1;"),
       {"changed index t.t_b"}},
      {"an expression index",
       (kBase + " CREATE INDEX t_a ON t (lower(a));"),
       (kBase + " CREATE INDEX t_a ON t (upper(a));"),
       {"changed index t.t_a"}},
      {"a foreign key's action",
       "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id));",
       "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INTEGER REFERENCES p (id) ON DELETE CASCADE);",
       {"missing foreign key c.FOREIGN KEY (\"p_id\") REFERENCES \"p\" (\"id\") ON DELETE CASCADE",
        "extra foreign key c.FOREIGN KEY (\"p_id\") REFERENCES \"p\" (\"id\")"}},
      {"a CHECK",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, b INT CHECK (b > 0));",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, b INT CHECK (b >= 0));",
       {"missing check t.CHECK (b >= 0)", "extra check t.CHECK (b > 0)"}},
      {"a view",
       (kBase + " CREATE VIEW v AS SELECT a FROM t;"),
       (kBase + " CREATE VIEW v AS SELECT a, b FROM t;"),
       {"changed view v"}},
      {"a missing view", kBase, (kBase + " CREATE VIEW v AS SELECT a FROM t;"), {"missing view v"}},
      {"a trigger",
       (kBase + " CREATE TRIGGER trg AFTER INSERT ON t BEGIN UPDATE t SET b = 1 WHERE id = NEW.id; END;"),
       (kBase + " CREATE TRIGGER trg AFTER INSERT ON t BEGIN UPDATE t SET b = 2 WHERE id = NEW.id; END;"),
       {"changed trigger trg"}},
      {"the column order",
       "CREATE TABLE t (id INTEGER PRIMARY KEY, b INT, a TEXT NOT NULL DEFAULT 'x');",
       kBase,
       {"changed column order t."}},
  };
  return cases;
}

// Pairs that mean the same schema, spelled differently.
const std::vector<std::pair<const char*, const char*>>& same_meaning() {
  static const std::vector<std::pair<const char*, const char*>> pairs = {
      {"CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT, b INT);",
       "CREATE TABLE \"t\" (\"id\" INTEGER PRIMARY KEY, [a] TEXT, `b` INT);"},
      {"CREATE TABLE t (id INTEGER PRIMARY KEY, a TEXT);", "CREATE TABLE t (id INTEGER, a TEXT, PRIMARY KEY (id));"},
      {"CREATE TABLE t (a TEXT UNIQUE);", "CREATE TABLE t (a TEXT, CONSTRAINT t_a_unique UNIQUE (a));"},
      {"CREATE TABLE t (b INT CHECK (b > 0));", "CREATE TABLE t (b INT, CONSTRAINT positive CHECK (b>0));"},
      {"CREATE TABLE t (a varchar (10) not null default 1);", "create table t (a VARCHAR(10) NOT NULL DEFAULT (1));"},
      {"CREATE TABLE t (a TEXT COLLATE NOCASE, b TEXT COLLATE BINARY);",
       "CREATE TABLE t (a TEXT collate nocase, b TEXT);"},
      {"CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INT REFERENCES p (id));",
       "CREATE TABLE p (id INTEGER PRIMARY KEY); CREATE TABLE c (p_id INT REFERENCES p);"},
      {"CREATE TABLE t (a INT, b INT); CREATE INDEX i ON t (a) WHERE b IS NOT NULL AND a > 0;",
       "CREATE TABLE t (a INT, b INT); create index i on \"t\"(a)\n  where b is not null and a>0;"},
      {"CREATE TABLE t (a TEXT); CREATE INDEX i ON t (lower(a));",
       "CREATE TABLE t (a TEXT); CREATE INDEX i ON t(lower( a ));"},
      {"CREATE TABLE t (a INT, g INT GENERATED ALWAYS AS (a + 1) VIRTUAL);", "CREATE TABLE t (a INT, g INT AS (a+1));"},
      {"CREATE TABLE t (a INT); CREATE VIEW v AS SELECT a FROM t WHERE a > 0;",
       "CREATE TABLE t (a INT); create view v as\n  select [a] from \"t\" -- positive\n  where a>0;"},
      {"CREATE TABLE t (a INT); CREATE TRIGGER trg AFTER INSERT ON t BEGIN UPDATE t SET a = 1; END;",
       "CREATE TABLE t (a INT); create trigger trg after insert on [t]\nbegin\n  update t set a=1;\nend;"},
      // A keyword-like name, bare (upper-cased as a keyword) or quoted, is one name.
      {"CREATE TABLE t (key TEXT); CREATE INDEX i ON t (lower(key)); CREATE VIEW v AS SELECT lower(key) AS k FROM t;",
       "CREATE TABLE t (\"key\" TEXT); CREATE INDEX i ON t (lower(\"key\"));"
       " CREATE VIEW v AS SELECT lower([key]) AS k FROM \"t\";"},
      {"CREATE TABLE t (a TEXT); CREATE TRIGGER trg AFTER INSERT ON t BEGIN UPDATE t SET a = NEW.a; END;",
       "CREATE TABLE t (a TEXT); CREATE TRIGGER trg AFTER INSERT ON t BEGIN UPDATE t SET \"a\" = NEW.\"a\"; END;"},
      {"CREATE TABLE t (s TEXT DEFAULT 'on');", "CREATE TABLE t (s TEXT DEFAULT \"on\");"},
      {"CREATE TABLE t (a INT); CREATE INDEX i ON t (a); CREATE INDEX j ON t (a);",
       "CREATE TABLE t (a INT); CREATE INDEX j ON t (a); CREATE INDEX i ON t (a);"},
  };
  return pairs;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

std::string fix_sql(const std::vector<devenv::catalog::Difference>& differences,
                    const devenv::catalog::Database& expected, const devenv::catalog::Database& actual,
                    bool allow_destructive) {
  devenv::catalog::ComparedModels models;
  models.emplace(actual.name, devenv::catalog::ComparedPair{expected, actual});
  std::ostringstream out;
  devenv::catalog::render_fix_sql(out, differences, models, kSQLite, allow_destructive);
  return out.str();
}

// The desired model named like the live one, as verify renames a shadow's.
devenv::catalog::Database desired_model(const SqliteFiles& files, const std::string& sql) {
  files.load("desired", sql);
  devenv::catalog::Database model = files.model("desired");
  model.name = "live";
  return model;
}

}  // namespace

TEST_CASE("SQLite drift battery: each change of each kind is reported exactly", "[unit][sqlite][verify]") {
  SqliteFiles files;
  for (const DriftCase& c : drift_cases()) {
    SECTION(c.description) {
      files.load("live", c.current);
      const auto differences = compare(desired_model(files, c.desired), files.model("live"), kSQLite);
      INFO(c.description << "\ncurrent: " << c.current << "\ndesired: " << c.desired);
      CHECK(joined(described(differences)) == joined(c.expected));
    }
  }
}

TEST_CASE("SQLite spellings that mean the same schema are not drift", "[unit][sqlite][verify]") {
  SqliteFiles files;
  for (const auto& [one, other] : same_meaning()) {
    files.load("live", one);
    const auto differences = compare(desired_model(files, other), files.model("live"), kSQLite);
    INFO(one << "\nagainst\n" << other);
    CHECK(joined(described(differences)).empty());
  }
}

TEST_CASE("SQLite fix SQL converges for every case of the drift battery", "[unit][sqlite][fix]") {
  SqliteFiles files;
  for (const DriftCase& c : drift_cases()) {
    SECTION(c.description) {
      files.load("live", c.current);
      const auto desired = desired_model(files, c.desired);
      const auto differences = compare(desired, files.model("live"), kSQLite);
      const std::string fix = fix_sql(differences, desired, files.model("live"), true);
      INFO(c.description << "\nfix:\n" << fix);
      REQUIRE_NOTHROW(files.connector()("live")->execute(fix));
      CHECK(joined(described(compare(desired, files.model("live"), kSQLite))).empty());
    }
  }
}

TEST_CASE("SQLite fix rebuilds keep the rows, and destructive ones are kept out unless allowed",
          "[unit][sqlite][fix]") {
  SqliteFiles files;
  const std::string current =
      "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);"
      "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INT REFERENCES p (id), note TEXT, old TEXT);"
      "CREATE INDEX c_note ON c (note);"
      "CREATE TRIGGER c_touch AFTER UPDATE ON c BEGIN UPDATE p SET name = name WHERE id = NEW.p_id; END;"
      "CREATE VIEW notes AS SELECT c.note, p.name FROM c JOIN p ON p.id = c.p_id;"
      "INSERT INTO p VALUES (1, 'one'), (2, 'two');"
      "INSERT INTO c VALUES (10, 1, 'a', 'x'), (11, 2, 'b', 'y');";
  // c's note becomes NOT NULL with a CHECK (a rebuild), its key gains ON DELETE CASCADE.
  const std::string desired_text =
      "CREATE TABLE p (id INTEGER PRIMARY KEY, name TEXT);"
      "CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INT REFERENCES p (id) ON DELETE CASCADE,"
      " note TEXT NOT NULL DEFAULT '' CHECK (length(note) < 10), old TEXT);"
      "CREATE INDEX c_note ON c (note);"
      "CREATE TRIGGER c_touch AFTER UPDATE ON c BEGIN UPDATE p SET name = name WHERE id = NEW.p_id; END;"
      "CREATE VIEW notes AS SELECT c.note, p.name FROM c JOIN p ON p.id = c.p_id;";
  files.load("live", current);
  auto desired = desired_model(files, desired_text);
  std::string fix = fix_sql(compare(desired, files.model("live"), kSQLite), desired, files.model("live"), false);
  INFO(fix);
  CHECK(fix.find("DESTRUCTIVE") == std::string::npos);
  REQUIRE_NOTHROW(files.connector()("live")->execute(fix));
  CHECK(described(compare(desired, files.model("live"), kSQLite)).empty());
  const auto live = files.connector()("live");
  CHECK(live->column("SELECT id || ':' || p_id || ':' || note || ':' || old FROM c ORDER BY id") ==
        std::vector<std::string>{"10:1:a:x", "11:2:b:y"});
  CHECK(live->column("SELECT count(*) FROM notes") == std::vector<std::string>{"2"});

  // Dropping column old from c loses its values: kept out unless allowed.
  desired = desired_model(files, std::string(desired_text).replace(desired_text.find(", old TEXT"), 10, ""));
  fix = fix_sql(compare(desired, files.model("live"), kSQLite), desired, files.model("live"), false);
  CHECK(fix.find("-- DESTRUCTIVE (kept out") != std::string::npos);
  REQUIRE_NOTHROW(files.connector()("live")->execute(fix));
  CHECK(joined(described(compare(desired, files.model("live"), kSQLite))) == "extra column c.old\n");
  fix = fix_sql(compare(desired, files.model("live"), kSQLite), desired, files.model("live"), true);
  REQUIRE_NOTHROW(files.connector()("live")->execute(fix));
  CHECK(described(compare(desired, files.model("live"), kSQLite)).empty());
  CHECK(files.connector()("live")->column("SELECT note FROM c ORDER BY id") == std::vector<std::string>{"a", "b"});
}

TEST_CASE("SQLite dump round trips: dump, load into an empty file, dump again", "[unit][sqlite][dump]") {
  SqliteFiles files;
  std::vector<std::string> schemas;
  for (const DriftCase& c : drift_cases()) schemas.push_back(c.desired);
  for (const char* example : {"keygen", "sign", "watch"})
    schemas.push_back(
        devenv::test::read_file(std::string(DEVENV_SOURCE_DIR) + "/examples/sqlite/schemas/" + example + ".sql"));
  for (const std::string& schema : schemas) {
    files.load("source", schema);
    const auto source = files.model("source");
    const std::string dump = devenv::catalog::writer_for(kSQLite).dump(source);
    INFO(schema << "\ndump:\n" << dump);
    files.load("copy", dump);
    auto copy = files.model("copy");
    CHECK(devenv::catalog::writer_for(kSQLite).dump(copy) == dump);
    copy.name = source.name;
    CHECK(joined(described(compare(source, copy, kSQLite))).empty());
  }
}

TEST_CASE("SQLite double-quoted strings round trip through dump and load as strings", "[unit][sqlite][dump]") {
  SqliteFiles files;
  files.load("source", "CREATE TABLE t (id INTEGER PRIMARY KEY, s TEXT DEFAULT \"on\" CHECK (s IN (\"on\",\"off\")));");
  const auto source = files.model("source");
  const std::string dump = devenv::catalog::writer_for(kSQLite).dump(source);
  INFO(dump);
  CHECK_THAT(dump, Catch::Contains("DEFAULT ('on')") && Catch::Contains("CHECK (s IN (\"on\", \"off\"))"));
  REQUIRE_NOTHROW(files.load("copy", dump));
  auto copy = files.model("copy");
  CHECK(devenv::catalog::writer_for(kSQLite).dump(copy) == dump);
  copy.name = source.name;
  CHECK(described(compare(source, copy, kSQLite)).empty());
  // The loaded copy still holds strings: "off" is not taken for a column.
  const auto live = files.connector()("copy");
  live->execute("INSERT INTO t (id) VALUES (1); INSERT INTO t VALUES (2, 'off')");
  CHECK(live->column("SELECT s FROM t ORDER BY id") == std::vector<std::string>{"on", "off"});
}

TEST_CASE("SQLite keyword-like names compare equal however quoted, and dump and load", "[unit][sqlite][dump]") {
  SqliteFiles files;
  const std::string quoted =
      "CREATE TABLE t (\"key\" TEXT, \"desc\" TEXT); CREATE INDEX i ON t (lower(\"key\"), [desc]);"
      " CREATE VIEW v AS SELECT lower(\"key\") AS k, t.\"desc\" FROM t ORDER BY \"desc\";";
  files.load("source", quoted);
  const auto source = files.model("source");
  const std::string dump = devenv::catalog::writer_for(kSQLite).dump(source);
  INFO(dump);
  REQUIRE_NOTHROW(files.load("copy", dump));
  auto copy = files.model("copy");
  CHECK(devenv::catalog::writer_for(kSQLite).dump(copy) == dump);
  copy.name = source.name;
  CHECK(described(compare(source, copy, kSQLite)).empty());
  files.load("bare",
             "CREATE TABLE t (key TEXT, desc TEXT); CREATE INDEX i ON t (lower(key), desc);"
             " CREATE VIEW v AS SELECT lower(key) AS k, t.desc FROM t ORDER BY desc;");
  auto bare = files.model("bare");
  bare.name = source.name;
  CHECK(described(compare(source, bare, kSQLite)).empty());
}

// The live table has a column the schema files lack, which an index uses: its rebuild
// loses values and is kept out, so the trigger the rebuild would make is made alone.
TEST_CASE("SQLite fix keeps a changed trigger whose table rebuild is kept out", "[unit][sqlite][fix]") {
  SqliteFiles files;
  const std::string keygen =
      devenv::test::read_file(std::string(DEVENV_SOURCE_DIR) + "/examples/sqlite/schemas/keygen.sql");
  files.load("live", keygen);
  files.connector()("live")->execute(
      "ALTER TABLE verifications ADD COLUMN extra TEXT; CREATE INDEX verifications_extra ON verifications (extra);"
      "DROP TRIGGER spend_remaining;"
      "CREATE TRIGGER spend_remaining AFTER INSERT ON verifications BEGIN SELECT 1; END;");
  const auto desired = desired_model(files, keygen);
  const std::string fix = fix_sql(compare(desired, files.model("live"), kSQLite), desired, files.model("live"), false);
  INFO(fix);
  CHECK(fix.find("-- DESTRUCTIVE (kept out") != std::string::npos);
  REQUIRE_NOTHROW(files.connector()("live")->execute(fix));
  CHECK(files.connector()("live")->column("SELECT count(*) FROM sqlite_schema WHERE name = 'spend_remaining'") ==
        std::vector<std::string>{"1"});
  CHECK(joined(described(compare(desired, files.model("live"), kSQLite))) ==
        "extra column verifications.extra\nextra index verifications.verifications_extra\n");
  // Allowed, the rebuild makes the trigger, once.
  const std::string allowed =
      fix_sql(compare(desired, files.model("live"), kSQLite), desired, files.model("live"), true);
  REQUIRE_NOTHROW(files.connector()("live")->execute(allowed));
  CHECK(described(compare(desired, files.model("live"), kSQLite)).empty());
}
