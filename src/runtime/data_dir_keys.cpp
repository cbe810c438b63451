#include "runtime/data_dir_keys.h"

#include "runtime/init_scripts.h"
#include "util/sha256.h"

namespace devenv::runtime {

namespace {

// Bumped when devenv changes how it initialises (prepare_root, the init server's
// options): entries made the old way are then never used.
constexpr const char* kInitRecipe = "devenv init recipe 1";

// The version as a key may hold it: letters, digits, '.', '-', '_'.
std::string key_safe(const std::string& text) {
  std::string out;
  for (char c : text) {
    const bool safe =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '-';
    out.push_back(safe ? c : '_');
  }
  return out.substr(0, 40);
}

bool runs_shell_scripts(const std::filesystem::path& init_dir) {
  for (const std::filesystem::path& file : init_files(init_dir)) {
    if (file.extension() == ".sh") return true;
  }
  return false;
}

}  // namespace

DataDirKeys data_dir_keys(const config::Server& server, const NativeEngine& engine, const std::string& version,
                          const std::filesystem::path& init_dir) {
  const std::string prefix = std::string(server.engine.name()) + "-" + key_safe(version);
  DataDirKeys keys;
  keys.bare = prefix + "-bare-" +
              util::sha256_hex(std::string("devenv bare data dir 1\n") + server.engine.name() + "\n" + version + "\n" +
                               engine.data_dir_recipe())
                  .substr(0, 16);
  std::string shape = std::string(kInitRecipe) + "\n" + keys.bare + "\n" + server.charset + "\n" + server.collation;
  for (const auto& [name, value] : server.settings) shape += "\n" + name + "=" + value;
  const std::string credentials = server.root_user + std::string(1, '\0') + server.root_password.value;
  keys.init =
      prefix + "-init-" + util::sha256_hex(shape + "\n" + init_key(init_dir, version, credentials)).substr(0, 16);
  keys.init_cacheable = !runs_shell_scripts(init_dir);
  return keys;
}

}  // namespace devenv::runtime
