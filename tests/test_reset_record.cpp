// What a reset in place keeps of a server between commands, on either runtime
// (runtime/in_place_reset.h), and the keys of a compose volume (data_dir_keys.h).
#include <catch2/catch.hpp>

#include "runtime/data_dir_keys.h"
#include "runtime/in_place_reset.h"
#include "support/temp_dir.h"

using devenv::generator::InitRole;
using devenv::runtime::CurrentInitFile;
using devenv::runtime::ServerState;

namespace {

using Files = std::vector<std::pair<std::string, std::string>>;

// A sha256 in hex, as the state file holds it.
std::string sha(char digit) { return std::string(64, digit); }

const Files kFiles = {{"00-init-databases.sql", sha('0')},
                      {"01-main-schema.sql", sha('1')},
                      {"50-seed.sql", sha('5')},
                      {"99-devenv-fingerprint.sql", sha('9')}};

devenv::generator::ServerInit example_init() {
  devenv::generator::ServerInit init;
  init.files = {{"initdb/mysql/00-init-databases.sql", "", InitRole::InitDatabases, {}},
                {"initdb/mysql/01-main-schema.sql", "", InitRole::Schema, {"unkey"}},
                {"initdb/mysql/99-devenv-fingerprint.sql", "", InitRole::Fingerprint, {}}};
  return init;
}

ServerState recorded(const Files& files) {
  ServerState state;
  devenv::runtime::record_init_files(state, "fp", "setup", files);
  return state;
}

devenv::config::Server mariadb_server() {
  devenv::config::Server server;
  server.name = "mysql";
  server.engine = devenv::engine::Engine(devenv::engine::Engine::Kind::MariaDB);
  server.root_user = "root";
  server.root_password.value = "pw";
  server.image = "mariadb:11";
  server.charset = "utf8mb4";
  return server;
}

}  // namespace

TEST_CASE("reset record: init files get the role devenv generated them for, the others are the user's", "[unit]") {
  const std::vector<CurrentInitFile> current = devenv::runtime::current_init_files(kFiles, example_init());
  REQUIRE(current.size() == 4);
  CHECK(current[0].role == InitRole::InitDatabases);
  CHECK(current[1].role == InitRole::Schema);
  CHECK(current[1].databases == std::vector<std::string>{"unkey"});
  CHECK(current[1].sha256 == sha('1'));
  CHECK(current[2].role == InitRole::None);
  CHECK(current[3].role == InitRole::Fingerprint);
}

TEST_CASE("reset record: a finished init or reset leaves nothing to finish, and survives the state file", "[unit]") {
  ServerState state;
  state.phase = "resetting";
  state.failure = "half way";
  state.resetting_databases = {"unkey"};
  state.init_files = {{"old.sql", sha('e')}};
  Files files = kFiles;
  files.emplace_back("bad\nname.sql", sha('f'));  // not on one line of the file: left out
  devenv::runtime::record_init_files(state, "fp", "setup", files);
  CHECK(state.phase == "ready");
  CHECK(state.failure.empty());
  CHECK(state.resetting_databases.empty());
  CHECK(state.init_files == kFiles);
  state.data_dir = "project_mysql-data";  // a compose volume
  const devenv::test::TempDir dir;
  state.save(dir.path() / "compose-state");
  const ServerState loaded = ServerState::load(dir.path() / "compose-state");
  CHECK(loaded.init_files == kFiles);
  CHECK(loaded.fingerprint == "fp");
  CHECK(loaded.init_setup == "setup");
  CHECK(loaded.data_dir == state.data_dir);
}

TEST_CASE("reset record: in place only with the recorded setup and no file of the user's changed", "[unit]") {
  const auto current = [](const Files& files) { return devenv::runtime::current_init_files(files, example_init()); };
  const ServerState state = recorded(kFiles);
  CHECK(devenv::runtime::plans_in_place(state, "setup", current(kFiles), false));
  CHECK_FALSE(devenv::runtime::plans_in_place(state, "new root password", current(kFiles), false));
  Files schema_edit = kFiles;
  schema_edit[1].second = sha('b');
  CHECK(devenv::runtime::plans_in_place(state, "setup", current(schema_edit), true));
  Files seed_edit = kFiles;
  seed_edit[2].second = sha('c');
  CHECK_FALSE(devenv::runtime::plans_in_place(state, "setup", current(seed_edit), false));
  CHECK_FALSE(devenv::runtime::plans_in_place(ServerState{}, "", current(kFiles), false));  // no record
}

TEST_CASE("reset record: a compose volume's setup follows root's password, the image and settings, not the files",
          "[unit]") {
  const devenv::test::TempDir dir;
  dir.write("initdb/mysql/01-main-schema.sql", "CREATE TABLE t (id int);\n");
  const std::filesystem::path init_dir = dir.path() / "initdb" / "mysql";
  devenv::config::Server server = mariadb_server();
  const devenv::runtime::DataDirKeys keys = devenv::runtime::volume_keys(server, init_dir);
  CHECK(keys.files.size() == 1);
  CHECK(keys.files[0].first == "01-main-schema.sql");
  dir.write("initdb/mysql/01-main-schema.sql", "CREATE TABLE t (id bigint);\n");
  const devenv::runtime::DataDirKeys edited = devenv::runtime::volume_keys(server, init_dir);
  CHECK(edited.setup == keys.setup);
  CHECK(edited.files[0].second != keys.files[0].second);
  for (const auto& change : std::vector<std::function<void(devenv::config::Server&)>>{
           [](auto& s) { s.root_password.value = "new"; }, [](auto& s) { s.image = "mariadb:10.11"; },
           [](auto& s) {
             s.settings = {{"max_connections", "50"}};
           },
           [](auto& s) { s.collation = "utf8mb4_bin"; }}) {
    devenv::config::Server changed = mariadb_server();
    change(changed);
    CHECK(devenv::runtime::volume_keys(changed, init_dir).setup != keys.setup);
  }
}
