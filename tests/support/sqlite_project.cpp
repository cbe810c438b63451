#include "support/sqlite_project.h"

#include <catch2/catch.hpp>

#include "db/session.h"

namespace devenv::test {

namespace fs = std::filesystem;

SqliteProject::SqliteProject(const std::string& database_keys, const std::map<std::string, std::string>& files) {
  dir_.write("config.toml",
             "[project]\nname = \"sqlite-migrations\"\n\n[servers.lite]\nengine = \"sqlite\"\n\n"
             "[[databases]]\nkey = \"app\"\nserver = \"lite\"\n" +
                 database_keys + "\n");
  for (const auto& [path, content] : files) dir_.write(path, content);
}

CommandResult SqliteProject::devenv(const std::string& arguments) const {
  return run_devenv(dir_.path().string(), arguments);
}

std::string SqliteProject::init_file() const { return dir_.read("initdb/lite/01-app-schema.sql"); }

SqliteProject::~SqliteProject() { devenv("down --purge"); }

void SqliteProject::make_database() {
  const CommandResult up = devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  INFO(init_file());
  REQUIRE(fs::exists(database()));
}

void SqliteProject::check_verify_clean() const {
  for (const char* command : {"verify", "verify --include-history"}) {
    const CommandResult verify = devenv(command);
    INFO(command << "\n" << verify.output);
    CHECK(verify.exit_code == 0);
  }
}

void SqliteProject::execute(const std::string& sql) const { db::open_sqlite(database().string(), false)->execute(sql); }

std::string SqliteProject::query(const std::string& sql, const fs::path& file) const {
  std::string out;
  for (const db::Row& row : db::open_sqlite((file.empty() ? database() : file).string(), false)->rows(sql)) {
    if (!out.empty()) out += "\n";
    for (std::size_t i = 0; i < row.size(); ++i) out += (i ? "|" : "") + row[i].value_or("-");
  }
  return out;
}

}  // namespace devenv::test
