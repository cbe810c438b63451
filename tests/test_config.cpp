#include <catch2/catch.hpp>

#include <map>

#include "config/did_you_mean.h"
#include "config/interpolate.h"
#include "config/loader.h"
#include "config/name_pattern.h"
#include "sqltext/source_error.h"
#include "support/fake_environment.h"
#include "support/temp_dir.h"

using namespace devenv::config;
using devenv::test::environment_of;
using devenv::test::TempDir;

namespace {

constexpr const char* kServers = R"(
[servers.mysql]
engine = "mariadb"
port = 3306
root_password = "${ROOT_PW:-secret}"

[servers.pg]
engine = "postgres"
)";

struct ConfigProject {
  TempDir dir;
  ConfigProject() {
    dir.write("schemas/main.sql", "CREATE TABLE t (a int);\n");
    dir.write("schemas/part.sql", "CREATE TABLE p (a int);\n");
    dir.write("schemas/hydra/02-b.sql", "CREATE TABLE b (a int);\n");
    dir.write("schemas/hydra/01-a.sql", "CREATE TABLE a (a int);\n");
    dir.write("schemas/hydra/notes.txt", "not sql");
  }
  Config load(const std::string& text, std::map<std::string, std::string> env = {}) const {
    return parse_config(text, dir.path() / "config.toml", environment_of(std::move(env)));
  }
  std::string error(const std::string& text, std::map<std::string, std::string> env = {}) const {
    try {
      load(text, std::move(env));
    } catch (const ConfigError& e) {
      return e.what();
    }
    FAIL("expected a ConfigError");
    return {};
  }
};

std::string with_database(const std::string& database) {
  return std::string(kServers) + "\n[[databases]]\n" + database;
}

}  // namespace

TEST_CASE("config: a full config loads into the typed model", "[unit][config]") {
  ConfigProject project;
  const Config config = project.load(std::string(kServers) + R"(
[[databases]]
key = "main"
name = "unkey"
server = "mysql"
source = "schemas/main.sql"

[[databases]]
key = "partition"
name = "partition_{n:03}"
count = 4
server = "mysql"
source = "schemas/part.sql"

[[databases]]
key = "hydra"
server = "mysql"
source = "schemas/hydra"

[[databases]]
key = "platform"
server = "pg"
sources = ["schemas/main.sql", { path = "schemas/part.sql", schema = "billing" }]

[[users]]
name = "app"
password = "${APP_PW}"
server = "mysql"
databases = ["main", "partition"]
)",
                                     {{"APP_PW", "hunter2"}});
  REQUIRE(config.servers.size() == 2);
  CHECK(config.servers[0].name == "mysql");
  CHECK(config.servers[0].root_password.value == "secret");
  CHECK(config.servers[0].root_password.reference == "${ROOT_PW:-secret}");
  CHECK(config.servers[0].image == "mariadb:11");
  CHECK(config.servers[1].engine.kind() == devenv::engine::Engine::Kind::Postgres);
  CHECK(config.servers[1].port == 5432);
  CHECK(config.servers[1].root_user == "postgres");
  REQUIRE(config.databases.size() == 4);
  CHECK(config.databases[0].names == std::vector<std::string>{"unkey"});
  CHECK(config.databases[1].names ==
        std::vector<std::string>{"partition_001", "partition_002", "partition_003", "partition_004"});
  CHECK(config.databases[1].is_template);
  CHECK(config.databases[2].name_pattern == "hydra");  // name defaults to the key
  REQUIRE(config.databases[2].sources.size() == 2);    // the folder's .sql files, sorted
  CHECK(config.databases[2].sources[0].display == "schemas/hydra/01-a.sql");
  CHECK(config.databases[3].sources[0].schema == "public");
  CHECK(config.databases[3].sources[1].schema == "billing");
  CHECK(config.users[0].password.value == "hunter2");
  CHECK(config.project.runtime == "native");
}

