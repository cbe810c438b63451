#include "cli/command_line.h"

#include <cstdlib>
#include <ostream>

#include "cli/build_command.h"
#include "cli/colour.h"
#include "cli/completion.h"
#include "cli/exit_code.h"
#include "cli/init_command.h"
#include "cli/progress.h"
#include "cli/runtime_commands.h"
#include "config/did_you_mean.h"

namespace devenv::cli {

namespace {

namespace fs = std::filesystem;

constexpr const char* kHelp = R"HELP(devenv — local databases from config.toml and schema files, proven to match them.

Usage: devenv [--config FILE] <command> [options]

Commands:
  init      adopt this folder's compose file, init folder, migrations or .sql files:
            write a commented config.toml for them, and build it
  up        start every server natively (initialising empty data dirs with initdb/)
            and wait until each answers; a summary with one URL per database
  reset     bring the databases back fresh, in place on a running server: after a
            schema edit only the edited databases, else all (--all-databases)
  watch     on every save of the config or a schema: build, then reset in place
            only the databases whose schema changed (Ctrl-C stops watching)
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
  snapshot  save|restore|list|rm NAME: keep the databases' dev data under a name and
            bring it back later (after a reset)
  cache     stats|clear: the data dirs this machine initialised, kept for reuse
  remote    list|prune: every developer's databases on a shared server (runtime =
            "remote"), by prefix; prune those unused for --older-than 30d

  help      this text; `devenv help <command>` (or `devenv <command> --help`) for one
  version   devenv's version (also --version)

Global options (before or after the command):
  --config FILE        the config to use (default: config.toml in this folder or the
                       nearest parent folder that has one; or $DEVENV_CONFIG)
  --color WHEN         auto (default: on a terminal, unless NO_COLOR is set or
                       TERM=dumb), always or never
  -q, --quiet          no progress lines on stderr (errors and results still show)
  --verbose            more progress: which config, runtime and state dir
  -h, --help           this text, or the command's
  --version

Exit codes: 0 ok, 1 drift or stale files, 2 usage or config error, 3 runtime failure.

Typical day:
  devenv up               # day one: databases up with the schema, in about a second
  devenv reset            # after editing schemas/*.sql
  devenv watch            # or: reset on every save, one line per change
  devenv snapshot save mine && devenv reset && devenv snapshot restore mine
                          # keep the dev data you prepared across a reset
  eval "$(devenv env)"    # DEVENV_MAIN_URL=mysql://… for the app
  devenv build --check    # in CI: fail if initdb/ was not rebuilt and committed
)HELP";

