// Bad input gets a clear error and never stops what does not need it (issue: Safety
// II, parts 2 and 5).
#include <catch2/catch.hpp>

#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;

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