TEST_CASE("config: TOML syntax errors name line and column", "[unit][config]") {
  ConfigProject project;
  const std::string message = project.error("[servers.mysql]\nengine = \"mariadb\nport = 1\n");
  CHECK_THAT(message, Catch::Contains("config.toml:2:") && Catch::Contains("TOML syntax error"));
}

TEST_CASE("config: unknown keys get a did-you-mean", "[unit][config]") {
  ConfigProject project;
  const std::string message =
      project.error(std::string(kServers) + "\n[servers.extra]\nengine = \"mysql\"\nprot = 1\n");
  CHECK_THAT(message, Catch::Contains("config.toml:12:1") && Catch::Contains("servers.extra.prot: unknown key") &&
                          Catch::Contains("did you mean 'port'?"));
  CHECK_THAT(project.error("[sevrers.x]\n"), Catch::Contains("did you mean 'servers'?"));
}

TEST_CASE("config: wrong types say what was expected", "[unit][config]") {
  ConfigProject project;
  CHECK_THAT(
      project.error("[servers.mysql]\nengine = \"mysql\"\nport = \"3306\"\n"),
      Catch::Contains("config.toml:3:8") && Catch::Contains("servers.mysql.port: expected an integer, got string"));
  CHECK_THAT(project.error(with_database("key = \"main\"\nserver = \"mysql\"\nsource = 1\n")),
             Catch::Contains("databases[0].source: expected a string, got integer"));
}

TEST_CASE("config: a missing schema file is named with its key", "[unit][config]") {
  ConfigProject project;
  CHECK_THAT(project.error(with_database("key = \"main\"\nserver = \"mysql\"\nsource = \"schemas/nope.sql\"\n")),
             Catch::Contains("databases[0].source: schema file schemas/nope.sql does not exist"));
}

TEST_CASE("config: duplicate database names, also after partition expansion", "[unit][config]") {
  ConfigProject project;
  const std::string two = with_database(
      "key = \"a\"\nname = \"shard_{n:02}\"\ncount = 3\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n"
      "[[databases]]\nkey = \"b\"\nname = \"shard_02\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n");
  CHECK_THAT(project.error(two), Catch::Contains("database \"shard_02\" on server mysql is already used by \"a\""));
  const std::string same_key = with_database(
      "key = \"a\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n"
      "[[databases]]\nkey = \"a\"\nname = \"x\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n");
  CHECK_THAT(project.error(same_key), Catch::Contains("duplicate key \"a\""));
  // The same name on two servers is two databases.
  const std::string two_servers = with_database(
      "key = \"a\"\nname = \"x\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n"
      "[[databases]]\nkey = \"b\"\nname = \"x\"\nserver = \"pg\"\nsource = \"schemas/main.sql\"\n");
  CHECK(project.load(two_servers).databases.size() == 2);
}

TEST_CASE("config: a database on an undefined server", "[unit][config]") {
  ConfigProject project;
  CHECK_THAT(
      project.error(with_database("key = \"a\"\nserver = \"mysqll\"\nsource = \"schemas/main.sql\"\n")),
      Catch::Contains("databases[0].server: no server named \"mysqll\"") && Catch::Contains("did you mean \"mysql\"?"));
}

TEST_CASE("config: partition counts", "[unit][config]") {
  ConfigProject project;
  const auto partition = [](const std::string& name, const std::string& count) {
    return with_database("key = \"p\"\nname = \"" + name + "\"\ncount = " + count +
                         "\nserver = \"mysql\"\nsource = \"schemas/part.sql\"\n");
  };
  CHECK_THAT(project.error(partition("p_{n:03}", "0")), Catch::Contains("databases[0].count: expected at least 1"));
  CHECK_THAT(project.error(partition("p_{n:02}", "100")),
             Catch::Contains("100 partitions do not fit \"p_{n:02}\" (at most 99)"));
  CHECK(project.load(partition("p_{n:02}", "99")).databases[0].names.back() == "p_99");
  CHECK(project.load(partition("p{n}", "12")).databases[0].names.back() == "p12");
  CHECK_THAT(project.error(partition("p_{x}", "2")), Catch::Contains("placeholder {x} is not {n}"));
  CHECK_THAT(
      project.error(with_database("key = \"p\"\ncount = 2\nserver = \"mysql\"\nsource = \"schemas/part.sql\"\n")),
      Catch::Contains("count needs a {n} placeholder"));
}