// Our own help texts, not CLI11's generated ones: they explain what a command does.
std::function<std::string(const CLI::App*, std::string, CLI::AppFormatMode)> help_text(const char* text) {
  return [text](const CLI::App*, std::string, CLI::AppFormatMode) { return std::string(text); };
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

void add_runtime_option(CLI::App& command, std::optional<std::string>& runtime) {
  command.add_option("--runtime", runtime)->check(CLI::IsMember({"native", "compose", "remote"}));
}

// --ignore kind:glob, repeatable; one pattern each, so a DATABASE after it stays a positional.
void add_ignore_option(CLI::App& command, std::vector<std::string>& patterns, bool& include_history) {
  command.add_option("--ignore", patterns)->type_name("PATTERN")->allow_extra_args(false);
  command.add_flag("--include-history", include_history);
}

void add_format_option(CLI::App& command, std::string& format, const std::vector<std::string>& formats) {
  command.add_option("--format", format)->check(CLI::IsMember(formats));
}

// One overload per options struct: the options and positionals of its command.

void declare_options(CLI::App& command, BuildOptions& options) { command.add_flag("--check", options.check); }

void declare_options(CLI::App& command, InitOptions& options) {
  command.add_flag("--force", options.force);
  command.add_flag("--dry-run", options.dry_run);
  command.add_option("--compose", options.compose)->type_name("FILE");
}

void declare_options(CLI::App& command, ResetOptions& options) {
  add_runtime_option(command, options.runtime);
  command.add_flag("--force", options.force);
  command.add_flag("--all-databases", options.all_databases);
  command.add_option("-j,--jobs", options.jobs, "shared servers: databases made at once (default 4)")
      ->type_name("N")
      ->check(CLI::Range(1u, 64u));
  command.add_option("SERVER", options.servers);
}

void declare_options(CLI::App& command, UpOptions& options) {
  declare_options(command, static_cast<ResetOptions&>(options));
  command.add_flag("--reset-on-change", options.reset_on_change);
  command.add_flag("--verify", options.verify);
  // As `docker compose up -d`: devenv's servers always outlive the command.
  command.add_flag("-d,--detach", options.detach);
}

void declare_options(CLI::App& command, WatchOptions& options) {
  command.add_option("--debounce", options.debounce_ms)->type_name("MS")->check(CLI::Range(10u, 60000u));
  add_runtime_option(command, options.runtime);
}

void declare_options(CLI::App& command, CacheOptions& options) {
  command.add_option("ACTION", options.action)->required()->check(CLI::IsMember({"stats", "clear"}));
}

void declare_options(CLI::App& command, SnapshotOptions& options) {
  command.add_option("ACTION", options.action)->required()->check(CLI::IsMember({"save", "restore", "list", "rm"}));
  command.add_option("NAME", options.name);
  command.add_option("DATABASE", options.databases);
  command.add_flag("--force", options.force);
  add_format_option(command, options.format, {"text", "json"});
  add_runtime_option(command, options.runtime);
}

void declare_options(CLI::App& command, RemoteOptions& options) {
  command.add_option("ACTION", options.action)->required()->check(CLI::IsMember({"list", "prune"}));
  command.add_option("SERVER", options.servers);
  command.add_option("--older-than", options.older_than)->type_name("AGE");
  command.add_flag("--dry-run", options.dry_run);
  add_format_option(command, options.format, {"text", "json"});
}

void declare_options(CLI::App& command, DownOptions& options) {
  // -v/--volumes: what `docker compose down -v` calls deleting the data.
  command.add_flag("--purge,-v,--volumes", options.purge);
  add_runtime_option(command, options.runtime);
  command.add_option("SERVER", options.servers);
}

void declare_options(CLI::App& command, StatusOptions& options) {
  add_format_option(command, options.format, {"text", "json"});
  add_runtime_option(command, options.runtime);
}

void declare_options(CLI::App& command, EnvOptions& options) {
  add_format_option(command, options.format, {"shell", "dotenv", "json"});
  add_runtime_option(command, options.runtime);
}

void declare_options(CLI::App& command, LogsOptions& options) {
  command.add_option("SERVER", options.servers);
  command.add_flag("--init", options.init);
  command.add_option("-n,--tail", options.lines)->type_name("LINES");
  command.add_flag("-f,--follow", options.follow);
  command.add_flag("-t,--timestamps", options.timestamps);
  add_runtime_option(command, options.runtime);
}

void declare_options(CLI::App& command, ShellOptions& options) {
  command.add_option("DATABASE", options.database)->required();
  CLI::Option* root = command.add_flag("--root", options.root);
  command.add_option("--user", options.user)->excludes(root);
  add_runtime_option(command, options.runtime);
}

void declare_options(CLI::App& command, VerifyOptions& options) {
  add_format_option(command, options.format, {"text", "json", "sql"});
  command.add_flag("--strict", options.strict);
  command.add_flag("--allow-destructive", options.allow_destructive);
  add_ignore_option(command, options.ignore, options.include_history);
  add_runtime_option(command, options.runtime);
  command.add_option("DATABASE", options.databases);
}

void declare_options(CLI::App& command, DiffOptions& options) {
  command.add_option("A", options.from)->required();
  command.add_option("B", options.to)->required();
  add_format_option(command, options.format, {"text", "json", "sql"});
  command.add_flag("--allow-destructive", options.allow_destructive);
  command.add_option("--server", options.server)->type_name("SERVER");
  add_ignore_option(command, options.ignore, options.include_history);
  add_runtime_option(command, options.runtime);
}

void declare_options(CLI::App& command, DumpOptions& options) {
  auto* database = command.add_option("DATABASE", options.database);
  auto* from = command.add_option("--from", options.from);
  database->excludes(from);
  command.add_option("--server", options.server)->needs(from);
  command.add_option("--check", options.check);
  add_runtime_option(command, options.runtime);
}

std::vector<std::string> long_names(const CLI::App& command) {
  std::vector<std::string> names;
  for (const CLI::Option* option : command.get_options()) {
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
  }
  return names;
}

}  // namespace

