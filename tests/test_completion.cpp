// The shell completion scripts and the man page the package installs: read off the
// parser, they must name every command and option it has, and work in a real bash.
#include <catch2/catch.hpp>

#include <algorithm>
#include <sstream>
#include <string>
#include <vector>

#include "cli/command_line.h"
#include "cli/completion.h"
#include "support/run_command.h"
#include "support/temp_dir.h"
#include "util/shell_quote.h"

using devenv::cli::CommandLine;
using devenv::test::CommandResult;
using devenv::test::run_command;
using devenv::util::shell_quote;

namespace {

const std::string kShellFiles = DEVENV_SHELL_FILES;
const std::string kBashScript = kShellFiles + "/bash-completion/devenv";

// Every visible command of the parser, walked here with CLI11 itself (not through the
// completion's own model), and every name of every option of it and of the app.
struct ParserNames {
  std::vector<std::string> commands;
  std::vector<std::string> options;
};

ParserNames parser_names(const CLI::App& app) {
  ParserNames names;
  auto add_options = [&](const CLI::App& command) {
    for (const CLI::Option* option : command.get_options()) {
      for (const std::string& name : option->get_snames()) names.options.push_back("-" + name);
      for (const std::string& name : option->get_lnames()) names.options.push_back("--" + name);
    }
  };
  add_options(app);
  for (const CLI::App* command : app.get_subcommands([](const CLI::App*) { return true; })) {
    if (command->get_group().empty()) continue;  // hidden: `completion`
    names.commands.push_back(command->get_name());
    add_options(*command);
  }
  return names;
}

// What bash offers for the last of `words` (a line as bash splits it: `--format=` is
// "--format" "=" ""), through the function `complete -p devenv` names, as bash calls it.
std::vector<std::string> complete(const std::vector<std::string>& words, const std::string& dir = ".") {
  std::string array;
  for (const std::string& word : words) array += " " + shell_quote(word);
  const std::string script = "cd " + shell_quote(dir) + " && source " + shell_quote(kBashScript) +
                             " && spec=($(complete -p devenv)) && COMP_WORDS=(" + array +
                             ") && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && COMP_LINE=\"${COMP_WORDS[*]}\" && "
                             "COMP_POINT=${#COMP_LINE} && PATH=" +
                             shell_quote(std::filesystem::path(DEVENV_BINARY).parent_path().string()) +
                             ":$PATH && \"${spec[-2]}\" devenv \"${COMP_WORDS[-1]}\" \"${COMP_WORDS[-2]}\" && "
                             "printf '%s\\n' \"${COMPREPLY[@]}\"";
  const CommandResult result = run_command("bash -c " + shell_quote(script));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  std::vector<std::string> offered;
  std::stringstream lines(result.output);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty()) offered.push_back(line);
  }
  std::sort(offered.begin(), offered.end());
  return offered;
}

// What zsh offers for `line` followed by TAB, in an interactive zsh that loads the
// build's _devenv through compinit (tests/completion/zsh_complete.zsh).
std::vector<std::string> complete_zsh(const std::string& line, const std::string& dir = DEVENV_SOURCE_DIR) {
  const std::string bin = std::filesystem::path(DEVENV_BINARY).parent_path().string();
  const CommandResult result =
      run_command("PATH=" + shell_quote(bin) + ":$PATH zsh " +
                  shell_quote(std::string(DEVENV_SOURCE_DIR) + "/tests/completion/zsh_complete.zsh") + " " +
                  shell_quote(kShellFiles + "/zsh/_devenv") + " " + shell_quote(dir) + " " + shell_quote(line) + " " +
                  shell_quote(bin + "/test-zcompdump"));
  INFO(result.output);
  REQUIRE(result.exit_code == 0);
  std::vector<std::string> offered;
  std::stringstream lines(result.output);
  for (std::string word; std::getline(lines, word);) offered.push_back(word);
  return offered;  // sorted, once each
}

