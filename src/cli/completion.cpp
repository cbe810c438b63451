#include "cli/completion.h"

#include <algorithm>
#include <ostream>
#include <regex>
#include <set>
#include <sstream>

#include "cli/exit_code.h"
#include "config/loader.h"
#include "runtime/snapshot_store.h"
#include "util/shell_quote.h"

namespace devenv::cli {

namespace {

using util::shell_quote;

// A placeholder's completion when the parser gives no choices. Positionals must have a
// rule here (values_without_completion_rule); an option's value without one is free text.
CompletionValue value_for(const std::string& placeholder, const std::vector<std::string>& choices) {
  CompletionValue value;
  value.words = choices;
  if (!choices.empty()) return value;
  if (placeholder == "COMMAND") value.commands = true;
  if (placeholder == "SERVER") value.servers = true;
  if (placeholder == "DATABASE") value.databases = true;
  if (placeholder == "NAME") value.snapshots = true;                                   // snapshot restore|rm NAME
  if (placeholder == "A" || placeholder == "B") value.databases = value.files = true;  // diff: a name, DSN or file
  if (placeholder == "FILE" || placeholder == "PATH" || placeholder == "TEXT") value.files = true;
  return value;
}

bool has_rule(const CompletionValue& value) {
  return !value.words.empty() || value.commands || value.servers || value.databases || value.snapshots || value.files;
}

// "WHEN:{auto,always,never}" (CLI11's type name and its IsMember set) → WHEN, the words.
std::pair<std::string, std::vector<std::string>> type_and_choices(const std::string& type_name) {
  const std::size_t colon = type_name.find(':');
  std::vector<std::string> choices;
  if (colon != std::string::npos) {
    const std::size_t open = type_name.find('{', colon);
    const std::size_t close = type_name.find('}', open);
    if (open != std::string::npos && close != std::string::npos) {
      std::stringstream words(type_name.substr(open + 1, close - open - 1));
      for (std::string word; std::getline(words, word, ',');) {
        if (!word.empty()) choices.push_back(word);
      }
    }
  }
  return {type_name.substr(0, colon), choices};
}

CompletionOption option_of(const CLI::Option& option) {
  CompletionOption result;
  for (const std::string& name : option.get_snames()) result.names.push_back("-" + name);
  for (const std::string& name : option.get_lnames()) result.names.push_back("--" + name);
  result.takes_value = option.get_expected_max() > 0;  // flags expect none
  result.repeats = result.takes_value && option.get_items_expected_max() > 1;
  if (result.takes_value) {
    auto [placeholder, choices] = type_and_choices(option.get_type_name());
    result.placeholder = placeholder;
    result.value = value_for(placeholder, choices);
    // No type name of its own: the option's name may say what it takes (--server).
    if (placeholder == "TEXT" && choices.empty() && !option.get_lnames().empty()) {
      std::string named = option.get_lnames().front();
      for (char& c : named) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      if (const CompletionValue by_name = value_for(named, {}); has_rule(by_name)) result.value = by_name;
    }
  }
  return result;
}

CompletionPositional positional_of(const CLI::Option& option) {
  CompletionPositional result;
  result.placeholder = option.get_name(true);
  result.repeats = option.get_items_expected_max() > 1;
  result.value = value_for(result.placeholder, type_and_choices(option.get_type_name()).second);
  return result;
}

// Each command's lines in the overview (`devenv --help`), joined: "  up        start
// every server…" and the lines indented under it.
std::map<std::string, std::string> overview_lines(const CLI::App& app) {
  std::map<std::string, std::string> lines;
  std::stringstream help(app.help());
  static const std::regex command_line(R"(^  ([a-z][a-z-]*)  +(\S.*)$)");
  static const std::regex continued(R"(^   +(\S.*)$)");
  bool in_commands = false;
  std::string* last = nullptr;
  for (std::string line; std::getline(help, line);) {
    std::smatch match;
    if (line == "Commands:") {
      in_commands = true;
    } else if (!in_commands) {
      continue;
    } else if (!line.empty() && line[0] != ' ') {
      break;
    } else if (std::regex_match(line, match, command_line)) {
      last = &(lines[match[1]] = match[2]);
    } else if (last && std::regex_match(line, match, continued)) {
      *last += " " + match[1].str();
    } else {
      last = nullptr;
    }
  }
  return lines;
}

std::vector<const CLI::App*> visible_commands(const CLI::App& app) {
  return app.get_subcommands([](const CLI::App* command) { return !command->get_group().empty(); });
}

std::string join(const std::vector<std::string>& words, const std::string& separator = " ") {
  std::string joined;
  for (const std::string& word : words) joined += (joined.empty() ? "" : separator) + word;
  return joined;
}

// ---- bash ----

// How bash's script completes a value: "servers files", "words native compose", or "".
std::string bash_kinds(const CompletionValue& value) {
  std::vector<std::string> kinds;
  if (value.commands) kinds.push_back("commands");
  if (value.servers) kinds.push_back("servers");
  if (value.databases) kinds.push_back("databases");
  if (value.snapshots) kinds.push_back("snapshots");
  if (value.files) kinds.push_back("files");
  if (!value.words.empty()) kinds.push_back("words " + join(value.words));  // last: it takes the rest
  return join(kinds);
}

constexpr const char* kBashHead =
    R"BASH(# bash completion for devenv                                       -*- shell-script -*-
# Generated by `devenv completion bash` (devenv @VERSION@) from devenv's own command-line
# parser: every command, its options and their values. The package installs it as
# /usr/share/bash-completion/completions/devenv; by hand: source <(devenv completion bash)

_devenv_commands() {
  echo @COMMANDS@
}

# _devenv_options COMMAND: its options, then the global ones (they work after it too).
_devenv_options() {
  case $1 in
@OPTIONS@  esac
  echo @GLOBAL_OPTIONS@
}

# _devenv_value COMMAND OPTION: how the option's value completes; status 1 for a flag
# or an option the command does not have.
_devenv_value() {
  case "$1 $2" in
@VALUES@    *) return 1 ;;
  esac
}

# _devenv_positional COMMAND N: how its positional number N (from 0) completes.
_devenv_positional() {
  case "$1 $2" in
@POSITIONALS@    *) return 1 ;;
  esac
}

