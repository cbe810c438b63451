// The compose runtime on a real Docker engine, with devenv's local images (built from
// Debian packages by tests/docker/build_images.sh: no registry is reachable) and host
// networking on free 127.0.0.1 ports. Run by scripts/test.sh when an engine starts.
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>
#include <catch2/catch.hpp>

#include <regex>

#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;
using devenv::test::run_command;

namespace {

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t length = sizeof address;
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

// The example, on the compose runtime: its own project name, local images, host network.
// `in_config`: runtime = "compose" in config.toml; else the config says native and
// every command is given --runtime compose.
class ComposeExample {
 public:
  explicit ComposeExample(bool in_config = true)
      : mysql_port_(free_port()), postgres_port_(free_port()), runtime_flag_(in_config ? "" : " --runtime compose") {
    devenv::test::copy_example(dir_.path());
    project_ = "devenv-test-" + dir_.path().filename().string().substr(12);
    for (char& c : project_) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    std::string config = dir_.read("config.toml");
    config = std::regex_replace(config, std::regex("name = \"unkey-dev\""), "name = \"" + project_ + "\"");
    config = std::regex_replace(
        config, std::regex("runtime = \"native\""),
        std::string(in_config ? "runtime = \"compose\"" : "runtime = \"native\"") + "\nnetwork_mode = \"host\"");
    config = std::regex_replace(config, std::regex("\nport = 3306"), "\nport = " + std::to_string(mysql_port_));
    config = std::regex_replace(config, std::regex("\nport = 5432"), "\nport = " + std::to_string(postgres_port_));
    config = std::regex_replace(config, std::regex("image = \"mariadb:11\""), "image = \"devenv-test/mariadb:10.11\"");
    config = std::regex_replace(config, std::regex("image = \"postgres:16\""), "image = \"devenv-test/postgres:15\"");
    dir_.write("config.toml", config);
  }
  ~ComposeExample() { devenv("down --purge"); }

  CommandResult devenv(const std::string& arguments) const {
    return devenv::test::run_devenv(dir_.path().string(), arguments + runtime_flag_);
  }
  const devenv::test::TempDir& dir() const { return dir_; }
  const std::string& project() const { return project_; }
  int mysql_port() const { return mysql_port_; }
  int postgres_port() const { return postgres_port_; }

 private:
  devenv::test::TempDir dir_;
  std::string project_;
  int mysql_port_, postgres_port_;
  std::string runtime_flag_;
};

void require_up(const ComposeExample& example) {
  const CommandResult up = example.devenv("up");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
}

}  // namespace

TEST_CASE("compose: up on the example gives the same databases as the native runtime", "[docker]") {
  ComposeExample compose;
  const CommandResult up = compose.devenv("up --verify");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  CHECK_THAT(up.output,
             Catch::Contains("compose runtime: docker-compose") || Catch::Contains("compose runtime: Docker Compose"));
  CHECK_THAT(up.output, Catch::Contains("initialised") && Catch::Contains("schemas match"));
  CHECK_THAT(compose.devenv("up").output, Catch::Contains("already running"));
  CHECK_THAT(compose.devenv("status").output, Catch::Contains("running"));

  NativeExample native;
  REQUIRE(native.devenv("up").exit_code == 0);
  const std::string mysql = "mysql://root:devenv-root@127.0.0.1:" + std::to_string(compose.mysql_port()) + "/";
  const std::string postgres =
      "postgres://postgres:devenv-root@127.0.0.1:" + std::to_string(compose.postgres_port()) + "/";
  for (const std::string database : {"unkey", "partition_001", "partition_004", "hydra"}) {
    const CommandResult diff = native.devenv("diff " + database + " " + mysql + database);
    INFO(diff.output);
    CHECK(diff.exit_code == 0);
  }
  for (const std::string database : {"platform", "analytics"}) {
    const CommandResult diff = native.devenv("diff " + database + " " + postgres + database);
    INFO(diff.output);
    CHECK(diff.exit_code == 0);
  }
  // The same users and grants: unkey over TCP sees exactly its databases.
  const CommandResult unkey =
      run_command("mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P" + std::to_string(compose.mysql_port()) +
                  " -uunkey -punkey -N -e 'SHOW DATABASES'");
  CHECK(unkey.output ==
        "hydra\ninformation_schema\npartition_001\npartition_002\npartition_003\npartition_004\nunkey\n");
}

TEST_CASE("compose: a schema edit is reported on the stale volume, and reset applies it", "[docker]") {
  ComposeExample compose;
  require_up(compose);
  compose.dir().write("schemas/analytics.sql",
                      compose.dir().read("schemas/analytics.sql") + "\nCREATE TABLE added (id int PRIMARY KEY);\n");
  REQUIRE(compose.devenv("build").exit_code == 0);
  CHECK_THAT(compose.devenv("status").output,
             Catch::Contains("schema changed since this volume was initialised — run `devenv reset`"));
  const CommandResult stale = compose.devenv("up");
  CHECK(stale.exit_code == 1);
  CHECK_THAT(stale.output, Catch::Contains("postgres: schema changed since this volume was initialised"));
  const CommandResult reset = compose.devenv("reset postgres");
  INFO(reset.output);
  CHECK(reset.exit_code == 0);
  CHECK(compose.devenv("verify").exit_code == 0);
  const CommandResult count =
      run_command("PGPASSWORD=devenv-root psql -h 127.0.0.1 -p " + std::to_string(compose.postgres_port()) +
                  " -U postgres -d analytics -tAc \"SELECT count(*) FROM pg_tables WHERE tablename = 'added'\"");
  CHECK(count.output == "1\n");
}

