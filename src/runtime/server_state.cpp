#include "runtime/server_state.h"

#include <fstream>
#include <map>

#include "util/runtime_error.h"

namespace devenv::runtime {

ServerState ServerState::load(const std::filesystem::path& file) {
  ServerState state;
  std::ifstream in(file);
  std::map<std::string, std::string> values;
  for (std::string line; std::getline(in, line);) {
    const auto equals = line.find('=');
    if (equals != std::string::npos) values[line.substr(0, equals)] = line.substr(equals + 1);
  }
  state.phase = values["phase"];
  state.fingerprint = values["fingerprint"];
  state.init_key = values["init_key"];
  state.version = values["version"];
  state.failure = values["failure"];
  state.port = values["port"].empty() ? 0 : std::stoi(values["port"]);
  state.pid = values["pid"].empty() ? 0 : std::stoi(values["pid"]);
  state.data_dir = values["data_dir"];
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
        << "\nfailure=" << one_line_failure << "\nport=" << port << "\npid=" << pid << "\ndata_dir=" << data_dir
        << "\nshould_run=" << (should_run ? 1 : 0) << "\n";
    if (!out) throw util::RuntimeError("cannot write " + temporary.string());
  }
  std::filesystem::rename(temporary, file);
}

}  // namespace devenv::runtime
