#pragma once

#include <filesystem>
#include <fstream>
#include <string>

namespace devenv::test {

// A fresh folder under /dev/shm (or the system temp dir), removed afterwards.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path write(const std::string& relative, const std::string& content) const;
  std::string read(const std::string& relative) const;

 private:
  std::filesystem::path path_;
};

std::string read_file(const std::filesystem::path& path);

// Copies the repository's example (config.toml, schemas/, initdb/, docker-compose.yml).
void copy_example(const std::filesystem::path& to);

}  // namespace devenv::test
