// The init cache on real servers (issue 16): `up` and `reset` copy a data dir this
// machine initialised before from the same files, and only then. The cache's own
// mechanics on plain folders are in test_data_dir_cache.cpp.
#include <signal.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <fstream>
#include <future>
#include <regex>
#include <sstream>
#include <thread>

#include "support/native_example.h"
#include "support/test_ports.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::require_ok;
using devenv::test::run_command;
namespace fs = std::filesystem;

namespace {

// A cold `up` of one server: its data dir gone first, the cache kept.
CommandResult cold_up(const NativeExample& example, const std::string& server) {
  require_ok(example, "down --purge " + server);
  return require_ok(example, "up " + server);
}

// The cache's entries whose names hold `part` ("mariadb-", "-init-").
std::vector<fs::path> entries_with(const fs::path& cache, const std::string& part) {
  std::vector<fs::path> found;
  if (!fs::is_directory(cache / "entries")) return found;
  for (const auto& entry : fs::directory_iterator(cache / "entries")) {
    if (entry.path().filename().string().find(part) != std::string::npos) found.push_back(entry.path());
  }
  return found;
}

fs::path only_entry(const fs::path& cache, const std::string& engine) {
  const std::vector<fs::path> found = entries_with(cache, engine + "-");
  std::vector<fs::path> inits;
  for (const fs::path& entry : found) {
    if (entry.filename().string().find("-init-") != std::string::npos) inits.push_back(entry);
  }
  REQUIRE(inits.size() == 1);
  return inits.front();
}

const std::vector<std::string> kDatabases = {"main",          "partition_001", "partition_002", "partition_003",
                                             "partition_004", "hydra",         "platform",      "analytics"};

}  // namespace

TEST_CASE("init cache: an up from the cache gives the schemas of a fresh init, byte for byte", "[native]") {
  NativeExample fresh, cached;
  const fs::path cache = fresh.use_private_cache();
  cached.set_environment("XDG_CACHE_HOME='" + cache.parent_path().string() + "'");
  const CommandResult first = require_ok(fresh, "up");
  CHECK_THAT(first.output, !Catch::Contains("restored from cache"));
  const CommandResult second = require_ok(cached, "up");
  CHECK_THAT(second.output, Catch::Contains("mysql      restored from the init cache") &&
                                Catch::Contains("postgres   restored from the init cache"));
  for (const std::string& database : kDatabases) {
    INFO(database);
    const CommandResult a = fresh.devenv("dump " + database), b = cached.devenv("dump " + database);
    REQUIRE(a.exit_code == 0);
    CHECK(a.output.size() > 100);
    CHECK(a.output == b.output);
  }
  const std::string url = "mysql://root:devenv-root@127.0.0.1:";
  const CommandResult diff = fresh.devenv("diff " + url + std::to_string(fresh.port("mysql")) + "/unkey " + url +
                                          std::to_string(cached.port("mysql")) + "/unkey");
  INFO(diff.output);
  CHECK(diff.exit_code == 0);
  CHECK_THAT(require_ok(cached, "verify").output, Catch::Contains("schemas match"));
  // Root's TCP login and the client option file work as after an init.
  cached.dir().write("query.sql", "SELECT 6 * 7;\n");
  CHECK_THAT(cached.devenv("shell main --root < query.sql").output, Catch::Contains("42"));
  CHECK(cached.postgres("SELECT count(*) FROM billing.plans", "platform") == "2\n");
}

