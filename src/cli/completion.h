#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iosfwd>
#include <string>
#include <vector>

namespace devenv::cli {

// Shell completion, read off devenv's own CLI11 parser, so that it names every command
// and option the parser has: the hidden `devenv completion bash|zsh` prints the script
// the package installs; `devenv completion servers|databases` prints the names those
// scripts offer for SERVER and DATABASE, from the config in use.

// What the value of an option or a positional completes to.
struct CompletionValue {
  std::vector<std::string> words;  // fixed choices (CLI::IsMember), e.g. native compose
  bool commands = false;           // devenv's command names (`help COMMAND`)
  bool servers = false;            // the config's server names
  bool databases = false;          // the config's database keys and names
  bool snapshots = false;          // the project's snapshot names
  bool files = false;              // file names
};

struct CompletionOption {
  std::vector<std::string> names;  // "-n", "--tail"
  bool takes_value = false;
  bool repeats = false;     // may be given more than once (--ignore)
  std::string placeholder;  // LINES, FILE, …
  CompletionValue value;
};

struct CompletionPositional {
  std::string placeholder;  // SERVER, DATABASE, …
  bool repeats = false;     // SERVER… : every further word
  CompletionValue value;
};

struct CompletionCommand {
  std::string name;                       // "" for devenv itself
  std::string description;                // its line in `devenv --help`, if it has one
  std::vector<CompletionOption> options;  // its own, then the global ones (they work after it too)
  std::vector<CompletionPositional> positionals;
};

// devenv itself (global options, no positionals) first, then every visible command in
// the parser's order. Hidden commands (CLI11 group "") are left out.
std::vector<CompletionCommand> completion_model(const CLI::App& app);

// A positional or option value whose completion devenv cannot tell: neither choices
// nor a placeholder it knows. The unit test requires none, so a new positional gets a
// rule here when it is added. "command: PLACEHOLDER" each.
std::vector<std::string> values_without_completion_rule(const CLI::App& app);

std::string bash_completion_script(const CLI::App& app);
std::string zsh_completion_script(const CLI::App& app);

// The kinds the hidden command takes.
inline const std::vector<std::string> kCompletionKinds = {"bash", "zsh", "servers", "databases", "snapshots"};

// `devenv completion KIND`: a script, or the config's names one a line (nothing, and
// exit 0, when the config does not load: a completion must never print an error).
int print_completion(const CLI::App& app, const std::string& kind, const std::filesystem::path& config,
                     std::ostream& out);

}  // namespace devenv::cli
