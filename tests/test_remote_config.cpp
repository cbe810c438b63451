// config.toml for shared servers (runtime = "remote"): the url split before its
// ${VAR}s are read, the prefix, TLS keys, and which runtime each server gets.
#include <catch2/catch.hpp>

#include <map>

#include "config/loader.h"
#include "config/remote_url.h"
#include "generator/remote_script.h"
#include "support/fake_environment.h"
#include "support/temp_dir.h"
#include "verify/sandbox_names.h"

using namespace devenv::config;
using devenv::test::environment_of;
using devenv::test::TempDir;

namespace {

struct RemoteProject {
  TempDir dir;
  RemoteProject() {
    dir.write("schemas/main.sql", "CREATE TABLE t (a int);\nCREATE VIEW v AS SELECT a FROM hydra.h;\n");
    dir.write("schemas/hydra.sql", "CREATE TABLE h (a int);\n");
    dir.write("ca.pem", "not checked here");
  }
  Config load(const std::string& server, std::map<std::string, std::string> env = {{"USER", "alice"}},
              const std::string& project = "") const {
    const std::string text = project + "[servers.shared]\nengine = \"mariadb\"\n" + server +
                             "\n[[databases]]\nkey = \"hydra\"\nserver = \"shared\"\nsource = \"schemas/hydra.sql\"\n"
                             "\n[[databases]]\nkey = \"main\"\nserver = \"shared\"\nsource = \"schemas/main.sql\"\n"
                             "\n[[users]]\nname = \"app\"\npassword = \"app-pw\"\nserver = \"shared\"\n"
                             "databases = [\"main\", \"hydra\"]\n";
    return parse_config(text, dir.path() / "config.toml", environment_of(std::move(env)));
  }
  std::string error(const std::string& server, std::map<std::string, std::string> env = {{"USER", "alice"}},
                    const std::string& project = "") const {
    try {
      load(server, std::move(env), project);
    } catch (const ConfigError& e) {
      return e.what();
    }
    FAIL("expected a ConfigError");
    return {};
  }
};

}  // namespace

TEST_CASE("remote config: the url is split as written, so a password from the environment may hold any character",
          "[unit][remote]") {
  RemoteProject project;
  const std::string password = "p@ss:w/rd?#%41'\"$`\\;";
  const Config config = project.load("runtime = \"remote\"\nurl = \"mysql://admin:${ADMIN_PW}@db.internal:3307\"",
                                     {{"USER", "alice"}, {"ADMIN_PW", password}});
  const Server& server = config.servers.at(0);
  REQUIRE(server.remote);
  CHECK(server.runtime == "remote");
  CHECK(server.remote->host == "db.internal");
  CHECK(server.remote->port == 3307);
  CHECK(server.remote->admin_user == "admin");
  CHECK(server.remote->admin_password.value == password);
  CHECK(server.remote->admin_password.reference == "${ADMIN_PW}");
  CHECK(server.remote->prefix == "alice_");
  CHECK(server.remote->tls == "prefer");

  // Written literally, the last '@' ends the password; no percent-decoding changes it.
  const Config literal = project.load("url = \"mariadb://root:a@b%40c@10.0.0.5\"");
  CHECK(literal.servers.at(0).remote->admin_password.value == "a@b%40c");
  CHECK(literal.servers.at(0).remote->port == 3306);
  CHECK(literal.servers.at(0).runtime.empty());  // a url alone: --runtime remote or project.runtime decides

  const Config defaults =
      project.load("url = \"mysql://${ADMIN:-root}:${PW:-p@ss}@${HOST:-db.internal}:${PORT:-3307}\"");
  CHECK(defaults.servers.at(0).remote->admin_user == "root");
  CHECK(defaults.servers.at(0).remote->admin_password.value == "p@ss");
  CHECK(defaults.servers.at(0).remote->host == "db.internal");
  CHECK(defaults.servers.at(0).remote->port == 3307);
  CHECK_THAT(project.error("url = \"mysql://a:b@db:${PORT}\"", {{"USER", "alice"}, {"PORT", "33x"}}),
             Catch::Contains("\"33x\" is not a port"));

  // No admin password in the environment (CI's `build --check`): the config loads.
  const Config no_password = project.load("url = \"mysql://admin:${ADMIN_PW}@db\"");
  CHECK(no_password.servers.at(0).remote->failure);
}