TEST_CASE("config: an unset ${VAR} without a default", "[unit][config]") {
  ConfigProject project;
  const std::string text = std::string(kServers) + R"(
[[databases]]
key = "main"
server = "mysql"
source = "schemas/main.sql"

[[users]]
name = "app"
password = "${APP_DB_PASSWORD}"
server = "mysql"
)";
  CHECK_THAT(project.error(text), Catch::Contains("config.toml:17:12") && Catch::Contains("users[0].password") &&
                                      Catch::Contains("${APP_DB_PASSWORD} is not set and has no default"));
  CHECK(project.load(text, {{"APP_DB_PASSWORD", "pw"}}).users[0].password.value == "pw");
}

TEST_CASE("config: engine-specific mistakes", "[unit][config]") {
  ConfigProject project;
  CHECK_THAT(project.error("[servers.x]\nengine = \"postgre\"\n"), Catch::Contains("did you mean \"postgres\"?"));
  CHECK_THAT(
      project.error(with_database("key = \"a\"\nserver = \"mysql\"\nschema = \"s\"\nsource = \"schemas/main.sql\"\n")),
      Catch::Contains("MySQL has no schemas inside a database"));
  CHECK_THAT(project.error(std::string(kServers) +
                           "[[databases]]\nkey = \"main\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n"
                           "[[users]]\nname = \"u\"\npassword = \"p\"\nserver = \"mysql\"\ndatabases = [\"mian\"]\n"),
             Catch::Contains("no database with key \"mian\"") && Catch::Contains("did you mean \"main\"?"));
}

TEST_CASE("interpolate: ${VAR}, ${VAR:-default} and $$", "[unit][config]") {
  const Environment env = environment_of({{"A", "1"}, {"EMPTY", ""}});
  CHECK(interpolate("x${A}y", env) == "x1y");
  CHECK(interpolate("${B:-dflt}", env) == "dflt");
  CHECK(interpolate("${EMPTY:-dflt}", env) == "dflt");
  CHECK(interpolate("${EMPTY}", env).empty());
  CHECK(interpolate("cost: $$5 and $$x", env) == "cost: $5 and $x");
  CHECK_THROWS_AS(interpolate("${B}", env), UnsetVariable);
  CHECK_THROWS_AS(interpolate("${A", env), BadReference);
  CHECK_THROWS_AS(interpolate("${1A}", env), BadReference);
}

// As docker compose reads them (compose-spec's interpolation section).
TEST_CASE("interpolate: bare $VAR and the rest of compose's forms", "[unit][config]") {
  const Environment env = environment_of({{"A", "1"}, {"EMPTY", ""}, {"PW", "p$w d"}});
  CHECK(interpolate("$A", env) == "1");
  CHECK(interpolate("x$A.y", env) == "x1.y");
  CHECK(interpolate("$PW", env) == "p$w d");  // a value is not expanded again
  CHECK_THROWS_AS(interpolate("$UNSET_ONE", env), UnsetVariable);
  // - without a colon: the default only when unset.
  CHECK(interpolate("${EMPTY-dflt}", env).empty());
  CHECK(interpolate("${B-dflt}", env) == "dflt");
  // ? and :? : an error with the message.
  CHECK(interpolate("${A:?need A}", env) == "1");
  CHECK(interpolate("${EMPTY?need it}", env).empty());
  try {
    interpolate("${EMPTY:?set the password}", env);
    FAIL("expected UnsetVariable");
  } catch (const UnsetVariable& e) {
    CHECK(e.variable == "EMPTY");
    CHECK_THAT(e.what(), Catch::Contains("is empty: set the password"));
  }
  CHECK_THROWS_WITH(interpolate("${B?no B}", env), Catch::Contains("is not set: no B"));
  // + and :+ : the other word when set.
  CHECK(interpolate("${A:+yes}", env) == "yes");
  CHECK(interpolate("${EMPTY:+yes}", env).empty());
  CHECK(interpolate("${EMPTY+yes}", env) == "yes");
  CHECK(interpolate("${B+yes}", env).empty());
  // A default may hold variables, nested braces counted.
  CHECK(interpolate("${B:-${A}x}", env) == "1x");
  CHECK(interpolate("${B:-${C:-deep}}!", env) == "deep!");
  // A $ that starts nothing is an error, as in compose: $$ is the literal one.
  CHECK_THROWS_AS(interpolate("cost: $5", env), BadReference);
  CHECK_THROWS_AS(interpolate("trailing $", env), BadReference);
  CHECK_THROWS_AS(interpolate("${A:x}", env), BadReference);
  CHECK_THROWS_AS(interpolate("${A x}", env), BadReference);
  CHECK_THROWS_AS(interpolate("${}", env), BadReference);
}

