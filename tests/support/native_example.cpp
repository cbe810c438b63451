#include "support/native_example.h"

#include <catch2/catch.hpp>

#include <cctype>
#include <regex>

#include "db/session.h"
#include "util/sha256.h"

namespace devenv::test {

NativeExample::NativeExample() {
  copy_example(dir_.path());
  std::string config = dir_.read("config.toml");
  config = std::regex_replace(config, std::regex("\nport = [0-9]+"), "\nport = 0");
  config = std::regex_replace(config, std::regex("data_on_tmpfs = [a-z]+"), "data_on_tmpfs = true");
  dir_.write("config.toml", config);
}

NativeExample::NativeExample(const std::map<std::string, std::string>& files) {
  for (const auto& [path, content] : files) dir_.write(path, content);
}

NativeExample::~NativeExample() { devenv("down --purge"); }

std::filesystem::path NativeExample::tmpfs_home() const {
  const std::string state = (dir_.path() / ".devenv").lexically_normal().string();
  return std::filesystem::path("/dev/shm") / ("devenv-" + util::sha256_hex(state).substr(0, 12));
}

CommandResult NativeExample::devenv(const std::string& arguments) const {
  return run_devenv(dir_.path().string(), arguments, environment_);
}

std::filesystem::path NativeExample::use_private_cache() {
  const std::filesystem::path cache = dir_.path() / "cache";
  set_environment("XDG_CACHE_HOME='" + cache.string() + "'");
  return cache / "devenv";
}

std::string NativeExample::field(const std::string& server, const std::string& name) const {
  const std::string json = devenv("status --format json").output;
  const std::regex pattern("\"name\": \"" + server + "\"[^}]*?\"" + name + "\": \"?([^\",]*)");
  std::smatch match;
  return std::regex_search(json, match, pattern) ? match[1].str() : "";
}

// 0 when the field is empty ("-" for a server that is not running).
static int number_or_zero(const std::string& text) {
  return !text.empty() && std::isdigit(static_cast<unsigned char>(text.front())) ? std::stoi(text) : 0;
}

int NativeExample::port(const std::string& server) const { return number_or_zero(field(server, "port")); }
int NativeExample::pid(const std::string& server) const { return number_or_zero(field(server, "pid")); }
std::string NativeExample::status_of(const std::string& server) const { return field(server, "status"); }

static std::string joined(const std::vector<std::string>& rows) {
  std::string out;
  for (const std::string& row : rows) out += row + "\n";
  return out;
}

std::string NativeExample::mysql(const std::string& sql, const std::string& database, const std::string& server) const {
  auto session = db::connect(sqltext::Dialect::MySQL, {"", port(server), "root", "devenv-root", database});
  if (sql.rfind("SELECT", 0) == 0 || sql.rfind("SHOW", 0) == 0) return joined(session->column(sql));
  session->execute(sql);
  return {};
}

std::string NativeExample::postgres(const std::string& sql, const std::string& database,
                                    const std::string& server) const {
  auto session = db::connect(sqltext::Dialect::Postgres, {"", port(server), "postgres", "devenv-root", database});
  if (sql.rfind("SELECT", 0) == 0) return joined(session->column(sql));
  session->execute(sql);
  return {};
}

CommandResult require_ok(const NativeExample& example, const std::string& arguments) {
  const CommandResult result = example.devenv(arguments);
  INFO("devenv " << arguments << "\n" << result.output);
  REQUIRE(result.exit_code == 0);
  return result;
}

}  // namespace devenv::test
