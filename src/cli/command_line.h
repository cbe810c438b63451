#pragma once

#include <CLI/CLI.hpp>

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <map>
#include <optional>
#include <string>

namespace devenv::cli {

// devenv's whole command line in one CLI11 parser: the global options (--config,
// --version, -h/--help) and one subcommand per command, each filling its own options
// struct. One parser means every command treats options alike: any order, before or
// after positionals, --config before or after the command name.
class CommandLine {
 public:
  CommandLine();

  // Reads argv. Answers --help, --version and usage errors itself and returns their
  // exit code; returns nothing when a command is ready for run().
  std::optional<int> parse(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

  // Runs the parsed command against the config in use.
  int run(std::ostream& out, std::ostream& err) const;

  // The command named on the command line, or "" if none was, to point at its help.
  std::string command() const;

  // The parser itself, for the completion scripts and their tests.
  const CLI::App& app() const { return app_; }

 private:
  using Runner = std::function<int(const std::filesystem::path& config, std::ostream& out, std::ostream& err)>;

  template <typename Options>
  void add_command(const std::string& name, const char* help,
                   int (*run)(const std::filesystem::path&, const Options&, std::ostream&, std::ostream&));
  std::string explain_extras(const CLI::ExtrasError& error) const;
  std::string did_you_mean_command(const std::string& word) const;
  std::string did_you_mean_option(const std::string& word) const;
  int print_help(std::ostream& out, std::ostream& err) const;
  // --color, --quiet and --verbose, for every command.
  void apply_output_options() const;

  CLI::App app_;
  std::optional<std::string> config_;
  std::optional<std::string> colour_;
  bool quiet_ = false;
  bool verbose_ = false;
  std::string help_topic_;
  std::map<std::string, Runner> runners_;
};

// "devenv: <message>" and which help to read; returns the usage exit code.
int report_usage_error(const std::string& message, const std::string& command, std::ostream& err);

}  // namespace devenv::cli
