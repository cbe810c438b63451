// engine = "sqlite": a server that is a folder of database files. No server process,
// so these run in the `unit` label: every one on real files through the real library
// and the real sqlite3 shell.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <regex>
#include <thread>

#include "db/session.h"
#include "support/background_watch.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace fs = std::filesystem;
using devenv::test::CommandResult;
using devenv::test::run_command;
using devenv::test::TempDir;

namespace {

// A copy of examples/sqlite in a temp folder.
class SqliteProject {
 public:
  SqliteProject() {
    const fs::path example = fs::path(DEVENV_SOURCE_DIR) / "examples/sqlite";
    for (const char* file : {"config.toml", "schemas/keygen.sql", "schemas/sign.sql", "schemas/watch.sql"}) {
      dir_.write(file, devenv::test::read_file(example / file));
    }
  }
  ~SqliteProject() { devenv("down --purge"); }

  CommandResult devenv(const std::string& arguments) const {
    return devenv::test::run_devenv(dir_.path().string(), arguments);
  }
  CommandResult require_ok(const std::string& arguments) const {
    const CommandResult result = devenv(arguments);
    INFO("devenv " << arguments << "\n" << result.output);
    REQUIRE(result.exit_code == 0);
    return result;
  }
  fs::path file(const std::string& database) const { return dir_.path() / ".devenv/lite/data" / (database + ".db"); }
  // The first column of every row, one per line.
  std::string query(const std::string& database, const std::string& sql) const {
    std::string out;
    for (const std::string& value : devenv::db::open_sqlite(file(database).string(), false)->column(sql)) {
      out += value + "\n";
    }
    return out;
  }
  void execute(const std::string& database, const std::string& sql) const {
    devenv::db::open_sqlite(file(database).string(), false)->execute(sql);
  }
  const TempDir& dir() const { return dir_; }

 private:
  TempDir dir_;
};

std::string tables(const SqliteProject& project, const std::string& database) {
  return project.query(database,
                       "SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema "
                       "WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name)");
}

}  // namespace

TEST_CASE("sqlite: up makes one file per database from its init file, env names them, shell opens them",
          "[unit][sqlite]") {
  SqliteProject project;
  const CommandResult up = project.require_ok("up");
  CHECK_THAT(up.output, Catch::Contains("sqlite 3.") && Catch::Contains("(files)") && Catch::Contains("initialised"));
  CHECK(tables(project, "keygen") == "keys verifications workspaces\n");
  CHECK(tables(project, "sign") == "documents signers\n");
  CHECK(tables(project, "watch") == "monitors results\n");
  CHECK(project.query("keygen", "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'") == "1\n");
  // The generated files: a schema file per key, no databases/users file, no fingerprint.
  CHECK(fs::exists(project.dir().path() / "initdb/lite/01-keygen-schema.sql"));
  CHECK(!fs::exists(project.dir().path() / "initdb/lite/00-init-databases.sql"));
  CHECK(std::distance(fs::directory_iterator(project.dir().path() / "initdb/lite"), fs::directory_iterator()) == 3);

  const std::string path = fs::canonical(project.file("keygen")).string();
  const CommandResult env = project.require_ok("env");
  CHECK_THAT(env.output, Catch::Contains("export DEVENV_KEYGEN_URL='sqlite://" + path + "'"));
  CHECK_THAT(env.output, Catch::Contains("export DEVENV_KEYGEN_PATH='" + path + "'"));
  CHECK_THAT(project.require_ok("status").output, Catch::Contains("running"));
  CHECK_THAT(project.require_ok("up").output, Catch::Contains("ready"));

  const CommandResult shell = run_command("cd '" + project.dir().path().string() +
                                          "' && echo \"INSERT INTO monitors (url) VALUES ('https://a'); "
                                          "SELECT count(*) FROM monitors;\" | " DEVENV_BINARY " shell watch");
  CHECK(shell.output == "1\n");
  CHECK(project.query("watch", "SELECT url FROM monitors") == "https://a\n");
}

