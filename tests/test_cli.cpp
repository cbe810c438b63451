#include <catch2/catch.hpp>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>

#include <string>
#include <vector>

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
  CommandResult devenv(const std::string& arguments, const std::string& environment = "") const {
    return run_devenv(dir_.path().string(), arguments, environment);
  }
  std::string dir() const { return dir_.path().string(); }

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
  check_answer(project.devenv("status --runtime native --config project/config.toml"), 3, "not initialised");
  check_answer(project.devenv("down --runtime native --config project/config.toml pg"), 0, "pg: stopped");
}

TEST_CASE("devenv: --config works before and after the command name", "[unit][cli]") {
  const NeverStarted project;
  check_answer(project.devenv("--config project/config.toml status --format json"), 3, "\"name\": \"pg\"");
  check_answer(project.devenv("status --format json --config=project/config.toml"), 3, "\"name\": \"pg\"");
}

TEST_CASE("devenv: usage errors exit 2, say what is wrong and which help to read", "[unit][cli]") {
  const NeverStarted project;
  check_answer(project.devenv("status --frobnicate"), 2,
               "devenv: unknown option --frobnicate\nrun `devenv status --help`");
  check_answer(project.devenv("shell"), 2, "DATABASE is required");
  check_answer(project.devenv("diff only_one"), 2, "B is required");
  check_answer(project.devenv("down --runtime kubernetes"), 2, "--runtime: kubernetes not in {native,compose,remote}");
  check_answer(project.devenv("--config project/config.toml"), 2, "no command given");
  check_answer(project.devenv("stauts"), 2, "unknown command 'stauts'; did you mean 'status'?");
}

