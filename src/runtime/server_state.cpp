#include "runtime/server_state.h"

#include <fstream>
#include <map>

#include "util/runtime_error.h"

namespace devenv::runtime {

namespace {

// A number from the state file; anything else means the file is damaged.
template <typename Number>
Number number(const std::map<std::string, std::string>& values, const std::string& key,
              const std::filesystem::path& file) {
  const auto it = values.find(key);
  if (it == values.end() || it->second.empty()) return 0;
  std::size_t used = 0;
  try {
    const unsigned long long value = std::stoull(it->second, &used);
    if (used == it->second.size()) return static_cast<Number>(value);
  } catch (const std::exception&) {
  }
  throw util::RuntimeError(file.string() + " is damaged (" + key + "=" + it->second + ")",
                           "delete it; the next `devenv up` initialises that server afresh (`devenv reset` does too)");
}

}  // namespace

ServerState ServerState::load(const std::filesystem::path& file) {
  ServerState state;
  std::ifstream in(file);
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);) {
    const auto equals = line.find('=');
    if (equals == std::string::npos) continue;
    const std::string key = line.substr(0, equals), value = line.substr(equals + 1);
    // "init_file=<sha256> <name>", one line per file (a name never holds a newline here).
    if (key == "init_file" && value.size() > 65 && value[64] == ' ') {
      state.init_files.emplace_back(value.substr(65), value.substr(0, 64));
    } else if (key == "resetting_database") {
      state.resetting_databases.push_back(value);
    } else {
      values[key] = value;
    }
  }
  state.phase = values["phase"];
  state.fingerprint = values["fingerprint"];
  state.init_key = values["init_key"];
  state.version = values["version"];
  state.failure = values["failure"];
  state.port = number<int>(values, "port", file);
  state.pid = number<pid_t>(values, "pid", file);
  state.pid_started = number<unsigned long long>(values, "pid_started", file);
  state.init_pid = number<pid_t>(values, "init_pid", file);
  state.init_pid_started = number<unsigned long long>(values, "init_pid_started", file);
  state.data_dir = values["data_dir"];
  state.init_setup = values["init_setup"];
  state.should_run = values["should_run"] == "1";
  return state;
}

void ServerState::save(const std::filesystem::path& file) const {
  std::filesystem::create_directories(file.parent_path());
  const std::filesystem::path temporary = file.string() + ".tmp";
  {
    std::ofstream out(temporary, std::ios::trunc);
    std::string one_line_failure = failure;
    for (char& c : one_line_failure) {
      if (c == '\n') c = ' ';
    }
    out << "phase=" << phase << "\nfingerprint=" << fingerprint << "\ninit_key=" << init_key << "\nversion=" << version
        << "\nfailure=" << one_line_failure << "\nport=" << port << "\npid=" << pid << "\npid_started=" << pid_started
        << "\ninit_pid=" << init_pid << "\ninit_pid_started=" << init_pid_started << "\ndata_dir=" << data_dir
        << "\nshould_run=" << (should_run ? 1 : 0) << "\ninit_setup=" << init_setup << "\n";
    for (const auto& [name, sha256] : init_files) out << "init_file=" << sha256 << " " << name << "\n";
    for (const std::string& name : resetting_databases) out << "resetting_database=" << name << "\n";
    if (!out) throw util::RuntimeError("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, file);
}

}  // namespace devenv::runtime
