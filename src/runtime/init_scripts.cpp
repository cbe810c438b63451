#include "runtime/init_scripts.h"

#include <unistd.h>

#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "engine/collations.h"
#include "util/file.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"

namespace devenv::runtime {
namespace {

namespace fs = std::filesystem;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The decompressor for a compressed script, "" for plain SQL; nullopt when not SQL.
std::optional<std::string> decompressor(const std::string& name) {
  if (ends_with(name, ".sql")) return "";
  for (const auto& [suffix, tool] : {std::pair<const char*, const char*>{".sql.gz", "gzip"},
                                     {".sql.xz", "xz"},
                                     {".sql.zst", "zstd"},
                                     {".sql.bz2", "bzip2"}}) {
    if (ends_with(name, suffix)) return tool;
  }
  return std::nullopt;
}

void append_log(const fs::path& log, const std::string& text) { std::ofstream(log, std::ios::app) << text; }

// "ERROR 1064 (42000) at line 57: …" (mysql) or "psql:/…/01-x.sql:45: ERROR: …".
int failing_line(const std::string& output) {
  static const std::regex mysql("ERROR [0-9]+ \\([0-9A-Z]+\\) at line ([0-9]+)");
  static const std::regex psql("psql:[^\\n]*?:([0-9]+): (ERROR|FATAL)");
  std::smatch match;
  if (std::regex_search(output, match, mysql) || std::regex_search(output, match, psql)) return std::stoi(match[1]);
  return 0;
}

// devenv's generated files mark each statement with "-- schemas/x.sql:12".
std::string source_of_line(const fs::path& file, int line) {
  static const std::regex marker("^-- (\\S+\\.sql):([0-9]+)$");
  std::ifstream in(file);
  std::string text, source;
  for (int number = 1; number <= line && std::getline(in, text); ++number) {
    std::smatch match;
    if (std::regex_match(text, match, marker)) source = match[1].str() + ":" + match[2].str();
  }
  return source;
}

// The first line at or after `from` (1-based) that holds `word`, and its column; a
// statement's clause is usually a few lines below the line the client reports.
std::optional<std::pair<int, int>> find_below(const fs::path& file, int from, const std::string& word) {
  constexpr int kLookahead = 500;
  std::ifstream in(file);
  std::string text;
  for (int number = 1; number < from + kLookahead && std::getline(in, text); ++number) {
    if (number < from) continue;
    const std::size_t at = text.find(word);
    if (at != std::string::npos) return std::pair<int, int>(number, static_cast<int>(at) + 1);
  }
  return std::nullopt;
}

// "file:line:col" of an unknown collation's clause in the init file and in its source,
// instead of the statement's first line.
struct ClausePlace {
  std::string init;
  std::string source;
};

std::optional<ClausePlace> collation_clause(const fs::path& file, const std::string& shown, int line,
                                            const std::string& source, const std::string& collation) {
  const auto in_init = find_below(file, line, collation);
  if (!in_init) return std::nullopt;
  ClausePlace place{shown + ":" + std::to_string(in_init->first) + ":" + std::to_string(in_init->second), source};
  const std::size_t colon = source.rfind(':');
  if (colon == std::string::npos) return place;
  const fs::path source_file = file.parent_path().parent_path().parent_path() / source.substr(0, colon);
  if (const auto in_source = find_below(source_file, std::stoi(source.substr(colon + 1)), collation)) {
    place.source =
        source.substr(0, colon) + ":" + std::to_string(in_source->first) + ":" + std::to_string(in_source->second);
  }
  return place;
}

std::string error_lines(const std::string& output) {
  std::istringstream in(output);
  std::string line, kept;
  int count = 0;
  while (std::getline(in, line)) {
    if (line.find("ERROR") != std::string::npos || line.find("FATAL") != std::string::npos ||
        line.find("DETAIL") != std::string::npos || line.find("LINE ") != std::string::npos) {
      if (count++ < 6) kept += "  " + line + "\n";
    }
  }
  if (kept.empty()) {  // no recognisable error line: show the tail
    const std::size_t from = output.size() > 600 ? output.size() - 600 : 0;
    kept = output.substr(from);
  }
  return kept;
}

ProcessOptions command_for(const fs::path& file, const NativeEngine& engine, const ServerLayout& layout, int port) {
  const std::string name = file.filename().string();
  ProcessOptions options;
  options.environment = engine.script_environment(layout, port);
  if (ends_with(name, ".sh")) {
    options.argv = access(file.c_str(), X_OK) == 0 ? std::vector<std::string>{file.string()}
                                                   : std::vector<std::string>{"bash", "-c", ". \"$0\"", file.string()};
    return options;
  }
  const std::vector<std::string> client = engine.script_client(layout, port);
  const std::string tool = *decompressor(name);
  if (tool.empty()) {
    options.argv = client;
    engine.attach_script(options, file);
    return options;
  }
  options.argv = {"bash", "-o", "pipefail", "-c", tool + " -dc -- \"$0\" | \"$@\"", file.string()};
  options.argv.insert(options.argv.end(), client.begin(), client.end());
  return options;
}

}  // namespace

std::vector<fs::path> init_files(const fs::path& dir) {
  std::vector<fs::path> files;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error)) {
    if (entry.is_regular_file()) files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename().string() < b.filename().string(); });
  return files;
}

void run_init_files(const fs::path& dir, const NativeEngine& engine, const ServerLayout& layout, int port,
                    const std::function<void(const std::string&)>& progress) {
  for (const fs::path& file : init_files(dir)) {
    util::throw_if_interrupted();
    run_init_file(file, engine, layout, port, progress, "`devenv up` (the data dir is re-initialised)");
  }
}

void run_init_file(const fs::path& file, const NativeEngine& engine, const ServerLayout& layout, int port,
                   const std::function<void(const std::string&)>& progress, const std::string& then) {
  const std::string name = file.filename().string();
  if (!ends_with(name, ".sh") && !decompressor(name)) {
    append_log(layout.init_log, "devenv: ignoring " + file.string() + "\n");
    progress("ignoring " + name + " (not .sh, .sql or compressed .sql)");
    return;
  }
  progress("running " + name);
  append_log(layout.init_log, "devenv: running " + file.string() + "\n");
  run_client_on_file(file, command_for(file, engine, layout, port), layout.init_log, then);
}

void run_client_on_file(const fs::path& file, const ProcessOptions& client, const fs::path& log,
                        const std::string& then) {
  const RunResult result = run(client);
  append_log(log, result.output);
  if (result.exit_code == 0) return;
  throw init_file_failure(file, failing_line(result.output), result.output, log, then);
}

util::RuntimeError init_file_failure(const fs::path& file, int line, const std::string& output, const fs::path& log,
                                     const std::string& then) {
  const fs::path dir = file.parent_path();
  const fs::path shown = file.lexically_relative(dir.parent_path().parent_path());
  std::string where = (shown.empty() ? file : shown).string();
  if (line > 0) where += ':' + std::to_string(line);
  std::string source = line > 0 ? source_of_line(file, line) : "";
  std::string hint = "fix it, then run " + then + "; full output in " + log.string();
  if (const auto collation = engine::unknown_collation(output); collation && line > 0) {
    if (const auto place = collation_clause(file, (shown.empty() ? file : shown).string(), line, source, *collation)) {
      where = place->init;
      source = place->source;
    }
    hint = engine::unknown_collation_hint(*collation) + "; then " + then;
  }
  return util::RuntimeError(
      "init script " + where + (source.empty() ? "" : " (from " + source + ")") + " failed:\n" + error_lines(output),
      hint);
}

}  // namespace devenv::runtime