TEST_CASE("init cache: a changed init file, setting, root password or engine version misses", "[native]") {
  NativeExample example;
  const fs::path cache = example.use_private_cache();
  const std::string environment = "XDG_CACHE_HOME='" + cache.parent_path().string() + "'";
  CHECK_THAT(cold_up(example, "mysql").output, Catch::Contains("initialised in"));
  CHECK_THAT(cold_up(example, "mysql").output, Catch::Contains("restored from the init cache"));

  SECTION("an init file") {
    example.dir().write("schemas/main.sql",
                        example.dir().read("schemas/main.sql") + "\nCREATE TABLE added (id int);\n");
  }
  SECTION("a setting, which reaches the server") {
    const std::string config = example.dir().read("config.toml");
    example.dir().write("config.toml", std::regex_replace(config, std::regex("collation = \"utf8mb4_unicode_ci\""),
                                                          "$&\nsettings = { max_connections = 77 }"));
  }
  SECTION("root's password") { example.set_environment(environment + " DEVENV_MYSQL_ROOT_PASSWORD='an0ther pw'"); }
  SECTION("the engine's version") {
    // A mariadbd that reports another patch release and runs the real one.
    const std::string real = run_command("command -v mariadbd").output;
    example.dir().write("bin/mariadbd",
                        "#!/bin/sh\nif [ \"$1\" = --version ]; then echo 'mariadbd  Ver "
                        "10.11.99-MariaDB for debian-linux-gnu'; exit 0; fi\nexec " +
                            real.substr(0, real.find('\n')) + " \"$@\"\n");
    fs::permissions(example.dir().path() / "bin" / "mariadbd", fs::perms::owner_all);
    const std::string config = example.dir().read("config.toml");
    example.dir().write("config.toml", std::regex_replace(config, std::regex("collation = \"utf8mb4_unicode_ci\""),
                                                          "$&\nbin_dir = \"bin\""));
  }
  const CommandResult changed = cold_up(example, "mysql");
  CHECK_THAT(changed.output, Catch::Contains("initialised in") && !Catch::Contains("restored from"));
  if (example.dir().read("config.toml").find("max_connections") != std::string::npos) {
    CHECK(example.mysql("SELECT @@max_connections") == "77\n");
  }
  CHECK_THAT(cold_up(example, "mysql").output, Catch::Contains("restored from the init cache"));
}

TEST_CASE("init cache: a damaged entry is never used, and the init runs instead", "[reliability]") {
  NativeExample example;
  const fs::path cache = example.use_private_cache();
  cold_up(example, "postgres");
  const fs::path control = only_entry(cache, "postgres") / "data" / "global" / "pg_control";
  SECTION("a file cut short: caught before copying") {
    fs::resize_file(control, 100);
    const CommandResult up = cold_up(example, "postgres");
    CHECK_THAT(up.output, Catch::Contains("files differ from its manifest (damaged); removed it"));
    CHECK_THAT(up.output, Catch::Contains("initialised in"));
  }
  SECTION("the same size, other bytes: the server will not start from it") {
    const auto size = fs::file_size(control);
    std::ofstream(control, std::ios::trunc | std::ios::binary) << std::string(size, '\0');
    const CommandResult up = cold_up(example, "postgres");
    CHECK_THAT(up.output, Catch::Contains("did not start from the cached data dir"));
    CHECK_THAT(up.output, Catch::Contains("removing that cache entry and initialising"));
  }
  CHECK(example.status_of("postgres") == "running");
  CHECK(example.postgres("SELECT count(*) FROM billing.plans", "platform") == "2\n");
  const CommandResult again = cold_up(example, "postgres");  // the entry made anew, and whole
  CHECK_THAT(again.output, Catch::Contains("restored from the init cache") && !Catch::Contains("did not start") &&
                               !Catch::Contains("damaged"));
}