using Words = std::vector<std::string>;

}  // namespace

TEST_CASE("completion: the bash and zsh scripts name every command and option of the parser", "[unit][completion]") {
  const CommandLine command_line;
  const ParserNames names = parser_names(command_line.app());
  REQUIRE(names.commands.size() >= 12);
  const std::string bash = devenv::cli::bash_completion_script(command_line.app());
  const std::string zsh = devenv::cli::zsh_completion_script(command_line.app());
  for (const std::string& command : names.commands) {
    INFO(command);
    CHECK_THAT(bash, Catch::Contains("'" + command + "'") || Catch::Contains(" " + command + " ") ||
                         Catch::Contains(" " + command + "'"));
    CHECK_THAT(zsh, (Catch::Contains("    '" + command + ":") || Catch::Contains("    '" + command + "'\n")) &&
                        Catch::Contains("(" + command + ")\n"));
  }
  for (const std::string& option : names.options) {
    INFO(option);
    CHECK_THAT(bash, Catch::Contains(" " + option + " ") || Catch::Contains(" " + option + "'") ||
                         Catch::Contains("'" + option + " "));
    CHECK_THAT(zsh, Catch::Contains(option + "'") || Catch::Contains(option + "=:") || Catch::Contains(option + "+:"));
  }
  // The hidden command itself is not offered.
  CHECK_THAT(bash, !Catch::Contains("completion servers") && Catch::Contains("echo 'init build up"));
  CHECK_THAT(zsh, !Catch::Contains("'completion:"));
}

TEST_CASE("completion: every positional of the parser has a completion rule", "[unit][completion]") {
  // A new positional needs choices (CLI::IsMember) or a placeholder that
  // cli/completion.cpp knows (SERVER, DATABASE, COMMAND, …).
  const CommandLine command_line;
  CHECK(devenv::cli::values_without_completion_rule(command_line.app()) == std::vector<std::string>{});
}

TEST_CASE("completion: the build writes the binary's current scripts", "[unit][completion]") {
  const CommandResult bash = devenv::test::run_devenv(".", "completion bash");
  const CommandResult zsh = devenv::test::run_devenv(".", "completion zsh");
  REQUIRE(bash.exit_code == 0);
  REQUIRE(zsh.exit_code == 0);
  CHECK(devenv::test::read_file(kBashScript) == bash.output);
  CHECK(devenv::test::read_file(kShellFiles + "/zsh/_devenv") == zsh.output);
  const CommandResult syntax = run_command("bash -n " + shell_quote(kBashScript));
  INFO(syntax.output);
  CHECK(syntax.exit_code == 0);
  CHECK(run_command("bash -c " + shell_quote("source " + shell_quote(kBashScript) + " && complete -p devenv")).output ==
        "complete -F _devenv devenv\n");
}

TEST_CASE("completion: bash completes commands, options and their values", "[unit][completion]") {
  CHECK(complete({"devenv", "st"}) == Words{"status"});
  const Words commands = complete({"devenv", ""});
  CHECK(std::count(commands.begin(), commands.end(), "verify") == 1);
  CHECK(std::count(commands.begin(), commands.end(), "completion") == 0);
  CHECK(complete({"devenv", "up", "--reset"}) == Words{"--reset-on-change"});
  CHECK(complete({"devenv", "--conf"}) == Words{"--config"});
  CHECK(complete({"devenv", "status", "--conf"}) == Words{"--config"});  // global options after the command
  CHECK(complete({"devenv", "status", "--format", ""}) == Words{"json", "text"});
  CHECK(complete({"devenv", "verify", "--format", "=", "s"}) == Words{"sql"});  // --format=s, split at '='
  CHECK(complete({"devenv", "down", "--runtime", "c"}) == Words{"compose"});
  CHECK(complete({"devenv", "cache", ""}) == Words{"clear", "stats"});
  CHECK(complete({"devenv", "logs", "-n", ""}).empty());  // a number: nothing to offer
  CHECK(complete({"devenv", "help", "ve"}) == Words{"verify", "version"});
  CHECK(complete({"devenv", "--color", ""}) == Words{"always", "auto", "never"});
  CHECK(complete({"devenv", "env", "--quiet", "--format", "d"}) == Words{"dotenv"});
}

