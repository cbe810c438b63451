#include <catch2/catch.hpp>

#include "support/run_command.h"
#include "support/temp_dir.h"
#include "util/file.h"
#include "util/shell_quote.h"

using devenv::util::read_file;
using devenv::util::shell_quote;

TEST_CASE("util: a whole file's bytes, or nothing when it cannot be read", "[unit][util]") {
  devenv::test::TempDir dir;
  dir.write("a.bin", std::string("x\0y\r\n", 5));
  CHECK(read_file(dir.path() / "a.bin") == std::string("x\0y\r\n", 5));
  CHECK_FALSE(read_file(dir.path() / "missing"));
}

TEST_CASE("util: shell_quote gives one word that the shell expands to itself", "[unit][util]") {
  CHECK(shell_quote("plain") == "'plain'");
  CHECK(shell_quote("it's") == "'it'\\''s'");
  for (const std::string text : {"it's", "$HOME `id` \"q\" \\ ;|&", "a'b''c", "", " lead and trail "}) {
    const auto result = devenv::test::run_command("printf '%s' " + shell_quote(text));
    CHECK(result.output == text);
  }
}