TEST_CASE("init cache: a bare data dir the init server will not start from is made anew", "[reliability]") {
  NativeExample example;
  const fs::path cache = example.use_private_cache();
  cold_up(example, "postgres");
  const std::vector<fs::path> bare = entries_with(cache, "postgres-");
  fs::path bare_entry;
  for (const fs::path& entry : bare) {
    if (entry.filename().string().find("-bare-") != std::string::npos) bare_entry = entry;
  }
  REQUIRE(!bare_entry.empty());
  const fs::path control = bare_entry / "data" / "global" / "pg_control";
  const auto size = fs::file_size(control);  // before the stream empties the file
  std::ofstream(control, std::ios::trunc | std::ios::binary) << std::string(size, '\0');
  // Another schema: the init runs, from the bare data dir.
  example.dir().write("schemas/analytics.sql",
                      example.dir().read("schemas/analytics.sql") + "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  const CommandResult up = cold_up(example, "postgres");
  CHECK_THAT(up.output, Catch::Contains("the init server did not start from the cached bare data dir"));
  CHECK(example.postgres("SELECT count(*) FROM pg_tables WHERE tablename = 'added'", "analytics") == "1\n");
}

TEST_CASE("init cache: a port in use is not blamed on the entry", "[native]") {
  NativeExample example;
  const fs::path cache = example.use_private_cache();
  // A port goes into the config (which is part of the init files' fingerprint); a
  // listener of this test process takes it once the entry is made.
  const int port = devenv::test::reserve_test_port();
  const std::string config = example.dir().read("config.toml");
  example.dir().write("config.toml",
                      std::regex_replace(config, std::regex("\nport = 0"), "\nport = " + std::to_string(port),
                                         std::regex_constants::format_first_only));
  cold_up(example, "mysql");
  require_ok(example, "down --purge mysql");
  CommandResult up;
  {
    const devenv::test::LoopbackListener holder(port);
    up = example.devenv("up mysql");
  }
  INFO(up.output);
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("restored from the init cache") && Catch::Contains("is in use") &&
                            !Catch::Contains("removing that cache entry"));
  CHECK(entries_with(cache, "-init-").size() == 1);
}

TEST_CASE("init cache: two servers of one engine share their bare data dir, made once", "[native]") {
  NativeExample example({{"config.toml",
                          "[servers.a]\nengine = \"mariadb\"\nport = 0\nroot_password = \"pw-a\"\n"
                          "[servers.b]\nengine = \"mariadb\"\nport = 0\nroot_password = \"pw-b\"\n"
                          "[[databases]]\nkey = \"one\"\nserver = \"a\"\nsource = \"one.sql\"\n"
                          "[[databases]]\nkey = \"two\"\nserver = \"b\"\nsource = \"two.sql\"\n"},
                         {"one.sql", "CREATE TABLE t (id int PRIMARY KEY);\n"},
                         {"two.sql", "CREATE TABLE u (id int PRIMARY KEY);\n"}});
  const fs::path cache = example.use_private_cache();
  const CommandResult up = require_ok(example, "up --verify");
  CHECK_THAT(up.output, Catch::Contains("schemas match"));
  CHECK(entries_with(cache, "-bare-").size() == 1);
  CHECK(entries_with(cache, "-init-").size() == 2);
  CHECK_THAT(require_ok(example, "cache stats").output, !Catch::Contains("unfinished"));
}

TEST_CASE("init cache: a bad DEVENV_CACHE_MAX_SIZE is exit 2 before anything is written", "[native]") {
  NativeExample example;
  example.set_environment("DEVENV_CACHE_MAX_SIZE=lots");
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  CHECK(up.exit_code == 2);
  CHECK_THAT(up.output, Catch::Contains("DEVENV_CACHE_MAX_SIZE=\"lots\" is not a size"));
  CHECK_FALSE(fs::exists(example.dir().path() / ".devenv"));
  CHECK(example.devenv("cache stats").exit_code == 2);
}