# _devenv_names servers|databases|snapshots: the names of the config in use (--config on the
# command line, else the one devenv itself finds).
_devenv_names() {
  local i config=()
  for ((i = 1; i < COMP_CWORD; i++)); do
    case ${COMP_WORDS[i]} in
      --config)
        if [[ ${COMP_WORDS[i + 1]} == = ]]; then config=(--config "${COMP_WORDS[i + 2]}")
        else config=(--config "${COMP_WORDS[i + 1]}"); fi ;;
      --config=*) config=(--config "${COMP_WORDS[i]#--config=}") ;;
    esac
  done
  [[ ${#config[@]} -eq 0 ]] || config[1]=${config[1]/#\~/$HOME}
  "${COMP_WORDS[0]}" "${config[@]}" completion "$1" 2>/dev/null
}

# _devenv_reply PREFIX KIND…: COMPREPLY for $cur from commands, servers, databases,
# snapshots, files and `words W…`.
_devenv_reply() {
  local prefix=$1 found=()
  shift
  while (($# > 0)); do
    case $1 in
      words) shift; found+=($(compgen -W "$*" -- "$cur")); break ;;
      commands) found+=($(compgen -W "$(_devenv_commands)" -- "$cur")) ;;
      servers | databases | snapshots) found+=($(compgen -W "$(_devenv_names "$1")" -- "$cur")) ;;
      files)
        compopt -o filenames 2>/dev/null
        mapfile -t -O "${#found[@]}" found < <(compgen -f -- "$cur") ;;
    esac
    shift
  done
  COMPREPLY=("${found[@]/#/$prefix}")
}

