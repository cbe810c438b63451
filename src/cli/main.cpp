// devenv: bring up the databases a project needs and prove they match its schema files.
#include <iostream>
#include <optional>

#include "cli/command_line.h"
#include "cli/exit_code.h"
#include "cli/usage_error.h"
#include "config/config_error.h"
#include "generator/output_files.h"
#include "sqltext/source_error.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"

using namespace devenv::cli;

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
    std::cerr << "devenv: schema error: " << e.what() << "\n";
    return kUsage;
  } catch (const devenv::util::Interrupted&) {
    std::cerr << "devenv: interrupted; what was half-made was undone (shadow databases dropped, init servers "
                 "stopped)\n";
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