CommandLine::CommandLine() : app_("", "devenv") {
  app_.set_help_flag("-h,--help");
  app_.set_version_flag("--version", std::string("devenv ") + DEVENV_VERSION);
  app_.add_option("--config", config_)->type_name("FILE");
  app_.add_option("--color,--colour", colour_)->type_name("WHEN")->check(CLI::IsMember({"auto", "always", "never"}));
  CLI::Option* quiet = app_.add_flag("-q,--quiet", quiet_);
  app_.add_flag("--verbose", verbose_)->excludes(quiet);
  app_.formatter_fn(help_text(kHelp));
  app_.require_subcommand(0, 1);  // none at all is answered in parse()
  // Options a command does not know go up to the app: --config after the command
  // name. Set before the commands are added, which inherit it.
  app_.fallthrough();
  // Hidden (no group): `devenv completion bash|zsh`, the scripts the package installs,
  // read off this parser; `servers|databases`, the config's names those scripts offer.
  auto completion = std::make_shared<std::string>();
  app_.add_subcommand("completion")
      ->group("")
      ->add_option("KIND", *completion)
      ->required()
      ->check(CLI::IsMember(kCompletionKinds));
  runners_["completion"] = [this, completion](const fs::path& config, std::ostream& out, std::ostream&) {
    return print_completion(app_, *completion, config, out);
  };
  add_command("init", kInitHelp, run_init);
  add_command("build", kBuildHelp, run_build);
  add_command("up", kUpHelp, run_up);
  add_command("reset", kResetHelp, run_reset);
  add_command("watch", kWatchHelp, run_watch);
  add_command("down", kDownHelp, run_down);
  add_command("status", kStatusHelp, run_status);
  add_command("env", kEnvHelp, run_env);
  add_command("logs", kLogsHelp, run_logs);
  add_command("shell", kShellHelp, run_shell);
  add_command("verify", kVerifyHelp, run_verify);
  add_command("dump", kDumpHelp, run_dump);
  add_command("diff", kDiffHelp, run_diff);
  add_command("snapshot", kSnapshotHelp, run_snapshot);
  add_command("remote", kRemoteHelp, run_remote);
  add_command("cache", kCacheHelp, run_cache);
  // `devenv help [COMMAND]` and `devenv version`, as git and docker take them.
  app_.add_subcommand("help")->add_option("COMMAND", help_topic_);
  runners_["help"] = [this](const fs::path&, std::ostream& out, std::ostream& err) { return print_help(out, err); };
  app_.add_subcommand("version");
  runners_["version"] = [](const fs::path&, std::ostream& out, std::ostream&) {
    out << "devenv " << DEVENV_VERSION << "\n";
    return kOk;
  };
}

int CommandLine::print_help(std::ostream& out, std::ostream& err) const {
  if (help_topic_.empty()) {
    out << kHelp;
    return kOk;
  }
  if (!runners_.count(help_topic_)) {
    return report_usage_error("no command '" + help_topic_ + "'" + did_you_mean_command(help_topic_), "", err);
  }
  out << app_.get_subcommand(help_topic_)->help();
  return kOk;
}