_devenv() {
  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
  local command="" positional=0 i=1 word option="" prefix="" kinds
  COMPREPLY=()
  # The command, and how many of its positionals come before the word completed.
  while ((i < COMP_CWORD)); do
    word=${COMP_WORDS[i]}
    if [[ $word == -* && ${COMP_WORDS[i + 1]} == = ]]; then
      i=$((i + 3))  # --option=value, which bash splits at '='
      continue
    fi
    case $word in
      -*=*) ;;
      -*) if _devenv_value "$command" "$word" >/dev/null; then i=$((i + 1)); fi ;;
      *) if [[ -z $command ]]; then command=$word; else positional=$((positional + 1)); fi ;;
    esac
    i=$((i + 1))
  done
  # An option's value: `--format j`, `--format=j` (split at '=' or not).
  if [[ $cur == = && $prev == -* ]]; then
    option=$prev cur=""
  elif [[ $prev == = && ${COMP_WORDS[COMP_CWORD - 2]} == -* ]]; then
    option=${COMP_WORDS[COMP_CWORD - 2]}
  elif [[ $cur == -*=* ]]; then
    option=${cur%%=*} prefix=${cur%%=*}= cur=${cur#*=}
  elif [[ $prev == -* ]]; then
    option=$prev
  fi
  if [[ -n $option ]] && kinds=$(_devenv_value "$command" "$option"); then
    _devenv_reply "$prefix" $kinds
  elif [[ $cur == -* ]]; then
    _devenv_reply "" words $(_devenv_options "$command")
  elif [[ -z $command ]]; then
    _devenv_reply "" commands
  elif kinds=$(_devenv_positional "$command" "$positional"); then
    _devenv_reply "" $kinds
  fi
  return 0
}

complete -F _devenv devenv
)BASH";

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// ---- zsh ----

std::string zsh_quote(const std::string& text) { return shell_quote(text); }

std::string zsh_action(const CompletionValue& value) {
  if (!value.words.empty()) return "(" + join(value.words) + ")";
  std::vector<std::string> kinds;
  if (value.commands) kinds.push_back("commands");
  if (value.servers) kinds.push_back("servers");
  if (value.databases) kinds.push_back("databases");
  if (value.snapshots) kinds.push_back("snapshots");
  if (value.files) kinds.push_back("files");
  return kinds.empty() ? " " : "_devenv_values " + join(kinds);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// One _arguments spec per name: '(-n --tail)-n+:lines: ', '*--ignore=:pattern: '.
std::vector<std::string> zsh_specs(const CompletionOption& option) {
  std::vector<std::string> specs;
  const std::string exclusions = option.names.size() > 1 && !option.repeats ? "(" + join(option.names) + ")" : "";
  for (const std::string& name : option.names) {
    std::string spec = exclusions + (option.repeats ? "*" : "") + name;
    if (option.takes_value) {
      const bool is_long = name.rfind("--", 0) == 0;
      std::string message = option.placeholder == "TEXT" ? option.names.back().substr(2) : lower(option.placeholder);
      spec += (is_long ? "=" : "+") + std::string(":") + message + ":" + zsh_action(option.value);
    }
    specs.push_back(zsh_quote(spec));
  }
  return specs;
}

constexpr const char* kZshHead = R"ZSH(#compdef devenv
# zsh completion for devenv. Generated by `devenv completion zsh` (devenv @VERSION@) from
# devenv's own command-line parser: every command, its options and their values. The
# package installs it as /usr/share/zsh/vendor-completions/_devenv; by hand: put it in
# a folder of $fpath as _devenv, or source <(devenv completion zsh) after compinit.

_devenv_commands() {
  local -a commands=(
@COMMANDS@  )
  _describe -t commands 'devenv command' commands
}

# _devenv_names servers|databases|snapshots: the names of the config in use (--config on the
# command line, else the one devenv itself finds).
_devenv_names() {
  local -a config names
  local i
  for ((i = 2; i < $#devenv_words; i++)); do
    case $devenv_words[i] in
      --config) config=(--config ${devenv_words[i + 1]/#\~/$HOME}) ;;
      --config=*) config=(--config ${${devenv_words[i]#--config=}/#\~/$HOME}) ;;
    esac
  done
  names=(${(f)"$(${devenv_words[1]} $config completion $1 2>/dev/null)"})
  _wanted $1 expl ${1%s} compadd -a names
}

# _devenv_values KIND…: commands, servers, databases, snapshots, files.
_devenv_values() {
  local kind ret=1
  for kind; do
    case $kind in
      commands) _devenv_commands && ret=0 ;;
      servers | databases | snapshots) _devenv_names $kind && ret=0 ;;
      files) _files && ret=0 ;;
    esac
  done
  return ret
}

_devenv() {
  local curcontext=$curcontext state state_descr line ret=1
  local -a devenv_words=("${words[@]}")
  typeset -A opt_args
  _arguments -C : \
@GLOBAL_SPECS@    '(-): :->command' \
    '(-)*:: :->argument' && ret=0
  case $state in
    command) _devenv_commands && ret=0 ;;
    argument)
      curcontext=${curcontext%:*:*}:devenv-$words[1]:
      case $words[1] in
@COMMAND_CASES@      esac ;;
  esac
  return ret
}

if [[ $funcstack[1] == _devenv ]]; then
  _devenv "$@"
else
  compdef _devenv devenv
fi
)ZSH";

}  // namespace