TEST_CASE("config: a bare $VAR in a password is the variable's value, and an unset one is an error at its key",
          "[unit][config]") {
  ConfigProject project;
  const std::string config = with_database("key = \"main\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n") +
                             "[[users]]\nname = \"app\"\npassword = \"$UNKEY_DB_PASSWORD\"\nserver = \"mysql\"\n";
  const Config loaded = project.load(config, {{"UNKEY_DB_PASSWORD", "s3cr$t"}});
  REQUIRE(loaded.users.size() == 1);
  CHECK(loaded.users[0].password.value == "s3cr$t");
  CHECK(loaded.users[0].password.reference == "$UNKEY_DB_PASSWORD");
  const std::string error = project.error(config);
  CHECK_THAT(error, Catch::Contains("config.toml:") && Catch::Contains("users[0].password") &&
                        Catch::Contains("$UNKEY_DB_PASSWORD is not set") && Catch::Contains(".env"));
  CHECK_THAT(project.error(with_database("key = \"main\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n") +
                           "[[users]]\nname = \"app\"\npassword = \"a$ b\"\nserver = \"mysql\"\n"),
             Catch::Contains("users[0].password") && Catch::Contains("write $$ for a literal $"));
}

TEST_CASE("name patterns expand with zero padding", "[unit][config]") {
  CHECK(NamePattern("partition_{n:03}").expand(2) == std::vector<std::string>{"partition_001", "partition_002"});
  CHECK(NamePattern("partition_{n:03}").max_count() == 999);
  CHECK_FALSE(NamePattern("p{n}").max_count());
  CHECK_FALSE(NamePattern("plain").is_template());
  CHECK_THROWS(NamePattern("p_{n:3}"));
  CHECK_THROWS(NamePattern("p_{n}_{n}"));
}

TEST_CASE("did_you_mean picks close words only", "[unit][config]") {
  CHECK(did_you_mean("prot", {"port", "image"}) == "port");
  CHECK(did_you_mean("zzzzzz", {"port", "image"}).empty());
}

