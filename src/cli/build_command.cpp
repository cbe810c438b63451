#include "cli/build_command.h"

#include <chrono>
#include <ostream>

#include "cli/exit_code.h"
#include "config/loader.h"
#include "generator/build_outputs.h"
#include "generator/output_files.h"
#include "sqltext/source_error.h"
#include "verify/ignore_rules.h"

namespace devenv::cli {
namespace {

void list(std::ostream& err, const char* label, const std::vector<std::string>& paths) {
  for (const std::string& path : paths) err << "  " << label << path << "\n";
}

int report_check(const generator::OutputStatus& status, std::ostream& err) {
  if (status.up_to_date()) {
    err << "devenv build --check: " << status.current.size() << " generated files are up to date\n";
    return kOk;
  }
  err << "devenv build --check: generated files are out of date:\n";
  list(err, "stale:      ", status.stale);
  list(err, "missing:    ", status.missing);
  list(err, "unexpected: ", status.unexpected);
  err << "run `devenv build` and commit the result\n";
  return kDrift;
}

void report_write(const generator::OutputStatus& status, double seconds, std::ostream& err) {
  list(err, "wrote    ", status.missing);
  list(err, "updated  ", status.stale);
  list(err, "removed  ", status.unexpected);
  list(err, "kept     ", status.foreign);  // the user's own init files run too, in glob order
  const std::size_t changed = status.missing.size() + status.stale.size();
  err << "devenv build: " << changed << " written, " << status.current.size() << " unchanged, "
      << status.unexpected.size() << " removed (" << static_cast<int>(seconds * 1000) << " ms)\n";
}

}  // namespace

int run_build(const std::filesystem::path& config_file, const BuildOptions& options, std::ostream&, std::ostream& err) {
  const auto started = std::chrono::steady_clock::now();
  const config::Config config = config::load_config(config_file);
  verify::IgnoreRules{config};  // checked like every key, though build does not use them
  const generator::BuildOutputs outputs = generator::generate_outputs(config);
  for (const generator::ServerInit& server : outputs.servers) {
    for (const std::string& notice : server.notices) err << "devenv build: note: " << notice << "\n";
  }
  const std::vector<generator::GeneratedFile> files = outputs.files();
  if (options.check) return report_check(generator::check_outputs(config.dir, files), err);
  const generator::OutputStatus status = generator::write_outputs(config.dir, files);
  report_write(status, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), err);
  return kOk;
}

}  // namespace devenv::cli
