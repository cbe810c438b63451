// devenv: bring up the databases a project needs and prove they match its schema files.
#include <cstdlib>
#include <unistd.h>
#include <filesystem>
#include <iostream>
#include <map>

#include "cli/arguments.h"
#include "cli/build_command.h"
#include "cli/exit_code.h"
#include "cli/runtime_commands.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"
#include "config/config_error.h"
#include "initdb/output_files.h"
#include "sql/source_error.h"

namespace fs = std::filesystem;
using namespace devenv::cli;

namespace {

constexpr const char* kVersion = "0.1.0";

constexpr const char* kHelp = R"HELP(devenv — local databases from config.toml and schema files, proven to match them.

Usage: devenv [--config FILE] <command> [options]

Commands:
  up        start every server natively (initialising empty data dirs with initdb/)
            and wait until each answers; a summary with one URL per database
  reset     wipe the named servers (default all) and bring them back with a fresh
            schema (fast: from the snapshot of the last init when initdb/ is unchanged)
  down      stop the servers, keep the data (--purge: delete it, saying what)
  status    running / stopped / crashed / init failed, and "schema changed" (--format json)
  env       `export DEVENV_<KEY>_URL=…` lines: eval "$(devenv env)"
  logs      a server's log (--init: its last init's output; -f to follow)
  shell     the engine's client on a database (a key or a name)
  verify    compare the live databases with the schema files; exit 1 on drift
  diff      compare two schemas: config databases, live DSNs, schema files (exit 1 if they differ)
  dump      a live database's schema as canonical SQL (--check FILE: exit 1 if it differs)
  build     write initdb/<server>/*.sql and docker-compose.yml from the config
            (--check: write nothing, exit 1 if anything is stale)

Global options:
  --config FILE   the config to use (default: config.toml in this folder or the
                  nearest parent folder that has one; or $DEVENV_CONFIG)
  --help          this text; `devenv <command> --help` for one command
  --version

Exit codes: 0 ok, 1 drift or stale files, 2 usage or config error, 3 runtime failure.

Typical day:
  devenv up               # day one: databases up with the schema, in about a second
  devenv reset            # after editing schemas/*.sql
  eval "$(devenv env)"    # DEVENV_MAIN_URL=mysql://… for the app
  devenv build --check    # in CI: fail if initdb/ was not rebuilt and committed
)HELP";

using Command = int (*)(const fs::path&, Arguments&, std::ostream&, std::ostream&);

struct CommandInfo {
  Command run;
  const char* help;
};

const std::map<std::string, CommandInfo>& commands() {
  static const std::map<std::string, CommandInfo> table = {
      {"build", {run_build, kBuildHelp}},   {"up", {run_up, kUpHelp}},
      {"reset", {run_reset, kResetHelp}},   {"down", {run_down, kDownHelp}},
      {"status", {run_status, kStatusHelp}}, {"env", {run_env, kEnvHelp}},
      {"logs", {run_logs, kLogsHelp}},       {"shell", {run_shell, kShellHelp}},
      {"verify", {run_verify, kVerifyHelp}}, {"dump", {run_dump, kDumpHelp}},
      {"diff", {run_diff, kDiffHelp}},
  };
  return table;
}

fs::path find_config(const std::optional<std::string>& given) {
  if (given) return *given;
  if (const char* from_environment = std::getenv("DEVENV_CONFIG"); from_environment && *from_environment) {
    return from_environment;
  }
  for (fs::path dir = fs::current_path();; dir = dir.parent_path()) {
    if (fs::exists(dir / "config.toml")) return dir / "config.toml";
    if (dir == dir.parent_path()) break;
  }
  return "config.toml";  // load_config reports it missing, with what to do
}

int dispatch(std::vector<std::string> words) {
  Arguments global(words);
  if (words.empty() || words[0] == "--help" || words[0] == "-h" || words[0] == "help") {
    std::cout << kHelp;
    return words.empty() ? kUsage : kOk;
  }
  if (words[0] == "--version") {
    std::cout << "devenv " << kVersion << "\n";
    return kOk;
  }
  std::optional<std::string> config;
  if (words[0] == "--config" || words[0].rfind("--config=", 0) == 0) {
    const bool joined = words[0] != "--config";
    if (!joined && words.size() < 2) throw UsageError("--config needs a file");
    config = joined ? words[0].substr(9) : words[1];
    words.erase(words.begin(), words.begin() + (joined ? 1 : 2));
  }
  if (words.empty()) throw UsageError("no command given");
  const auto command = commands().find(words[0]);
  if (command == commands().end()) throw UsageError("unknown command '" + words[0] + "'");
  Arguments arguments(std::vector<std::string>(words.begin() + 1, words.end()));
  if (arguments.flag("--help") || arguments.flag("-h")) {
    std::cout << command->second.help;
    return kOk;
  }
  if (auto late_config = arguments.option("--config")) config = late_config;
  return command->second.run(find_config(config), arguments, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
  try {
    return dispatch(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const UsageError& e) {
    std::cerr << "devenv: " << e.what() << "\nrun `devenv --help` for usage\n";
    return kUsage;
  } catch (const devenv::config::ConfigError& e) {
    std::cerr << "devenv: config error: " << e.what() << "\n";
    return kUsage;
  } catch (const devenv::sql::SourceError& e) {
    std::cerr << "devenv: schema error: " << e.what() << "\n";
    return kUsage;
  } catch (const devenv::util::Interrupted&) {
    std::cerr << "devenv: interrupted; shadow databases were dropped\n";
    return 130;
  } catch (const devenv::util::RuntimeError& e) {
    std::cerr << "devenv: " << e.what() << "\n";
    if (!e.hint().empty()) std::cerr << "  hint: " << e.hint() << "\n";
    return kRuntime;
  } catch (const devenv::initdb::ForeignFileInTheWay& e) {
    std::cerr << "devenv: " << e.what() << "\n  hint: move it away, or delete it if it is an old copy\n";
    return kRuntime;
  } catch (const std::exception& e) {
    std::cerr << "devenv: " << e.what() << "\n";
    return kRuntime;
  }
}