// Each of these passed `build` before and failed later (issue: Safety II, part 5).
TEST_CASE("config: what would fail later is refused at load, naming the key", "[unit][config]") {
  ConfigProject project;
  const std::string main = "key = \"main\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n";
  CHECK_THAT(project.error(with_database("key = \"" + std::string(300, 'k') +
                                         "\"\nserver = \"mysql\"\nsource = "
                                         "\"schemas/main.sql\"\n")),
             Catch::Contains("databases[0].key") && Catch::Contains("longer than 64"));
  CHECK_THAT(project.error(
                 with_database("key = \"main-db\"\nname = \"one\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n"
                               "[[databases]]\nkey = \"main_db\"\nname = \"other\"\nserver = \"mysql\"\n"
                               "source = \"schemas/main.sql\"\n")),
             Catch::Contains("DEVENV_MAIN_DB_URL"));
  CHECK_THAT(project.error(std::string(kServers) + "port = 3306\n[[databases]]\n" + main),
             Catch::Contains("servers.pg.port") && Catch::Contains("also servers.mysql.port"));
  CHECK_THAT(project.error(std::string(kServers) + "charset = \"utf8; DROP DATABASE x\"\n[[databases]]\n" + main),
             Catch::Contains("servers.pg.charset") && Catch::Contains("not a charset name"));
  CHECK_THAT(project.error(with_database("key = \"p\"\nname = \"p_{n}\"\ncount = 3000000000\nserver = \"mysql\"\n"
                                         "source = \"schemas/part.sql\"\n")),
             Catch::Contains("databases[0].count") && Catch::Contains("at most 10000"));
  CHECK_THAT(project.error(with_database(main) + "[[users]]\nname = \"app\"\npassword = \"a\\nb\"\nserver = "
                                                 "\"mysql\"\n"),
             Catch::Contains("users[0].password") && Catch::Contains("line break or NUL"));
  CHECK_THAT(project.error(std::string(kServers) + "root_password = \"x\\u0000y\"\n[[databases]]\n" + main),
             Catch::Contains("servers.pg.root_password"));
  // Names are held to their own engine's limits (the server would refuse or, PostgreSQL, truncate them).
  const auto user_named = [&](std::size_t length, const std::string& server) {
    return with_database(main) + "[[users]]\nname = \"" + std::string(length, 'u') +
           "\"\npassword = \"p\"\nserver = \"" + server + "\"\n";
  };
  CHECK_THAT(project.error(user_named(129, "mysql")),
             Catch::Contains("users[0].name") && Catch::Contains("mariadb user names are at most 128"));
  CHECK_NOTHROW(project.load(user_named(128, "mysql")));
  CHECK_THAT(project.error(user_named(64, "pg")), Catch::Contains("postgres user names are at most 63"));
  CHECK_NOTHROW(project.load(user_named(63, "pg")));
  const auto database_named = [&](const std::string& name, const std::string& server) {
    return with_database("key = \"k\"\nname = \"" + name + "\"\nserver = \"" + server +
                         "\"\nsource = \"schemas/main.sql\"\n");
  };
  CHECK_NOTHROW(project.load(database_named(std::string(64, 'd'), "mysql")));
  CHECK_THAT(project.error(database_named(std::string(65, 'd'), "mysql")),
             Catch::Contains("databases[0].name") && Catch::Contains("mariadb database names are at most 64"));
  CHECK_THAT(project.error(database_named(std::string(64, 'd'), "pg")),
             Catch::Contains("databases[0].name") && Catch::Contains("postgres database names are at most 63"));
  // A template counts with its longest expansion: 60 + "_" + 3 digits = 64 > 63.
  CHECK_THAT(project.error(with_database("key = \"k\"\nname = \"" + std::string(60, 'p') +
                                         "_{n:03}\"\ncount = 2\nserver = \"pg\"\nsource = \"schemas/part.sql\"\n")),
             Catch::Contains("at most 63"));
  // Any other character in a password is fine.
  CHECK_NOTHROW(project.load(with_database(main) + "[[users]]\nname = \"app\"\npassword = \" #\\\\'\\\"` $$x \"\n"
                                                   "server = \"mysql\"\n"));
}

TEST_CASE("config: --config naming a folder says so", "[unit][config]") {
  ConfigProject project;
  try {
    load_config(project.dir.path());
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("is a folder, not a config file"));
  }
}