TEST_CASE("compose: a broken init file exits 3 with the container's error, and the next up starts afresh", "[docker]") {
  ComposeExample compose;
  const std::string good = compose.dir().read("schemas/hydra/02-scheduling.sql");
  compose.dir().write("schemas/hydra/02-scheduling.sql",
                      good + "\nCREATE TABLE broken (id int REFERENCES nowhere (id));\n");
  const CommandResult failed = compose.devenv("up mysql");
  INFO(failed.output);
  CHECK(failed.exit_code == 3);
  CHECK_THAT(failed.output, Catch::Contains("while running 03-hydra-schema.sql") &&
                                Catch::Contains("Foreign key constraint is incorrectly formed"));
  CHECK(run_command("docker volume inspect " + compose.project() + "_mysql-data").exit_code != 0);
  compose.dir().write("schemas/hydra/02-scheduling.sql", good);
  const CommandResult fixed = compose.devenv("up --verify");
  INFO(fixed.output);
  CHECK(fixed.exit_code == 0);
  CHECK_THAT(fixed.output, Catch::Contains("schemas match"));
}

TEST_CASE("compose: down --purge removes only devenv's own volumes", "[docker]") {
  ComposeExample compose;
  require_up(compose);
  const std::string outsider = compose.project() + "_not-devenvs";
  REQUIRE(run_command("docker volume create " + outsider).exit_code == 0);
  const CommandResult down = compose.devenv("down --purge");
  INFO(down.output);
  CHECK(down.exit_code == 0);
  CHECK_THAT(down.output, Catch::Contains("removed volume " + compose.project() + "_mysql-data") &&
                              Catch::Contains("removed volume " + compose.project() + "_postgres-data"));
  CHECK(run_command("docker volume inspect " + compose.project() + "_mysql-data").exit_code != 0);
  CHECK(run_command("docker volume inspect " + outsider).exit_code == 0);
  run_command("docker volume rm " + outsider);
}

TEST_CASE("compose: --runtime compose on every runtime command of a native config, and down -v removes the network",
          "[docker]") {
  ComposeExample compose(false);
  require_up(compose);
  const CommandResult status = compose.devenv("status");
  INFO(status.output);
  CHECK(status.exit_code == 0);
  CHECK_THAT(status.output, Catch::Contains("running"));
  CHECK_THAT(compose.devenv("env").output, Catch::Contains("export DEVENV_MAIN_URL="));
  const CommandResult logs = compose.devenv("logs -n 3");
  CHECK(logs.exit_code == 0);
  CHECK_THAT(logs.output, Catch::Contains("mysql    | ") && Catch::Contains("postgres | "));
  CHECK(compose.devenv("verify").exit_code == 0);
  // The network compose makes for a project without network_mode = "host".
  const std::string network = compose.project() + "_default";
  REQUIRE(run_command("docker network create --label com.docker.compose.project=" + compose.project() +
                      " --label com.docker.compose.network=default " + network)
              .exit_code == 0);
  const CommandResult purged = compose.devenv("down -v");
  INFO(purged.output);
  CHECK(purged.exit_code == 0);
  CHECK_THAT(purged.output, Catch::Contains("removed network " + network));
  CHECK_THAT(purged.output, Catch::Contains("removed volume " + compose.project() + "_mysql-data"));
  CHECK(run_command("docker network ls --format '{{.Name}}' | grep -cx '" + network + "'").output == "0\n");
  const CommandResult after = compose.devenv("status");
  CHECK(after.exit_code == 3);
  CHECK_THAT(after.output, Catch::Contains("not initialised"));
}

// Named snapshots through the image's own tools inside the containers (docs/snapshots.md).
TEST_CASE("compose: snapshot save, reset and restore through the containers' own dump tools", "[docker]") {
  ComposeExample compose;
  require_up(compose);
  const std::string mysql = "mariadb --no-defaults --protocol=tcp -h127.0.0.1 -P" +
                            std::to_string(compose.mysql_port()) + " -uroot -pdevenv-root -N -e ";
  const std::string psql = "PGPASSWORD=devenv-root psql -h 127.0.0.1 -p " + std::to_string(compose.postgres_port()) +
                           " -U postgres -d platform -tAc ";
  const auto add_rows = [&](const std::string& tag) {
    run_command(mysql + "\"INSERT INTO unkey.workspaces (id, org_id, name, beta_features, features) VALUES ('" + tag +
                "', 'o', '" + tag + "', '{}', '{}')\"");
    run_command(psql + "\"INSERT INTO identity.users (email) VALUES ('" + tag + "@example.com')\"");
  };
  const auto rows = [&] {
    return run_command(mysql + "'SELECT name FROM unkey.workspaces ORDER BY name'").output +
           run_command(psql + "'SELECT email FROM identity.users ORDER BY email'").output;
  };
  add_rows("saved");
  const CommandResult save = compose.devenv("snapshot save day-1");
  INFO(save.output);
  REQUIRE(save.exit_code == 0);
  CHECK_THAT(save.output, Catch::Contains("saved snapshot day-1: 8 databases"));
  add_rows("after");
  REQUIRE(compose.devenv("reset").exit_code == 0);
  CHECK(rows().empty());
  const CommandResult restore = compose.devenv("snapshot restore day-1");
  INFO(restore.output);
  REQUIRE(restore.exit_code == 0);
  CHECK(rows() == "saved\nsaved@example.com\n");
  CHECK(compose.devenv("verify").exit_code == 0);
  CHECK_THAT(compose.devenv("snapshot list").output, Catch::Contains("day-1"));
}
