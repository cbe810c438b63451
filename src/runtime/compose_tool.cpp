#include "runtime/compose_tool.h"

#include "runtime/find_program.h"
#include "runtime/program_version.h"
#include "util/runtime_error.h"

namespace devenv::runtime {

static std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

ComposeTool::ComposeTool(const config::Config& config)
    : project_(config.project.name), file_((config.dir / config.project.compose_file).string()) {
  if (const RunResult v2 = runtime::run(ProcessOptions({"docker", "compose", "version"})); v2.exit_code == 0) {
    prefix_ = {"docker", "compose"};
    description_ = first_line(v2.output);
  } else if (const std::optional<std::filesystem::path> v1 = find_program("docker-compose", {})) {
    // v1 is Python: 1–2.5 s to print its version here. Asked once per installed build.
    const std::string version = program_version(*v1, [&] {
      const RunResult result = runtime::run(ProcessOptions({v1->string(), "version", "--short"}));
      return result.exit_code == 0 ? first_line(result.output) : std::string("unknown");
    });
    prefix_ = {v1->string()};
    description_ = "docker-compose " + version + " (v1)";
  } else {
    throw util::RuntimeError(
        "neither `docker compose` nor `docker-compose` is installed",
        "apt-get install docker.io docker-compose, or use the native runtime (runtime = \"native\")");
  }
  if (const RunResult info = docker({"info", "--format", "{{.ServerVersion}}"}); info.exit_code != 0) {
    throw util::RuntimeError("no Docker engine answers: " + first_line(info.output),
                             "start Docker, or use the native runtime (runtime = \"native\")");
  }
}

ProcessOptions ComposeTool::command(const std::vector<std::string>& arguments) const {
  std::vector<std::string> argv = prefix_;
  argv.insert(argv.end(), {"-p", project_, "-f", file_});
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return ProcessOptions(argv);
}

RunResult ComposeTool::run(const std::vector<std::string>& arguments) const { return runtime::run(command(arguments)); }

std::vector<std::string> ComposeTool::service_filter(const std::string& service) const {
  return {"--filter", "label=com.docker.compose.project=" + project_,
          "--filter", "label=com.docker.compose.service=" + service,
          "--filter", "label=com.docker.compose.oneoff=False"};
}

std::vector<std::string> ComposeTool::project_filter() const {
  return {"--filter", "label=com.docker.compose.project=" + project_};
}

RunResult ComposeTool::docker(const std::vector<std::string>& arguments) {
  std::vector<std::string> argv = {"docker"};
  argv.insert(argv.end(), arguments.begin(), arguments.end());
  return runtime::run(ProcessOptions(argv));
}

}  // namespace devenv::runtime