std::vector<CompletionCommand> completion_model(const CLI::App& app) {
  std::vector<CompletionCommand> commands;
  CompletionCommand top;
  for (const CLI::Option* option : app.get_options()) {
    if (option->nonpositional()) top.options.push_back(option_of(*option));
  }
  std::set<std::string> global_names;
  for (const CompletionOption& option : top.options) global_names.insert(option.names.begin(), option.names.end());
  const std::map<std::string, std::string> descriptions = overview_lines(app);
  for (const CLI::App* sub : visible_commands(app)) {
    CompletionCommand command;
    command.name = sub->get_name();
    if (auto line = descriptions.find(command.name); line != descriptions.end()) command.description = line->second;
    for (const CLI::Option* option : sub->get_options()) {
      if (option->get_positional() && !option->nonpositional()) {
        command.positionals.push_back(positional_of(*option));
        continue;
      }
      CompletionOption own = option_of(*option);
      // A command's copy of a global option (its -h/--help) is listed once, as global.
      const bool global = std::all_of(own.names.begin(), own.names.end(),
                                      [&](const std::string& name) { return global_names.count(name) > 0; });
      if (!global) command.options.push_back(own);
    }
    command.options.insert(command.options.end(), top.options.begin(), top.options.end());
    commands.push_back(command);
  }
  commands.insert(commands.begin(), top);
  return commands;
}

std::vector<std::string> values_without_completion_rule(const CLI::App& app) {
  std::vector<std::string> missing;
  for (const CompletionCommand& command : completion_model(app)) {
    for (const CompletionPositional& positional : command.positionals) {
      if (!has_rule(positional.value)) missing.push_back(command.name + ": " + positional.placeholder);
    }
  }
  return missing;
}