TEST_CASE("init cache: an up killed while storing leaves nothing a later up uses", "[reliability]") {
  NativeExample example;
  const fs::path cache = example.use_private_cache();
  const fs::path incoming = cache / "incoming";
  bool caught = false;
  for (int attempt = 0; attempt < 5 && !caught; ++attempt) {
    require_ok(example, "down --purge mysql");
    if (fs::exists(cache)) require_ok(example, "cache clear");
    // exec: the pid is devenv's own, not a shell's around it.
    run_command("(cd '" + example.dir().path().string() + "' && exec env XDG_CACHE_HOME='" +
                cache.parent_path().string() + "' '" DEVENV_BINARY "' up mysql) >/dev/null 2>&1 & echo $! > '" +
                (example.dir().path() / "up.pid").string() + "'");
    const pid_t pid = std::stoi(example.dir().read("up.pid"));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!caught && std::chrono::steady_clock::now() < deadline && kill(pid, 0) == 0) {
      std::error_code ignored;
      for (auto it = fs::directory_iterator(incoming, ignored); !ignored && it != fs::directory_iterator(); ++it) {
        if (it->path().filename().string().find("-init-") != std::string::npos) caught = kill(pid, SIGKILL) == 0;
      }
      std::this_thread::sleep_for(std::chrono::microseconds(500));
    }
    run_command("while kill -0 " + std::to_string(pid) + " 2>/dev/null; do sleep 0.01; done");
  }
  REQUIRE(caught);
  CHECK(entries_with(cache, "mariadb-").size() <= 1);  // the bare data dir, not the init
  CHECK(entries_with(cache, "-init-").empty());
  const CommandResult up = require_ok(example, "up mysql");
  CHECK_THAT(up.output, Catch::Contains("initialised in") && !Catch::Contains("restored from the init cache"));
  CHECK_THAT(require_ok(example, "cache stats").output, !Catch::Contains("unfinished"));
  CHECK_THAT(cold_up(example, "mysql").output, Catch::Contains("restored from the init cache"));
}

TEST_CASE("init cache: two ups racing on one entry both succeed, and one entry is kept", "[reliability]") {
  NativeExample first, second, third;
  const fs::path cache = first.use_private_cache();
  for (NativeExample* other : {&second, &third}) {
    other->set_environment("XDG_CACHE_HOME='" + cache.parent_path().string() + "'");
  }
  auto a = std::async(std::launch::async, [&] { return first.devenv("up mysql"); });
  auto b = std::async(std::launch::async, [&] { return second.devenv("up mysql"); });
  const CommandResult one = a.get(), two = b.get();
  INFO(one.output << "\n----\n" << two.output);
  CHECK(one.exit_code == 0);
  CHECK(two.exit_code == 0);
  CHECK(entries_with(cache, "mariadb-").size() == 2);  // one bare, one init
  CHECK_THAT(require_ok(first, "cache stats").output, !Catch::Contains("unfinished"));
  CHECK_THAT(require_ok(third, "up mysql").output, Catch::Contains("restored from the init cache"));
}

TEST_CASE("init cache: an init folder with a .sh file is never cached", "[native]") {
  NativeExample example;
  const fs::path cache = example.use_private_cache();
  example.dir().write("initdb/mysql/50-seed.sh", "echo seeded\n");
  require_ok(example, "up mysql");
  CHECK(entries_with(cache, "-init-").empty());
  CHECK(entries_with(cache, "-bare-").size() == 1);  // install-db's output does not depend on the scripts
  const CommandResult reset = require_ok(example, "reset mysql");
  CHECK_THAT(reset.output, Catch::Contains("running 50-seed.sh") && !Catch::Contains("restored from"));
}

TEST_CASE("init cache: down --purge keeps it, cache clear empties it, a linked cache folder is not used",
          "[reliability]") {
  NativeExample example;
  const fs::path cache = example.use_private_cache();
  require_ok(example, "up mysql");
  require_ok(example, "down --purge");
  const CommandResult stats = require_ok(example, "cache stats");
  CHECK_THAT(stats.output, Catch::Contains("2 entries") && Catch::Contains("bare data dir") &&
                               Catch::Contains("init of " + example.dir().path().string() + "/initdb/mysql"));
  CHECK_THAT(require_ok(example, "cache clear").output, Catch::Contains("cleared " + cache.string()));
  CHECK_THAT(require_ok(example, "cache stats").output, Catch::Contains("0 entries"));
  CHECK(entries_with(cache, "mariadb-").empty());

  fs::remove_all(cache);
  fs::create_directories(example.dir().path() / "elsewhere");
  fs::create_directory_symlink(example.dir().path() / "elsewhere", cache);
  const CommandResult up = require_ok(example, "up mysql");
  CHECK_THAT(up.output, Catch::Contains("not using the init cache") && Catch::Contains("is not a private folder"));
  CHECK(fs::is_empty(example.dir().path() / "elsewhere"));
}