TEST_CASE("config: migrations, their tool, schemas, owner and polyfills", "[unit][config]") {
  ConfigProject project;
  project.dir.write("db/migrations/00001_init.sql", "-- +goose Up\nCREATE TABLE a (id int);\n");
  project.dir.write("mod/migrations/02001_mod.sql", "-- +goose Up\nCREATE TABLE mod.b (id int);\n");
  const std::string users =
      "[[users]]\nname = \"reader\"\npassword = \"r\"\nserver = \"pg\"\ndatabases = [\"app\"]\n"
      "[[users]]\nname = \"app\"\npassword = \"a\"\nserver = \"pg\"\ndatabases = [\"app\"]\n";
  SECTION("a goose database with two module folders and schemas") {
    const Config config = project.load(
        with_database("key = \"app\"\nserver = \"pg\"\nschemas = [\"mod\"]\nmigrations = [\"db/migrations\", "
                      "\"mod/migrations\"]\npolyfills = [\"uuidv7\"]\n") +
        users);
    const Database& app = config.databases.front();
    REQUIRE(app.migrations);
    CHECK(app.migrations->tool == "goose");  // detected
    REQUIRE(app.sources.size() == 2);
    CHECK(app.sources[1].display == "mod/migrations/02001_mod.sql");
    REQUIRE(app.sources[1].migration);
    CHECK(app.sources[1].migration->tool == "goose");
    CHECK(app.sources[1].migration->version == "02001");
    CHECK(app.schemas() == std::vector<std::string>{"public", "mod"});
    CHECK(app.owner == "reader");  // the first user, in file order, granted it
    CHECK(app.polyfills == std::vector<std::string>{"uuidv7"});
  }
  SECTION("owner named, and owners that cannot be") {
    const std::string base = "key = \"app\"\nserver = \"pg\"\nmigrations = \"db/migrations\"\n";
    CHECK(project.load(with_database(base + "owner = \"app\"\n") + users).databases.front().owner == "app");
    CHECK_THAT(project.error(with_database(base + "owner = \"ap\"\n") + users),
               Catch::Contains("databases[0].owner: \"ap\" is not a [[users]] entry granted \"app\"") &&
                   Catch::Contains("did you mean \"app\"?"));
    CHECK_THAT(project.error(with_database(base + "owner = \"nobody\"\n")),
               Catch::Contains("add a [[users]] entry on server pg"));
    CHECK(project.load(with_database(base)).databases.front().owner.empty());  // no user: the superuser keeps it
  }
  SECTION("what is refused") {
    CHECK_THAT(project.error(with_database("key = \"app\"\nserver = \"pg\"\nmigrations = \"db/migrations\"\n"
                                           "source = \"schemas/main.sql\"\n")),
               Catch::Contains("databases[0].source: give either migrations or source, not both"));
    CHECK_THAT(project.error(with_database(
                   "key = \"app\"\nserver = \"pg\"\nmigrations = \"db/migrations\"\nmigration_tool = \"gose\"\n")),
               Catch::Contains("databases[0].migration_tool: unknown migration tool \"gose\"") &&
                   Catch::Contains("did you mean \"goose\"?"));
    CHECK_THAT(project.error(with_database("key = \"app\"\nserver = \"pg\"\nmigrations = \"no/such\"\n")),
               Catch::Contains("databases[0].migrations: migration folder no/such does not exist"));
    CHECK_THAT(project.error(with_database(
                   "key = \"app\"\nserver = \"pg\"\nsource = \"schemas/main.sql\"\nmigration_table = \"x\"\n")),
               Catch::Contains("databases[0].migration_table: migration_table needs migrations"));
    CHECK_THAT(project.error(with_database(
                   "key = \"app\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\nschemas = [\"a\"]\n")),
               Catch::Contains("databases[0].schemas: MySQL has no schemas"));
    CHECK_THAT(
        project.error(
            with_database("key = \"app\"\nserver = \"pg\"\nsource = \"schemas/main.sql\"\npolyfills = [\"uuidv9\"]\n")),
        Catch::Contains("devenv has no polyfill \"uuidv9\" for postgres") && Catch::Contains("known: uuidv4, uuidv7"));
    CHECK_THAT(project.error(with_database(
                   "key = \"app\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\npolyfills = [\"uuidv7\"]\n")),
               Catch::Contains("devenv has no polyfill \"uuidv7\" for mariadb"));
  }
}