TEST_CASE("completion: bash offers the config's servers and databases, and files", "[unit][completion]") {
  const std::string config = std::string(DEVENV_SOURCE_DIR) + "/config.toml";
  CHECK(complete({"devenv", "--config", config, "logs", ""}) == Words{"mysql", "postgres"});
  // A flag before it takes no value; --config after the command counts too.
  CHECK(complete({"devenv", "down", "--purge", "--config", config, "p"}) == Words{"postgres"});
  CHECK(complete({"devenv", "--config=" + config, "shell", "partition_00"}) ==
        Words{"partition_001", "partition_002", "partition_003", "partition_004"});
  CHECK(complete({"devenv", "--config", config, "verify", "--ignore", "x", "hy"}) == Words{"hydra"});
  devenv::test::TempDir dir;
  devenv::test::copy_example(dir.path());
  // devenv finds the config itself, as it does when it runs; diff's A and B may be files.
  CHECK(complete({"devenv", "diff", "ma"}, dir.path().string()) == Words{"main"});
  CHECK(complete({"devenv", "diff", "main", "sch"}, dir.path().string()) == Words{"schemas"});
  CHECK(complete({"devenv", "dump", "--check", "schemas/m"}, dir.path().string()) == Words{"schemas/main.sql"});
  // No config: nothing, and no error on the terminal.
  CHECK(complete({"devenv", "--config", "/nonexistent.toml", "up", ""}).empty());
}

TEST_CASE("completion: zsh completes commands, options, their values and the config's names", "[unit][completion]") {
  CHECK(complete_zsh("devenv st") == Words{"status"});
  const Words commands = complete_zsh("devenv ");
  CHECK(std::count(commands.begin(), commands.end(), "verify") == 1);
  CHECK(std::count(commands.begin(), commands.end(), "completion") == 0);
  CHECK(complete_zsh("devenv up --reset") == Words{"--reset-on-change"});
  CHECK(complete_zsh("devenv status --conf") == Words{"--config"});
  CHECK(complete_zsh("devenv verify --format=s") == Words{"sql"});
  CHECK(complete_zsh("devenv cache ") == Words{"clear", "stats"});
  CHECK(complete_zsh("devenv help ve") == Words{"verify", "version"});
  CHECK(complete_zsh("devenv --color=a") == Words{"always", "auto"});
  CHECK(complete_zsh("devenv logs ") == Words{"mysql", "postgres"});  // the example's config, found as devenv finds it
  CHECK(complete_zsh("devenv --config=config.toml shell partition_00") ==
        Words{"partition_001", "partition_002", "partition_003", "partition_004"});
  CHECK(complete_zsh("devenv diff main schemas/pl") == Words{"platform"});
}

TEST_CASE("man page: every command of the parser has its section, the version is the binary's", "[unit][completion]") {
  const CommandResult page = run_command("zcat " + shell_quote(kShellFiles + "/man/devenv.1.gz"));
  REQUIRE(page.exit_code == 0);
  const CommandLine command_line;
  for (const std::string& command : parser_names(command_line.app()).commands) {
    if (command == "help" || command == "version") continue;  // the overview's own
    INFO(command);
    CHECK_THAT(page.output, Catch::Contains(".SS \"devenv " + command + "\""));
  }
  CHECK_THAT(page.output,
             Catch::Contains(".TH DEVENV \"1\"") && Catch::Contains(std::string("devenv ") + DEVENV_VERSION));
  // It renders without a warning from groff.
  const CommandResult render =
      run_command("zcat " + shell_quote(kShellFiles + "/man/devenv.1.gz") + " | preconv | groff -man -Tutf8 -ww -z");
  CHECK(render.output == "");
}
