// A PostgreSQL schema file that sets its own search_path and then names its objects
// unqualified: psql creates them in the path's first schema, and devenv must load the
// same file into the same schema, or a shadow differs from what psql made (diff) and a
// body naming the schema fails (`relation "school.enrolments" does not exist`).
#include <catch2/catch.hpp>

#include "support/native_example.h"
#include "support/scratch_database.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::ScratchDatabase;
using devenv::test::ScratchEngine;

namespace {

// Unqualified objects after SET search_path; a function body resolving a name through
// the path at run time, and a view naming the schema itself.
const char* const kSchoolFile = R"SQL(CREATE SCHEMA IF NOT EXISTS school;
SET search_path = school, public;
CREATE TABLE enrolments (
  student integer NOT NULL,
  course text NOT NULL,
  grade numeric(3, 2),
  PRIMARY KEY (student, course)
);
CREATE FUNCTION gpa(p_student integer) RETURNS numeric LANGUAGE sql STABLE
  AS $$ SELECT avg(grade) FROM enrolments WHERE student = p_student $$;
CREATE VIEW honours AS SELECT student FROM school.enrolments GROUP BY student HAVING avg(grade) >= 3.5;
RESET search_path;
CREATE TABLE terms (id integer PRIMARY KEY);
)SQL";

// The file's own schema is public; school is declared by the database's other source.
std::string project_config() {
  return "[project]\ndata_on_tmpfs = true\n\n[servers.postgres]\nengine = \"postgres\"\nport = 0\n"
         "root_password = \"devenv-root\"\n\n[[databases]]\nkey = \"campus\"\nserver = \"postgres\"\n"
         "sources = [\n  { path = \"schemas/courses.sql\", schema = \"school\" },\n"
         "  \"schemas/school.sql\",\n]\n";
}

}  // namespace

TEST_CASE("search_path: a file's own path decides where diff and verify put its names", "[native][verify]") {
  NativeExample example({{"config.toml", project_config()},
                         {"schemas/courses.sql", "CREATE TABLE courses (code text PRIMARY KEY);\n"},
                         {"schemas/school.sql", kSchoolFile}});
  const CommandResult up = example.devenv("up postgres");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  CHECK(example.postgres("SELECT to_regclass('school.enrolments')::text", "campus") == "school.enrolments\n");
  CHECK(example.postgres("SELECT to_regclass('public.terms')::text", "campus") == "terms\n");

  const CommandResult verify = example.devenv("verify campus");
  INFO(verify.output);
  CHECK(verify.exit_code == 0);

  // The same file loaded by psql, as a user would, and diffed against the file.
  const ScratchDatabase scratch(example, ScratchEngine::Postgres);
  const std::string dsn = scratch.load("school_live", kSchoolFile);
  CHECK(example.postgres("SELECT to_regprocedure('school.gpa(integer)')::text", "school_live") ==
        "school.gpa(integer)\n");
  const CommandResult diff = example.devenv("diff schemas/school.sql " + dsn);
  INFO(diff.output);
  CHECK(diff.exit_code == 0);
}