TEST_CASE("sqlite: reset after an edit remakes only that database, a plain reset every one", "[unit][sqlite]") {
  SqliteProject project;
  project.require_ok("up");
  project.execute("keygen", "INSERT INTO workspaces (slug) VALUES ('acme')");
  project.execute("watch", "INSERT INTO monitors (url) VALUES ('https://a')");
  project.dir().write("schemas/watch.sql",
                      project.dir().read("schemas/watch.sql") + "\nCREATE TABLE incidents (id INTEGER PRIMARY KEY);\n");
  const CommandResult status = project.devenv("status");
  CHECK(status.exit_code == 1);  // running, with a schema that changed since
  CHECK_THAT(status.output, Catch::Contains("schema changed"));
  const CommandResult reset = project.require_ok("up --reset-on-change");
  CHECK(tables(project, "watch") == "incidents monitors results\n");
  CHECK(project.query("watch", "SELECT count(*) FROM monitors") == "0\n");
  CHECK(project.query("keygen", "SELECT count(*) FROM workspaces") == "1\n");  // kept

  project.execute("watch", "INSERT INTO monitors (url) VALUES ('https://b')");
  const CommandResult all = project.require_ok("reset");
  CHECK_THAT(all.output, Catch::Contains("reset in place"));
  CHECK(project.query("keygen", "SELECT count(*) FROM workspaces") == "0\n");
  CHECK(project.query("watch", "SELECT count(*) FROM monitors") == "0\n");
  // The pristine copy of watch's old init file is gone; one per database is left.
  CHECK(std::distance(fs::directory_iterator(project.dir().path() / ".devenv/lite/pristine"),
                      fs::directory_iterator()) == 4);  // three copies and devenv's marker
}

TEST_CASE("sqlite: a reset while an app holds the file in WAL mode replaces it atomically and names the app",
          "[unit][sqlite]") {
  SqliteProject project;
  project.require_ok("up");
  const std::string file = project.file("keygen").string();
  // An app: WAL mode, a row committed and left in the -wal (no checkpoint), the file kept open.
  auto app = devenv::db::open_sqlite(file, false);
  app->execute("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0");
  app->execute("INSERT INTO workspaces (slug) VALUES ('in-the-wal')");
  REQUIRE(fs::exists(file + "-wal"));
  // Another process holding it: named by the reset.
  const pid_t holder = fork();
  if (holder == 0) {
    execl("/bin/sh", "sh", "-c", ("exec 3<'" + file + "'; exec sleep 30").c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  const CommandResult reset = project.require_ok("reset lite");
  kill(holder, SIGKILL);
  waitpid(holder, nullptr, 0);
  CHECK_THAT(reset.output, Catch::Contains("keygen.db was open in pid ") &&
                               Catch::Contains("pid " + std::to_string(holder) + " (sleep)") &&
                               Catch::Contains("open connections keep the old file"));
  // A new connection sees the fresh file: the old -wal was not replayed into it.
  CHECK(project.query("keygen", "SELECT count(*) FROM workspaces") == "0\n");
  CHECK(project.query("keygen", "PRAGMA journal_mode") == "delete\n");
  // The app's open connection still reads its old file.
  CHECK(app->column("SELECT slug FROM workspaces") == std::vector<std::string>{"in-the-wal"});
}

TEST_CASE("sqlite: down --purge deletes only devenv's files, never through a link", "[reliability][sqlite]") {
  SqliteProject project;
  project.require_ok("up");
  const fs::path data = project.dir().path() / ".devenv/lite/data";
  project.dir().write(".devenv/lite/data/notes.txt", "mine");
  // The user's own database, linked in under a name devenv makes: the link goes, not its target.
  TempDir elsewhere;
  const fs::path target = elsewhere.write("precious.db", "not devenv's");
  fs::remove(data / "sign.db");
  fs::create_symlink(target, data / "sign.db");
  const CommandResult purge = project.require_ok("down --purge");
  CHECK_THAT(purge.output, Catch::Contains("removed " + (data / "keygen.db").string()));
  CHECK(fs::exists(target));
  CHECK(!fs::exists(fs::symlink_status(data / "sign.db")));
  CHECK(!fs::exists(data / "keygen.db"));
  CHECK(fs::exists(data / "notes.txt"));
  CHECK_THAT(purge.output, Catch::Contains("kept " + data.string()));

  // A link where devenv's data folder should be: refused, nothing written through it.
  fs::remove_all(project.dir().path() / ".devenv/lite");
  fs::create_directories(project.dir().path() / ".devenv/lite");
  TempDir foreign;
  fs::create_symlink(foreign.path(), data);
  const CommandResult up = project.devenv("up");
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("symbolic link"));
  CHECK(fs::is_empty(foreign.path()));
}

namespace {

// watch.sql gains a table of `rows` rows of 80 characters, made by a recursive CTE.
void add_filler(const SqliteProject& project, int rows) {
  project.dir().write("schemas/watch.sql", project.dir().read("schemas/watch.sql") +
                                               "\nCREATE TABLE filler (n INTEGER, pad TEXT);\n"
                                               "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c "
                                               "WHERE n < " +
                                               std::to_string(rows) +
                                               ")\nINSERT INTO filler SELECT n, printf('%080d', n) FROM c;\n");
}

// `devenv up` on an init file slow enough to be stopped in (three million rows from a
// recursive CTE), returned once its partial file exists.
pid_t start_slow_up(const SqliteProject& project) {
  add_filler(project, 3000000);
  const pid_t up = fork();
  if (up == 0) {
    if (chdir(project.dir().path().c_str()) == 0)
      execl(DEVENV_BINARY, DEVENV_BINARY, "up", static_cast<char*>(nullptr));
    _exit(127);
  }
  const fs::path partial = project.dir().path() / ".devenv/lite/data/.watch.db.partial";
  for (int i = 0; i < 200 && !fs::exists(partial); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(25));
  REQUIRE(fs::exists(partial));
  return up;
}

}  // namespace

TEST_CASE("sqlite: up killed while it makes a file leaves no half database, and the next up makes it",
          "[reliability][sqlite]") {
  SqliteProject project;
  const pid_t up = start_slow_up(project);
  kill(up, SIGKILL);
  waitpid(up, nullptr, 0);
  CHECK(!fs::exists(project.file("watch")));  // never a half-made file under the real name

  project.require_ok("up");
  CHECK(!fs::exists(project.dir().path() / ".devenv/lite/data/.watch.db.partial"));
  CHECK(project.query("watch", "SELECT count(*) FROM filler") == "3000000\n");
}

TEST_CASE("sqlite: Ctrl-C stops an init file mid-statement, exit 130, nothing left", "[reliability][sqlite]") {
  SqliteProject project;
  const auto started = std::chrono::steady_clock::now();
  const pid_t up = start_slow_up(project);
  kill(up, SIGINT);
  int status = 0;
  waitpid(up, &status, 0);
  CHECK(WIFEXITED(status));
  CHECK(WEXITSTATUS(status) == 130);
  // Stopped inside the INSERT, not after it: well before the three million rows are in.
  CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(60));
  CHECK(!fs::exists(project.file("watch")));
  CHECK(!fs::exists(project.dir().path() / ".devenv/lite/data/.watch.db.partial"));
}

