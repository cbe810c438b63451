#include <catch2/catch.hpp>

#include <string>

#include "support/run_command.h"
#include "support/temp_dir.h"

using devenv::test::CommandResult;
using devenv::test::run_devenv;
using devenv::test::TempDir;

namespace {

// A project whose servers were never started: commands that only look at the state
// dir get past argument parsing and answer at once, without starting anything.
class NeverStarted {
 public:
  NeverStarted() {
    dir_.write("project/schema.sql", "CREATE TABLE notes (id int PRIMARY KEY);\n");
    dir_.write("project/config.toml",
               "[project]\nname = \"cli-test\"\nstate_dir = \".devenv\"\n\n"
               "[servers.pg]\nengine = \"postgres\"\nport = 0\n\n"
               "[[databases]]\nkey = \"notes\"\nname = \"notes\"\nserver = \"pg\"\nsource = \"schema.sql\"\n");
  }

  // Runs devenv from the parent folder, so the config is found only through --config.
  CommandResult devenv(const std::string& arguments) const { return run_devenv(dir_.path().string(), arguments); }

 private:
  TempDir dir_;
};

// The exit code, and a phrase the output must contain; the output shows on failure.
void check_answer(const CommandResult& result, int exit_code, const std::string& phrase) {
  CHECK(result.exit_code == exit_code);
  CHECK_THAT(result.output, Catch::Contains(phrase));
}

}  // namespace

TEST_CASE("devenv: down and status take --runtime like every runtime command", "[unit][cli]") {
  const NeverStarted project;
  check_answer(project.devenv("status --runtime native --config project/config.toml"), 0, "not initialised");
  check_answer(project.devenv("down --runtime native --config project/config.toml pg"), 0, "pg: stopped");
}

TEST_CASE("devenv: --config works before and after the command name", "[unit][cli]") {
  const NeverStarted project;
  check_answer(project.devenv("--config project/config.toml status --format json"), 0, "\"name\": \"pg\"");
  check_answer(project.devenv("status --format json --config=project/config.toml"), 0, "\"name\": \"pg\"");
}

TEST_CASE("devenv: usage errors exit 2, say what is wrong and which help to read", "[unit][cli]") {
  const NeverStarted project;
  check_answer(project.devenv("status --frobnicate"), 2,
               "devenv: unknown option --frobnicate\nrun `devenv status --help`");
  check_answer(project.devenv("logs --init"), 2, "SERVER is required");
  check_answer(project.devenv("diff only_one"), 2, "B is required");
  check_answer(project.devenv("down --runtime kubernetes"), 2, "--runtime: kubernetes not in {native,compose}");
  check_answer(project.devenv("--config project/config.toml"), 2, "no command given");
  check_answer(project.devenv("stauts"), 2, "unknown command 'stauts'; did you mean 'status'?");
}

TEST_CASE("devenv: every command's --help prints that command's help", "[unit][cli]") {
  const NeverStarted project;
  for (const std::string command :
       {"build", "up", "reset", "down", "status", "env", "logs", "shell", "verify", "diff", "dump"}) {
    const CommandResult help = project.devenv(command + " --help");
    CHECK(help.exit_code == 0);
    CHECK_THAT(help.output, Catch::StartsWith("Usage: devenv " + command + " "));
  }
  // Help wins over missing positionals, as it must to explain them.
  CHECK(project.devenv("logs -h").exit_code == 0);
}

TEST_CASE("devenv: bare, --help and --version", "[unit][cli]") {
  const NeverStarted project;
  const CommandResult bare = project.devenv("");
  check_answer(bare, 2, "Usage: devenv [--config FILE] <command> [options]");
  const CommandResult help = project.devenv("--help");
  CHECK(help.exit_code == 0);
  CHECK(help.output == bare.output);
  const CommandResult version = project.devenv("--version");
  CHECK(version.exit_code == 0);
  CHECK(version.output == "devenv " DEVENV_VERSION "\n");
}
