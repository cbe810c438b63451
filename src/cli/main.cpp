// devenv: bring up the databases a project needs and prove they match its schema files.
#include <iostream>
#include <optional>

#include "cli/command_line.h"
#include "cli/exit_code.h"
#include "cli/usage_error.h"
#include "config/config_error.h"
#include "generator/output_files.h"
#include "sqltext/source_errors.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"

using namespace devenv::cli;

// Every schema error of the run, each on its own lines with file:line:col.
static void report_schema_errors(const devenv::sqltext::SourceError& error, std::ostream& err) {
  const auto* several = dynamic_cast<const devenv::sqltext::SourceErrors*>(&error);
  if (!several) {
    err << "devenv: schema error: " << error.what() << "\n";
    return;
  }
  for (const auto& one : several->errors()) err << "devenv: schema error: " << one.what() << "\n";
  const std::size_t total = several->errors().size() + several->left_out();
  err << "devenv: " << total << " schema errors";
  if (several->left_out() > 0) err << " (the first " << several->errors().size() << " shown)";
  err << "; nothing was written\n";
}

int main(int argc, char** argv) {
  CommandLine command_line;
  if (const std::optional<int> answered = command_line.parse(argc, argv, std::cout, std::cerr)) return *answered;
  try {
    return command_line.run(std::cout, std::cerr);
  } catch (const UsageError& e) {
    return report_usage_error(e.what(), command_line.command(), std::cerr);
  } catch (const devenv::config::ConfigError& e) {
    std::cerr << "devenv: config error: " << e.what() << "\n";
    return kUsage;
  } catch (const devenv::sqltext::SourceError& e) {
    report_schema_errors(e, std::cerr);
    return kUsage;
  } catch (const devenv::util::Interrupted&) {
    std::cerr << "devenv: interrupted; what was half-made was undone (shadow databases dropped, init servers "
                 "stopped), and a reset in place that did not finish is finished by the next `devenv up` or "
                 "`devenv reset`\n";
    return 130;
  } catch (const devenv::util::RuntimeError& e) {
    std::cerr << "devenv: " << e.what() << "\n";
    if (!e.hint().empty()) std::cerr << "  hint: " << e.hint() << "\n";
    return kRuntime;
  } catch (const devenv::generator::ForeignFileInTheWay& e) {
    std::cerr << "devenv: " << e.what() << "\n  hint: move it away, or delete it if it is an old copy\n";
    return kRuntime;
  } catch (const std::exception& e) {
    std::cerr << "devenv: " << e.what() << "\n";
    return kRuntime;
  }
}