TEST_CASE("devenv: every command's --help prints that command's help", "[unit][cli]") {
  const NeverStarted project;
  for (const std::string command :
       {"build", "up", "reset", "down", "status", "env", "logs", "shell", "verify", "diff", "dump", "snapshot"}) {
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

TEST_CASE("devenv: help COMMAND and version, as git and docker take them", "[unit][cli]") {
  const NeverStarted project;
  const CommandResult help = project.devenv("help status");
  CHECK(help.exit_code == 0);
  CHECK(help.output == project.devenv("status --help").output);
  CHECK_THAT(help.output, Catch::StartsWith("Usage: devenv status "));
  check_answer(project.devenv("help"), 0, "Usage: devenv [--config FILE] <command> [options]");
  check_answer(project.devenv("help stauts"), 2, "no command 'stauts'; did you mean 'status'?");
  const CommandResult version = project.devenv("version");
  CHECK(version.exit_code == 0);
  CHECK(version.output == "devenv " DEVENV_VERSION "\n");
}

TEST_CASE("devenv: an unknown option gets a did-you-mean from the command's and the global options", "[unit][cli]") {
  const NeverStarted project;
  check_answer(project.devenv("down --purg --config project/config.toml"), 2,
               "devenv: unknown option --purg; did you mean --purge?\nrun `devenv down --help`");
  check_answer(project.devenv("status --confg project/config.toml"), 2, "did you mean --config?");
  check_answer(project.devenv("verify --stirct"), 2, "did you mean --strict?");
  check_answer(project.devenv("status --frobnicate"), 2, "devenv: unknown option --frobnicate\n");
}

// Every command that acts on servers takes --runtime, checked by the one parser.
TEST_CASE("devenv: --runtime on every runtime command", "[unit][cli]") {
  const NeverStarted project;
  for (const std::string command :
       {"up", "reset", "down", "status", "env", "logs", "shell notes", "verify", "diff a b", "dump notes"}) {
    INFO(command);
    check_answer(project.devenv(command + " --runtime kubernetes"), 2,
                 "--runtime: kubernetes not in {native,compose,remote}");
  }
}

TEST_CASE("devenv: compose's spellings: up -d, down -v, logs --tail and -t", "[unit][cli]") {
  const NeverStarted project;
  // Parsed (an unknown one would be a usage error); the servers were never started.
  check_answer(project.devenv("down -v --config project/config.toml"), 0, "pg: stopped and purged");
  check_answer(project.devenv("down --volumes --config project/config.toml"), 0, "pg: stopped and purged");
  check_answer(project.devenv("logs --tail 5 -t --config project/config.toml"), 3, "pg: no log yet");
  check_answer(project.devenv("logs -n 5 --timestamps pg --config project/config.toml"), 3, "pg: no log yet");
  check_answer(project.devenv("up -d --detach --runtime kubernetes"), 2, "--runtime: kubernetes");
}

TEST_CASE("devenv: --quiet and --verbose on every command, but not both", "[unit][cli]") {
  const NeverStarted project;
  const CommandResult verbose = project.devenv("status --verbose --config project/config.toml");
  CHECK(verbose.exit_code == 3);
  CHECK_THAT(verbose.output, Catch::Contains("runtime native (config), state dir"));
  CHECK_THAT(project.devenv("-q status --config project/config.toml").output, !Catch::Contains("state dir"));
  check_answer(project.devenv("--quiet --verbose status"), 2, "--quiet excludes --verbose");
}

TEST_CASE("devenv: colour only where asked or on a terminal, never with NO_COLOR or TERM=dumb", "[unit][cli]") {
  const NeverStarted project;
  const std::string status = "status --config project/config.toml";
  const std::string red_or_yellow = "\033[";
  CHECK_THAT(project.devenv(status).output, !Catch::Contains(red_or_yellow));  // a pipe: no colour
  CHECK_THAT(project.devenv(status + " --color always").output, Catch::Contains(red_or_yellow));
  CHECK_THAT(project.devenv(status + " --color=never").output, !Catch::Contains(red_or_yellow));
  // On a terminal (script(1) gives it one), auto colours unless NO_COLOR or TERM=dumb says no.
  const auto on_terminal = [&](const std::string& environment) {
    return devenv::test::run_command("cd '" + project.dir() + "' && env " + environment +
                                     " script -qec \"'" DEVENV_BINARY "' " + status + "\" /dev/null")
        .output;
  };
  CHECK_THAT(on_terminal("TERM=xterm"), Catch::Contains(red_or_yellow));
  CHECK_THAT(on_terminal("TERM=xterm NO_COLOR=1"), !Catch::Contains(red_or_yellow));
  CHECK_THAT(on_terminal("TERM=dumb"), !Catch::Contains(red_or_yellow));
  CHECK_THAT(on_terminal("TERM=xterm NO_COLOR=1"), Catch::Contains("not initialised"));
}

TEST_CASE("devenv: env --format shell, dotenv and json", "[unit][cli]") {
  const NeverStarted project;
  const CommandResult shell = project.devenv("env --config project/config.toml");
  CHECK(shell.exit_code == 0);
  CHECK_THAT(shell.output, Catch::Contains("export DEVENV_NOTES_URL='postgres://postgres:"));
  const CommandResult dotenv = project.devenv("env --format dotenv --config project/config.toml");
  CHECK(dotenv.exit_code == 0);
  CHECK_THAT(dotenv.output, Catch::StartsWith("DEVENV_NOTES_URL='postgres://postgres:"));
  const CommandResult json = project.devenv("env --format json --config project/config.toml");
  REQUIRE(json.exit_code == 0);
  const Poco::Dynamic::Var parsed = Poco::JSON::Parser().parse(json.output);
  const std::string from_json = parsed.extract<Poco::JSON::Object::Ptr>()->getValue<std::string>("DEVENV_NOTES_URL");
  CHECK(from_json.rfind("postgres://postgres:devenv@127.0.0.1:", 0) == 0);  // port 0: a free one each time
  CHECK_THAT(from_json, Catch::EndsWith("/notes"));
}

// The arguments each action takes, before anything is touched; a stopped server is a
// runtime error that says what to run (docs/snapshots.md).
TEST_CASE("devenv snapshot: help, usage errors, and a server that is not running", "[unit][cli]") {
  const NeverStarted project;
  const CommandResult help = project.devenv("help snapshot");
  CHECK(help.exit_code == 0);
  CHECK_THAT(help.output, Catch::Contains("devenv snapshot save before-reset") && Catch::Contains("devenv reset") &&
                              Catch::Contains("devenv snapshot restore before-reset"));
  struct Answer {
    std::string arguments;
    int exit_code;
    std::string phrase;
  };
  const std::vector<Answer> answers = {
      {"snapshot", 2, "ACTION is required"},
      {"snapshot take x", 2, "ACTION"},
      {"snapshot save", 2, "`devenv snapshot save` needs a NAME"},
      {"snapshot list x", 2, "takes no NAME"},
      {"snapshot restore x notes", 2, "only `devenv snapshot save` takes DATABASE"},
      {"snapshot rm x --force", 2, "--force is for save"},
      {"snapshot save x --format json", 2, "--format is for"},
      {"snapshot save ../x", 2, "is not a snapshot name"},
      {"snapshot save x nothere", 2, "nothere"},
      {"snapshot list", 0, "no snapshots"},
      {"snapshot list --format json", 0, "\"snapshots\": ["},
      {"snapshot restore x", 2, "no snapshot named 'x'"},
      {"snapshot save x", 3, "run `devenv up`"},
      {"snapshot list", 0, "no snapshots"},  // the failed save left nothing
      {"completion snapshots", 0, ""},
  };
  for (const Answer& answer : answers) {
    INFO(answer.arguments);
    check_answer(project.devenv(answer.arguments + " --config project/config.toml"), answer.exit_code, answer.phrase);
  }
}