TEST_CASE("sqlite: bad config and schema input exit 2 with the place and what to do", "[reliability][sqlite]") {
  SqliteProject project;
  const std::string config = project.dir().read("config.toml");
  project.dir().write(
      "config.toml", std::regex_replace(config, std::regex("engine = \"sqlite\""), "engine = \"sqlite\"\nport = 5000"));
  CommandResult result = project.devenv("build");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("config.toml:13:8") && Catch::Contains("servers.lite.port") &&
                                Catch::Contains("a SQLite server has no port"));

  project.dir().write("config.toml", config +
                                         "\n[[users]]\nname = \"app\"\npassword = \"x\"\nserver = \"lite\"\n"
                                         "databases = [\"keygen\"]\n");
  result = project.devenv("build");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("users[0].server") && Catch::Contains("no accounts"));

  project.dir().write("config.toml", config);
  const std::string outside = (project.dir().path() / "outside.db").string();
  project.dir().write("schemas/sign.sql",
                      project.dir().read("schemas/sign.sql") + "\nATTACH DATABASE '" + outside + "' AS x;\n");
  result = project.devenv("up");
  CHECK(result.exit_code == 2);
  CHECK_THAT(result.output, Catch::Contains("schemas/sign.sql:24:1") && Catch::Contains("ATTACH"));
  CHECK(!fs::exists(project.dir().path() / "initdb"));
  CHECK(!fs::exists(outside));
}

TEST_CASE("sqlite: a statement SQLite rejects fails up with its message, and no file is left", "[unit][sqlite]") {
  SqliteProject project;
  project.dir().write("schemas/sign.sql", project.dir().read("schemas/sign.sql") + "\nCREATE TABLE documents (x);\n");
  const CommandResult up = project.devenv("up");
  CHECK(up.exit_code == 3);
  CHECK_THAT(up.output, Catch::Contains("table documents already exists"));
  CHECK(!fs::exists(project.file("sign")));
  CHECK(!fs::exists(project.dir().path() / ".devenv/lite/data/.sign.db.partial"));
}