TEST_CASE("remote config: the prefix defaults to $USER made safe, and is checked when given", "[unit][remote]") {
  RemoteProject project;
  const std::string url = "url = \"mysql://admin:pw@127.0.0.1:3306\"\n";
  CHECK(project.load(url, {{"USER", "John.Doe-2"}}).servers.at(0).remote->prefix == "john_doe_2_");
  CHECK(project.load(url, {{"USER", "9lives"}}).servers.at(0).remote->prefix == "u9lives_");
  CHECK(project.load(url + "prefix = \"ci_${BUILD}_\"", {{"BUILD", "42"}}).servers.at(0).remote->prefix == "ci_42_");
  // Without $USER the config still loads (build needs no prefix); the commands that
  // reach the server say what is missing.
  const Config without_user = project.load(url, {});
  REQUIRE(without_user.servers.at(0).remote->failure);
  try {
    std::rethrow_exception(without_user.servers.at(0).remote->failure);
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("config.toml:3:7") && Catch::Contains("$USER is not set") &&
                             Catch::Contains("prefix = \"yourname_\""));
  }
  CHECK_THAT(project.error(url + "prefix = \"Alice_\""), Catch::Contains("lower-case"));
  CHECK_THAT(project.error(url + "prefix = \"bad-prefix\""),
             Catch::Contains("servers.shared.prefix") && Catch::Contains("lower-case letters, digits and '_'"));
  CHECK_THAT(project.error(url + "prefix = \"_devenv_\""), Catch::Contains("start with a letter"));
  CHECK_THAT(project.error(url + "prefix = \"" + std::string(33, 'a') + "\""), Catch::Contains("at most 32"));
}

TEST_CASE("remote config: every name with the prefix must still fit the engine", "[unit][remote]") {
  TempDir dir;
  dir.write("t.sql", "CREATE TABLE t (a int);\n");
  const std::string text =
      "[servers.pg]\nengine = \"postgres\"\nurl = \"postgres://admin:pw@db\"\n"
      "prefix = \"a_rather_long_developer_prefix_\"\n\n[[databases]]\nkey = \"p\"\n"
      "name = \"partition_with_a_rather_long_name_{n:04}\"\ncount = 2\nserver = \"pg\"\nsource = \"t.sql\"\n";
  try {
    parse_config(text, dir.path() / "config.toml", environment_of({}));
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("config.toml:4:10") && Catch::Contains("servers.pg.prefix") &&
                             Catch::Contains("partition_with_a_rather_long_name_0001") &&
                             Catch::Contains("postgres allows 63"));
  }
}

TEST_CASE("remote config: one shared server twice with one prefix is refused, with another prefix it is fine",
          "[unit][remote]") {
  TempDir dir;
  dir.write("t.sql", "CREATE TABLE t (a int);\n");
  const auto config_with = [](const std::string& second_prefix) {
    return "[servers.a]\nengine = \"postgres\"\nurl = \"postgres://admin:pw@db.internal:5432\"\nprefix = \"al_\"\n\n"
           "[servers.b]\nengine = \"postgres\"\nurl = \"postgres://other:pw@DB.internal\"\n" +
           second_prefix +
           "\n[[databases]]\nkey = \"main\"\nserver = \"a\"\nsource = \"t.sql\"\n"
           "\n[[databases]]\nkey = \"jobs\"\nserver = \"b\"\nsource = \"t.sql\"\n";
  };
  try {
    parse_config(config_with("prefix = \"al_\"\n"), dir.path() / "config.toml", environment_of({}));
    FAIL("expected a ConfigError");
  } catch (const ConfigError& e) {
    CHECK_THAT(e.what(), Catch::Contains("config.toml:8:7") && Catch::Contains("servers.b.url") &&
                             Catch::Contains("servers.a and servers.b are the same shared server") &&
                             Catch::Contains("a prefix of its own"));
  }
  CHECK_NOTHROW(parse_config(config_with("prefix = \"al_jobs_\"\n"), dir.path() / "config.toml", environment_of({})));
}

TEST_CASE("remote config: bad urls, TLS keys and runtimes say what to write", "[unit][remote]") {
  RemoteProject project;
  CHECK_THAT(project.error("url = \"db.internal:3306\""),
             Catch::Contains("servers.shared.url") && Catch::Contains("scheme://user:password@host:port"));
  CHECK_THAT(project.error("url = \"postgres://admin:pw@db:5432\""),
             Catch::Contains("does not reach a mariadb server"));
  CHECK_THAT(project.error("url = \"mysql://admin:pw@db:3306/unkey\""),
             Catch::Contains("names a database") && Catch::Contains("prefix"));
  CHECK_THAT(project.error("url = \"mysql://admin:pw@db:99999\""), Catch::Contains("is not a port"));
  CHECK_THAT(project.error("url = \"mysql://admin:pw@db?ssl=true\""), Catch::Contains("tls and ca_file"));
  CHECK_THAT(project.error("url = \"mysql://admin:pw@db\"\ntls = \"yes\""),
             Catch::Contains("servers.shared.tls") && Catch::Contains("verify-full"));
  CHECK_THAT(project.error("url = \"mysql://admin:pw@db\"\nca_file = \"missing.pem\""),
             Catch::Contains("servers.shared.ca_file") && Catch::Contains("no such file"));
  const Config tls = project.load("url = \"mysql://admin:pw@db\"\ntls = \"verify-full\"\nca_file = \"ca.pem\"");
  CHECK(tls.servers.at(0).remote->ca_file == project.dir.path() / "ca.pem");
  CHECK_THAT(project.error("runtime = \"remote\""),
             Catch::Contains("servers.shared.url") && Catch::Contains("needs the url of its admin account"));
  CHECK_THAT(project.error("prefix = \"al_\""), Catch::Contains("only a shared server (with a `url`)"));
  CHECK_THAT(project.error("runtime = \"cloud\""), Catch::Contains("\"native\", \"compose\" or \"remote\""));
  CHECK_THAT(project.error("", {{"USER", "alice"}}, "[project]\nruntime = \"remote\"\n\n"),
             Catch::Contains("project.runtime") && Catch::Contains("servers.shared has no url"));
}

