#include "support/temp_dir.h"

#include <unistd.h>

#include <sstream>
#include <stdexcept>

namespace devenv::test {

namespace fs = std::filesystem;

TempDir::TempDir() {
  const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  std::string pattern = (base / "devenv-test-XXXXXX").string();
  if (!mkdtemp(pattern.data())) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ignored;
  fs::remove_all(path_, ignored);
}

fs::path TempDir::write(const std::string& relative, const std::string& content) const {
  const fs::path file = path_ / relative;
  fs::create_directories(file.parent_path());
  std::ofstream(file, std::ios::binary) << content;
  return file;
}

std::string TempDir::read(const std::string& relative) const { return read_file(path_ / relative); }

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void copy_example(const fs::path& to) {
  const fs::path source = DEVENV_SOURCE_DIR;
  for (const char* entry : {"config.toml", "docker-compose.yml"}) fs::copy_file(source / entry, to / entry);
  for (const char* folder : {"schemas", "initdb"}) {
    fs::copy(source / folder, to / folder, fs::copy_options::recursive);
  }
}

}  // namespace devenv::test