TEST_CASE("sqlite: a snapshot copies each file as it is (its -wal too), and restore swaps it back in",
          "[unit][sqlite]") {
  SqliteProject project;
  project.require_ok("up");
  // An app in WAL mode whose committed row is still only in the -wal.
  auto app = devenv::db::open_sqlite(project.file("keygen").string(), false);
  app->execute("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0");
  app->execute("INSERT INTO workspaces (slug) VALUES ('seeded')");
  REQUIRE(fs::file_size(project.file("keygen").string() + "-wal") > 0);
  project.execute("watch", "INSERT INTO monitors (url) VALUES ('https://a')");

  const CommandResult save = project.require_ok("snapshot save seeded");
  CHECK_THAT(save.output, Catch::Contains("saved snapshot seeded: 3 databases"));
  const fs::path folder = project.dir().path() / ".devenv/data-snapshots/seeded";
  CHECK(fs::exists(folder / "01-keygen.db"));

  app->execute("INSERT INTO workspaces (slug) VALUES ('after')");
  project.require_ok("reset");
  CHECK(project.query("keygen", "SELECT count(*) FROM workspaces") == "0\n");

  const CommandResult restore = project.require_ok("snapshot restore seeded");
  CHECK_THAT(restore.output, Catch::Contains("restored snapshot seeded: 3 databases"));
  CHECK(project.query("keygen", "SELECT group_concat(slug) FROM workspaces") == "seeded\n");
  CHECK(project.query("watch", "SELECT url FROM monitors") == "https://a\n");
  CHECK_FALSE(fs::exists(project.file("keygen").string() + "-wal"));
  app.reset();

  // A schema edit since: refused without --force, nothing changed.
  project.dir().write("schemas/sign.sql", project.dir().read("schemas/sign.sql") + "\nCREATE TABLE extra (x);\n");
  project.require_ok("up --reset-on-change");
  const CommandResult refused = project.devenv("snapshot restore seeded");
  CHECK(refused.exit_code == 2);
  CHECK(tables(project, "sign") == "documents extra signers\n");
  project.require_ok("snapshot restore seeded --force");
  CHECK(tables(project, "sign") == "documents signers\n");
  CHECK_THAT(project.require_ok("snapshot list").output, Catch::Contains("keygen, sign, watch"));
}

TEST_CASE("sqlite: watch remakes only the saved schema's file, and a statement SQLite rejects changes nothing",
          "[unit][sqlite]") {
  SqliteProject project;
  project.require_ok("up");
  project.execute("keygen", "INSERT INTO workspaces (slug) VALUES ('kept')");
  project.execute("watch", "INSERT INTO monitors (url) VALUES ('https://a')");
  devenv::test::BackgroundWatch watch(project.dir().path(), "");
  REQUIRE(watch.wait_for("Ctrl-C stops watching"));
  const std::string schema = project.dir().read("schemas/watch.sql");
  project.dir().write("schemas/watch.sql", schema + "\nCREATE TABLE incidents (id INTEGER PRIMARY KEY);\n");
  REQUIRE(watch.wait_for("schemas/watch.sql → lite: reset in place"));
  CHECK_THAT(watch.output(), Catch::Contains("made watch again; kept keygen, sign with their data"));
  CHECK(tables(project, "watch") == "incidents monitors results\n");
  CHECK(project.query("watch", "SELECT count(*) FROM monitors") == "0\n");
  CHECK(project.query("keygen", "SELECT slug FROM workspaces") == "kept\n");

  project.execute("watch", "INSERT INTO monitors (url) VALUES ('https://b')");
  project.dir().write("schemas/watch.sql", schema + "\nCREATE TABLE broken (\n");
  REQUIRE(watch.wait_for("the databases keep serving the last schema that loaded"));
  CHECK_THAT(watch.output(), Catch::Contains("schemas/watch.sql:20:1"));
  CHECK(tables(project, "watch") == "incidents monitors results\n");
  CHECK(project.query("watch", "SELECT url FROM monitors") == "https://b\n");
  CHECK(watch.stop());
}

TEST_CASE("sqlite: verify reads a crashed app's WAL file without checkpointing or deleting it", "[unit][sqlite]") {
  SqliteProject project;
  project.require_ok("up");
  const std::string file = project.file("keygen").string();
  // An app that committed in WAL mode and died: its row is only in the -wal.
  const pid_t app = fork();
  if (app == 0) {
    auto session = devenv::db::open_sqlite(file, false);
    session->execute("PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0");
    session->execute("INSERT INTO workspaces (slug) VALUES ('in-the-wal')");
    _exit(0);  // no close: no checkpoint
  }
  waitpid(app, nullptr, 0);
  REQUIRE(fs::file_size(file + "-wal") > 0);
  const std::string before = devenv::test::read_file(file), wal_before = devenv::test::read_file(file + "-wal");
  const CommandResult verify = project.devenv("verify");
  CHECK(verify.exit_code == 0);
  CHECK(devenv::test::read_file(file) == before);  // the row was not checkpointed into the file
  REQUIRE(fs::exists(file + "-wal"));
  CHECK(devenv::test::read_file(file + "-wal") == wal_before);
  CHECK(project.query("keygen", "SELECT slug FROM workspaces") == "in-the-wal\n");  // still there
}

