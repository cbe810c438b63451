#include "cli/init_command.h"

#include <ostream>

#include "adopt/adoption_plan.h"
#include "adopt/compose_reader.h"
#include "adopt/config_text.h"
#include "adopt/input_error.h"
#include "adopt/new_files.h"
#include "cli/build_command.h"
#include "cli/exit_code.h"
#include "config/loader.h"

namespace devenv::cli {

namespace fs = std::filesystem;

namespace {

constexpr const char* kSay = "devenv init: ";

std::optional<adopt::ComposeProject> compose_project(const fs::path& root, const InitOptions& options,
                                                     adopt::Findings& findings) {
  if (options.compose) return adopt::read_compose(fs::absolute(*options.compose), root);
  if (const std::optional<fs::path> found = adopt::find_compose_file(root)) return adopt::read_compose(*found, root);
  findings.skipped("no compose file (compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml)");
  return std::nullopt;
}

// The starter schema files init wrote in this run: gone again when the config cannot be.
void remove_files(const std::vector<fs::path>& written) {
  for (const fs::path& file : written) {
    std::error_code ignored;
    fs::remove(file, ignored);
  }
}

void report_findings(const adopt::Findings& findings, std::ostream& err) {
  for (const adopt::Finding& finding : findings.all()) {
    const char* label = finding.kind == adopt::Finding::Kind::Found     ? "found    "
                        : finding.kind == adopt::Finding::Kind::Guessed ? "guessed  "
                        : finding.kind == adopt::Finding::Kind::Skipped ? "skipped  "
                                                                        : "check    ";
    err << "  " << label << finding.text << "\n";
  }
}

std::string counted(std::size_t count, const std::string& what) {
  return std::to_string(count) + " " + what + (count == 1 ? "" : "s");
}

void report_written(const fs::path& config_file, const adopt::AdoptionPlan& plan, std::ostream& err) {
  err << kSay << "wrote " << config_file.filename().string() << ": " << counted(plan.servers.size(), "server") << " (";
  for (std::size_t i = 0; i < plan.servers.size(); ++i) {
    const adopt::PlannedServer& server = plan.servers[i];
    err << (i ? ", " : "") << server.name << ": " << server.engine.name() << " on 127.0.0.1:" << server.port;
  }
  err << "), " << counted(plan.databases.size(), "database") << ", " << counted(plan.users.size(), "user") << "\n";
  for (const adopt::StarterFile& file : plan.starter_files) err << kSay << "wrote " << file.path << " (empty)\n";
}

void report_next(const adopt::AdoptionPlan& plan, std::ostream& err) {
  err << kSay << "next: `devenv up` starts the servers here (`--runtime compose` in containers), then\n"
      << "  eval \"$(devenv env)\" gives the app one URL per database; `devenv verify` in CI.\n";
  if (plan.compose_file) {
    err << "  The ports are your compose file's: stop its database services before `devenv up`,\n"
        << "  or change port in config.toml.\n";
  }
}

// Nothing to write: said with what would have helped.
int report_nothing_to_adopt(const adopt::AdoptionPlan& plan, std::ostream& err) {
  if (plan.servers.empty()) {
    err << "devenv: nothing to adopt: no compose service runs MySQL, MariaDB or PostgreSQL, and there is no\n"
        << "  migration folder or .sql file here\n";
  } else {
    err << "devenv: nothing to adopt: the compose file's database services name no database (MYSQL_DATABASE,\n"
        << "  POSTGRES_DB, …) and there is no migration folder or .sql file here\n";
  }
  err << "  hint: run init in the project's folder, or write config.toml by hand (README: config.toml)\n";
  return kUsage;
}

// The empty schema files it planned, then config.toml, once the config loads: a value
// init could not carry over is said here, and nothing is left behind.
int write_files(const fs::path& target, const adopt::AdoptionPlan& plan, const std::string& text, bool force,
                std::ostream& err) {
  const fs::path root = target.parent_path();
  std::vector<fs::path> written;
  try {
    for (const adopt::StarterFile& file : plan.starter_files) {
      adopt::write_new_file(root, file.path, file.content);
      written.push_back(root / file.path);
    }
    config::parse_config(text, target);
    adopt::write_config_file(target, text, force);
  } catch (const config::ConfigError& e) {
    remove_files(written);
    err << "devenv: the config init made does not load: " << e.what() << "\n"
        << kSay << "nothing was written; `devenv init --dry-run` prints it, to write by hand\n";
    return kUsage;
  } catch (...) {
    remove_files(written);
    throw;
  }
  report_written(target, plan, err);
  return kOk;
}

}  // namespace

int run_init(const fs::path& config_file, const InitOptions& options, std::ostream& out, std::ostream& err) {
  const fs::path target = fs::absolute(config_file.empty() ? fs::path("config.toml") : config_file).lexically_normal();
  const fs::path root = target.parent_path();
  std::error_code error;
  if (!options.dry_run && !options.force && fs::exists(fs::symlink_status(target, error))) {
    err << "devenv: " << target.filename().string() << " exists; devenv init never overwrites it\n"
        << "  hint: `devenv init --force` replaces it (and no other file); `devenv init --dry-run` shows what it "
           "would write\n";
    return kUsage;
  }
  adopt::Findings findings;
  adopt::AdoptionPlan plan;
  try {
    plan = adopt::plan_adoption(root, compose_project(root, options, findings), findings);
  } catch (const adopt::InputError& e) {
    err << "devenv: " << e.what() << "\n";
    if (!e.hint().empty()) err << "  hint: " << e.hint() << "\n";
    err << kSay << "nothing was written\n";
    return kUsage;
  }
  err << kSay << "looked at " << root.string() << "\n";
  report_findings(findings, err);
  if (plan.databases.empty()) return report_nothing_to_adopt(plan, err);
  const std::string text = adopt::config_text(plan);
  if (options.dry_run) {
    out << text;
    err << kSay << "--dry-run: nothing written\n";
    return kOk;
  }
  if (const int written = write_files(target, plan, text, options.force, err); written != kOk) return written;
  err << kSay << "running devenv build\n";
  const int built = run_build(target, BuildOptions{}, out, err);
  if (built == kOk) report_next(plan, err);
  return built;
}

}  // namespace devenv::cli