TEST_CASE("remote config: a shared server's scripts name this developer's databases, users and references",
          "[unit][remote]") {
  RemoteProject project;
  const Config config = project.load("runtime = \"remote\"\nurl = \"mysql://admin:pw@127.0.0.1\"");
  devenv::generator::RemoteScripts scripts(config, config.servers.at(0), "alice_");
  const Database& main = config.databases.at(1);
  const std::string script = scripts.database_script(main, "main");
  CHECK_THAT(script, Catch::Contains("USE `alice_main`"));
  CHECK_THAT(script, Catch::Contains("`alice_hydra`.`h`") || Catch::Contains("`alice_hydra`.h"));
  CHECK_THAT(script, !Catch::Contains("`hydra`"));
  const auto create = scripts.create_database(main, "main");
  REQUIRE(create.size() == 2);
  CHECK_THAT(create.at(0), Catch::Contains("CREATE DATABASE IF NOT EXISTS `alice_main`"));
  // A grant escapes the LIKE wildcard `_`, so that it covers exactly this database.
  CHECK_THAT(create.at(1), Catch::Contains("`alice\\_main`.*") && Catch::Contains("`alice_app`@`%`"));
  // The fingerprint follows what is made: another prefix, another fingerprint.
  devenv::generator::RemoteScripts other(config, config.servers.at(0), "bob_");
  CHECK(scripts.fingerprint(main, "main") != other.fingerprint(main, "main"));
  CHECK(scripts.fingerprint(main, "main") == scripts.fingerprint(main, "main"));
}

TEST_CASE("remote config: split_remote_url keeps IPv6 hosts and leaves the user and password empty when absent",
          "[unit][remote]") {
  std::string why;
  const auto v6 = split_remote_url("postgres://[::1]:5433", why);
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->port == "5433");
  CHECK(v6->user.empty());
  CHECK(v6->password.empty());
  // Defaults of ${VAR:-…} may hold ':', '@' and '/': they stay in their part.
  const auto defaults =
      split_remote_url("mysql://${ADMIN:-root}:${PW:-a@b:c/d}@${HOST:-db.internal}:${PORT:-3307}", why);
  REQUIRE(defaults);
  CHECK(defaults->user == "${ADMIN:-root}");
  CHECK(defaults->password == "${PW:-a@b:c/d}");
  CHECK(defaults->host == "${HOST:-db.internal}");
  CHECK(defaults->port == "${PORT:-3307}");
  CHECK_FALSE(split_remote_url("mysql://admin@", why));
  CHECK(why == "the URL names no host");
}

// MySQL 8 allows 32-byte user names: the readable account name with a shared server's
// tag (`_devenv_verify_<12 hex>_run_<pid>_<n>`) would be refused there, so no verify
// could run on a shared MySQL 8.
TEST_CASE("remote config: a verify's temporary account fits every engine's user names, shared or not",
          "[unit][remote]") {
  using devenv::engine::Engine;
  const std::string longest_suffix = "_4194304_9999";
  for (const Engine::Kind kind : {Engine::Kind::MySQL, Engine::Kind::MariaDB, Engine::Kind::Postgres}) {
    Server alice;
    alice.engine = Engine(kind);
    Server bob = alice;
    CAPTURE(alice.engine.name());
    const std::string local = devenv::verify::account_name(alice, longest_suffix);
    CHECK(local.size() <= alice.engine.max_user_name_bytes());
    CHECK(local.starts_with("_devenv_verify_run_"));  // what earlier versions' leftovers are named

    alice.remote = RemoteSettings{};
    alice.remote->prefix = "alice_";
    bob.remote = RemoteSettings{};
    bob.remote->prefix = "bob_";
    const std::string shared = devenv::verify::account_name(alice, longest_suffix);
    CAPTURE(shared);
    CHECK(shared.size() <= alice.engine.max_user_name_bytes());
    CHECK(shared.starts_with(devenv::verify::account_prefix(alice)));
    CHECK_FALSE(shared.starts_with(devenv::verify::account_prefix(bob)));  // each drops only its own leftovers
    CHECK(shared.starts_with(kind == Engine::Kind::MySQL ? "_dvv_" : "_devenv_verify_"));
  }
}