TEST_CASE("sqlite: a session that runs schema text reaches no other file, whatever the splitter made of it",
          "[reliability][sqlite]") {
  TempDir dir;
  const std::string file = (dir.path() / "a.db").string(), outside = (dir.path() / "outside.db").string();
  const auto session = devenv::db::open_sqlite(file, true);
  CHECK_THROWS_AS(session->execute("SELECT 1; ATTACH '" + outside + "' AS e; CREATE TABLE e.pwn (x)"),
                  devenv::db::DbError);
  CHECK_THROWS_AS(session->execute("CREATE TABLE t (x); VACUUM INTO '" + outside + "'"), devenv::db::DbError);
  CHECK(!fs::exists(outside));
  // A snapshot's copy goes through the backup API, not ATTACH.
  devenv::db::backup_sqlite(file, outside);
  CHECK(devenv::db::open_sqlite_read_only(outside)->column("SELECT name FROM sqlite_schema") ==
        std::vector<std::string>{"t"});

  // The reviewer's case: `begin` as a column name must not hide an ATTACH from the build.
  SqliteProject project;
  project.dir().write("schemas/watch.sql", project.dir().read("schemas/watch.sql") +
                                               "\nCREATE TABLE t (a, begin);\n"
                                               "CREATE TRIGGER tr AFTER INSERT ON t BEGIN SELECT begin FROM t; END;\n"
                                               "ATTACH '" +
                                               outside + ".2' AS e; CREATE TABLE e.pwn (x);\n");
  const CommandResult up = project.devenv("up");
  CHECK(up.exit_code == 2);
  CHECK_THAT(up.output, Catch::Contains("schemas/watch.sql:22:1") && Catch::Contains("ATTACH"));
  CHECK(!fs::exists(outside + ".2"));
}

TEST_CASE("sqlite: verify notes a database file the config does not declare, as for a server's database",
          "[unit][sqlite]") {
  SqliteProject project;
  project.require_ok("up");
  fs::copy_file(project.file("sign"), project.file("old_sign"));
  const CommandResult verify = project.devenv("verify");
  CHECK(verify.exit_code == 0);  // as on servers: not drift unless --strict
  CHECK_THAT(verify.output,
             Catch::Contains("1 database the config does not declare") && Catch::Contains("lite/old_sign"));
  CHECK(project.devenv("verify --strict").exit_code == 1);
  fs::remove(project.file("old_sign"));
  CHECK(project.devenv("verify --strict").exit_code == 0);
}

TEST_CASE("sqlite: the compose runtime treats a SQLite server as local files, without docker", "[unit][sqlite]") {
  SqliteProject project;
  const CommandResult up = project.require_ok("up --runtime compose");
  CHECK_THAT(up.output, !Catch::Contains("compose runtime:"));
  CHECK(tables(project, "sign") == "documents signers\n");
  CHECK_THAT(project.dir().read("docker-compose.yml"),
             Catch::Contains("services: {}") && Catch::Contains("SQLite servers are local files"));
}

TEST_CASE("sqlite: a full disk while a file is made says so, leaves no partial file, and the next up makes it",
          "[reliability][sqlite]") {
  SqliteProject project;
  add_filler(project, 100000);
  const fs::path state = project.dir().path() / ".devenv";
  fs::create_directories(state);
  REQUIRE(run_command("mount -t tmpfs -o size=1m devenv-test-sqlite-full '" + state.string() + "'").exit_code == 0);
  const CommandResult full = project.devenv("up");
  std::vector<std::string> left;
  for (const auto& entry : fs::directory_iterator(state / "lite/data")) left.push_back(entry.path().filename());
  run_command("umount '" + state.string() + "'");
  INFO(full.output);
  CHECK(full.exit_code == 3);
  CHECK_THAT(full.output, Catch::Contains("no space left") && Catch::Contains("while making watch.db"));
  CHECK(std::find(left.begin(), left.end(), "watch.db") == left.end());
  CHECK(std::find(left.begin(), left.end(), ".watch.db.partial") == left.end());
  // With room again (the state dir back on the disk), the same up makes every file.
  project.require_ok("up");
  CHECK(project.query("watch", "SELECT count(*) FROM filler") == "100000\n");
}