std::string CommandLine::did_you_mean_command(const std::string& word) const {
  std::vector<std::string> names;
  for (const auto& [name, runner] : runners_) names.push_back(name);
  const std::string guess = config::did_you_mean(word, names);
  return guess.empty() ? "" : "; did you mean '" + guess + "'?";
}

void CommandLine::apply_output_options() const {
  if (colour_)
    choose_colour(*colour_ == "always"  ? ColourChoice::Always
                  : *colour_ == "never" ? ColourChoice::Never
                                        : ColourChoice::Auto);
  ProgressPrinter::set_verbosity(quiet_ ? Verbosity::Quiet : verbose_ ? Verbosity::Verbose : Verbosity::Normal);
}

template <typename Options>
void CommandLine::add_command(const std::string& name, const char* help,
                              int (*run)(const fs::path&, const Options&, std::ostream&, std::ostream&)) {
  CLI::App* command = app_.add_subcommand(name);
  command->formatter_fn(help_text(help));
  // Shared with the runner, which outlives this call; CLI11 writes into it while parsing.
  auto options = std::make_shared<Options>();
  declare_options(*command, *options);
  runners_[name] = [options, run](const fs::path& config, std::ostream& out, std::ostream& err) {
    return run(config, *options, out, err);
  };
}

std::optional<int> CommandLine::parse(int argc, const char* const* argv, std::ostream& out, std::ostream& err) {
  if (argc <= 1) {  // a bare `devenv` asks what there is, but runs nothing
    out << kHelp;
    return kUsage;
  }
  try {
    app_.parse(argc, argv);
  } catch (const CLI::CallForHelp&) {
    out << app_.help();  // the chosen command's text (CLI11 delegates), else the overview
    return kOk;
  } catch (const CLI::CallForVersion& version) {
    out << version.what() << "\n";
    return kOk;
  } catch (const CLI::ExtrasError& error) {
    return report_usage_error(explain_extras(error), command(), err);
  } catch (const CLI::ParseError& error) {
    return report_usage_error(error.what(), command(), err);
  }
  if (command().empty()) return report_usage_error("no command given", "", err);
  apply_output_options();
  return std::nullopt;
}

// CLI11 lists every word it could not place; name the first, and what it was taken for.
std::string CommandLine::explain_extras(const CLI::ExtrasError& error) const {
  const std::vector<std::string> extras = app_.remaining(true);
  if (extras.empty()) return error.what();
  const std::string& word = extras.front();
  if (word.size() > 1 && word[0] == '-') return "unknown option " + word + did_you_mean_option(word);
  if (!command().empty()) return "unexpected argument " + word;
  return "unknown command '" + word + "'" + did_you_mean_command(word);
}

// Among the chosen command's long options and the global ones: `--purg` → `--purge`.
std::string CommandLine::did_you_mean_option(const std::string& word) const {
  if (word.rfind("--", 0) != 0) return "";
  const std::string name = word.substr(0, word.find('='));
  std::vector<std::string> names = long_names(app_);
  if (!command().empty()) {
    const std::vector<std::string> own = long_names(*app_.get_subcommand(command()));
    names.insert(names.end(), own.begin(), own.end());
  }
  const std::string guess = config::did_you_mean(name, names);
  return guess.empty() ? "" : "; did you mean " + guess + "?";
}

int CommandLine::run(std::ostream& out, std::ostream& err) const {
  // init writes config.toml where it runs (or at --config), never into a parent's.
  return runners_.at(command())(command() == "init" ? fs::path(config_.value_or("")) : find_config(config_), out, err);
}

std::string CommandLine::command() const {
  const std::vector<CLI::App*> chosen = app_.get_subcommands();
  return chosen.empty() ? "" : chosen.front()->get_name();
}

int report_usage_error(const std::string& message, const std::string& command, std::ostream& err) {
  err << "devenv: " << message << "\nrun `devenv " << (command.empty() ? "" : command + " ") << "--help`\n";
  return kUsage;
}

}  // namespace devenv::cli