TEST_CASE("config: a migration_table that is no plain name", "[unit][config]") {
  ConfigProject project;
  project.dir.write("db/1_a.sql", "CREATE TABLE a (id int);\n");
  const std::string base = "key = \"app\"\nserver = \"pg\"\nmigrations = \"db\"\n";
  CHECK_THAT(project.error(with_database(base + "migration_table = 'h\"x'\n")),
             Catch::Contains("databases[0].migration_table: \"h\"x\" is not a plain table name"));
  CHECK(
      project.load(with_database(base + "migration_table = \"meta.history\"\n")).databases.front().migrations->table ==
      "meta.history");
  CHECK_THAT(project.error(with_database("key = \"app\"\nserver = \"mysql\"\nmigrations = \"db\"\n"
                                         "migration_table = \"meta.history\"\n")),
             Catch::Contains("name the table alone"));
}

TEST_CASE("config: server settings read as the server takes them, in name order", "[unit][config]") {
  ConfigProject project;
  const std::string main = "[[databases]]\nkey = \"main\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n";
  const Config config = project.load(
      std::string(kServers) +
          "settings = { shared_buffers = \"${BUFFERS:-64MB}\", max_connections = 20, autovacuum = true, "
          "random_page_cost = 1.5, \"auto_explain.log_min_duration\" = \"250ms\", huge = 1e6, small = 0.1 }\n" +
          main,
      {{"BUFFERS", "128MB"}});
  const Server& pg = config.servers[1];
  const std::vector<std::pair<std::string, std::string>> expected = {{"auto_explain.log_min_duration", "250ms"},
                                                                     {"autovacuum", "on"},
                                                                     {"huge", "1000000"},
                                                                     {"max_connections", "20"},
                                                                     {"random_page_cost", "1.5"},
                                                                     {"shared_buffers", "128MB"},
                                                                     {"small", "0.1"}};
  CHECK(pg.settings == expected);
  CHECK(config.servers[0].settings.empty());
  CHECK(pg.engine.setting_arguments("work_mem", "4MB") == std::vector<std::string>{"-c", "work_mem=4MB"});
  CHECK(config.servers[0].engine.setting_arguments("sql_mode", "") == std::vector<std::string>{"--sql_mode="});

  CHECK_THAT(project.error(std::string(kServers) + "settings = { \"bad name\" = 1 }\n" + main),
             Catch::Contains("config.toml:9:") && Catch::Contains("servers.pg.settings.bad name") &&
                 Catch::Contains("not a server setting name"));
  CHECK_THAT(project.error(std::string(kServers) + "settings = { work_mem = [1, 2] }\n" + main),
             Catch::Contains("servers.pg.settings.work_mem") && Catch::Contains("a string, a number or a boolean"));
  CHECK_THAT(project.error(std::string(kServers) + "settings = { work_mem = \"4MB\\n-c fsync=on\" }\n" + main),
             Catch::Contains("servers.pg.settings.work_mem") && Catch::Contains("control character"));
  CHECK_THAT(project.error(std::string(kServers) + "settings = 3\n" + main),
             Catch::Contains("servers.pg.settings") && Catch::Contains("a table"));
}

TEST_CASE("config: project.compose_file names devenv's compose file beside the config", "[unit][config]") {
  ConfigProject project;
  const std::string main = "[[databases]]\nkey = \"main\"\nserver = \"mysql\"\nsource = \"schemas/main.sql\"\n";
  const auto with_compose_file = [&](const std::string& name) {
    return "[project]\ncompose_file = \"" + name + "\"\n" + std::string(kServers) + main;
  };
  CHECK(project.load(std::string(kServers) + main).project.compose_file == "docker-compose.yml");
  CHECK(project.load(with_compose_file("devenv.compose.yml")).project.compose_file == "devenv.compose.yml");
  for (const std::string bad : {"../compose.yml", "sub/compose.yml", "compose.json", ".hidden.yml", ""}) {
    CHECK_THAT(project.error(with_compose_file(bad)),
               Catch::Contains("config.toml:2:16: project.compose_file") && Catch::Contains("file name"));
  }
}