std::string bash_completion_script(const CLI::App& app) {
  const std::vector<CompletionCommand> model = completion_model(app);
  std::vector<std::string> command_names, global_options;
  std::string options, values, positionals;
  for (const CompletionOption& option : model.front().options) {
    global_options.insert(global_options.end(), option.names.begin(), option.names.end());
    if (!option.takes_value) continue;
    for (const std::string& name : option.names) {
      values += "    *" + shell_quote(" " + name) + ") echo " + shell_quote(bash_kinds(option.value)) + " ;;\n";
    }
  }
  std::string command_values;
  for (std::size_t i = 1; i < model.size(); ++i) {
    const CompletionCommand& command = model[i];
    command_names.push_back(command.name);
    std::vector<std::string> own;
    for (const CompletionOption& option : command.options) {
      const bool global =
          std::find(global_options.begin(), global_options.end(), option.names.front()) != global_options.end();
      if (global) continue;
      own.insert(own.end(), option.names.begin(), option.names.end());
      if (!option.takes_value) continue;
      for (const std::string& name : option.names) {
        command_values += "    " + shell_quote(command.name + " " + name) + ") echo " +
                          shell_quote(bash_kinds(option.value)) + " ;;\n";
      }
    }
    if (!own.empty()) options += "    " + shell_quote(command.name) + ") echo " + shell_quote(join(own)) + " ;;\n";
    for (std::size_t n = 0; n < command.positionals.size(); ++n) {
      const CompletionPositional& positional = command.positionals[n];
      // A repeating positional is the last: it takes every further word.
      const std::string pattern = positional.repeats ? shell_quote(command.name + " ") + "*"
                                                     : shell_quote(command.name + " " + std::to_string(n));
      positionals += "    " + pattern + ") echo " + shell_quote(bash_kinds(positional.value)) + " ;;\n";
    }
  }
  std::string script = kBashHead;
  script = replace_all(script, "@VERSION@", DEVENV_VERSION);
  script = replace_all(script, "@COMMANDS@", shell_quote(join(command_names)));
  script = replace_all(script, "@GLOBAL_OPTIONS@", shell_quote(join(global_options)));
  script = replace_all(script, "@OPTIONS@", options);
  script = replace_all(script, "@VALUES@", command_values + values);  // a command's own before the global ones
  script = replace_all(script, "@POSITIONALS@", positionals);
  return script;
}

std::string zsh_completion_script(const CLI::App& app) {
  const std::vector<CompletionCommand> model = completion_model(app);
  std::string commands, global_specs, cases;
  for (const CompletionOption& option : model.front().options) {
    for (const std::string& spec : zsh_specs(option)) global_specs += "    " + spec + " \\\n";
  }
  for (std::size_t i = 1; i < model.size(); ++i) {
    const CompletionCommand& command = model[i];
    const std::string description = replace_all(command.description, ":", "\\:");
    commands += "    " + zsh_quote(command.name + (description.empty() ? "" : ":" + description)) + "\n";
    cases += "        (" + command.name + ")\n          _arguments -C :";
    for (const CompletionOption& option : command.options) {
      for (const std::string& spec : zsh_specs(option)) cases += " \\\n            " + spec;
    }
    for (std::size_t n = 0; n < command.positionals.size(); ++n) {
      const CompletionPositional& positional = command.positionals[n];
      const std::string spec = (positional.repeats ? "*" : std::to_string(n + 1)) + ":" +
                               lower(positional.placeholder) + ":" + zsh_action(positional.value);
      cases += " \\\n            " + zsh_quote(spec);
    }
    cases += " && ret=0 ;;\n";
  }
  std::string script = kZshHead;
  script = replace_all(script, "@VERSION@", DEVENV_VERSION);
  script = replace_all(script, "@COMMANDS@", commands);
  script = replace_all(script, "@GLOBAL_SPECS@", global_specs);
  script = replace_all(script, "@COMMAND_CASES@", cases);
  return script;
}

int print_completion(const CLI::App& app, const std::string& kind, const std::filesystem::path& config,
                     std::ostream& out) {
  if (kind == "bash") out << bash_completion_script(app);
  if (kind == "zsh") out << zsh_completion_script(app);
  if (kind != "servers" && kind != "databases" && kind != "snapshots") return kOk;
  std::vector<std::string> names;
  try {
    const config::Config loaded = config::load_config(config);
    if (kind == "snapshots") {
      // Read without the state-dir lock: a completion must never wait.
      for (const runtime::SnapshotSummary& snapshot : runtime::SnapshotStore(loaded.project.state_dir).list()) {
        names.push_back(snapshot.manifest.name);
      }
    } else if (kind == "servers") {
      for (const config::Server& server : loaded.servers) names.push_back(server.name);
    } else {
      for (const config::Database& database : loaded.databases) {
        names.push_back(database.key);
        names.insert(names.end(), database.names.begin(), database.names.end());
      }
    }
  } catch (const std::exception&) {
    return kOk;  // no config, or a broken one: nothing to offer
  }
  std::set<std::string> printed;
  for (const std::string& name : names) {
    if (printed.insert(name).second) out << name << "\n";
  }
  return kOk;
}

}  // namespace devenv::cli
