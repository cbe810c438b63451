// postgres from the machine's packages. As root it runs as the unprivileged
// `postgres` user, which owns the data and run dirs (PostgreSQL refuses root).
#include <pwd.h>
#include <signal.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <regex>

#include "db/session.h"
#include "generator/password_hash.h"
#include "runtime/find_program.h"
#include "runtime/native_engine.h"
#include "runtime/program_version.h"
#include "sqltext/identifier.h"
#include "util/runtime_error.h"

namespace devenv::runtime {
namespace {

namespace fs = std::filesystem;

std::optional<RunAs> unprivileged_user_when_root() {
  if (geteuid() != 0) return std::nullopt;
  const passwd* entry = getpwnam("postgres");
  if (!entry) {
    throw util::RuntimeError("PostgreSQL cannot run as root, and there is no 'postgres' user to run it as",
                             "apt-get install postgresql creates it (or: useradd --system postgres)");
  }
  return RunAs{entry->pw_uid, entry->pw_gid, "postgres"};
}

class PostgresNativeEngine final : public NativeEngine {
 public:
  PostgresNativeEngine(const config::Server& server, fs::path bin_dir, fs::path psql)
      : server_(server), bin_dir_(std::move(bin_dir)), psql_(std::move(psql)), run_as_(unprivileged_user_when_root()) {}

  std::string version() const override {
    if (!version_) {
      version_ = program_version(bin_dir_ / "postgres", [&] {
        const RunResult result = run({{(bin_dir_ / "postgres").string(), "--version"}});
        std::smatch match;
        static const std::regex pattern("\\) ([0-9][^ \n]*)");
        return std::regex_search(result.output, match, pattern) ? match[1].str() : std::string("unknown");
      });
    }
    return *version_;
  }

  std::optional<RunAs> run_as() const override { return run_as_; }
  int stop_signal() const override { return SIGINT; }  // "fast shutdown"

  // The image's contract: password auth over TCP, trust on the local socket (which
  // lives in a 0700 folder). The password is set by prepare_root, so that the bare
  // data dir holds none and serves every project.
  void create_data_dir(const ServerLayout& layout) const override {
    ProcessOptions options;
    options.argv = {(bin_dir_ / "initdb").string(), "-D", layout.data_dir.string()};
    const std::vector<std::string> shaping = data_dir_options();
    options.argv.insert(options.argv.end(), shaping.begin(), shaping.end());
    options.run_as = run_as_;
    options.output_file = layout.init_log.string();
    const RunResult result = run(options);
    if (result.exit_code != 0) {
      throw util::RuntimeError("initdb failed (exit " + std::to_string(result.exit_code) + ")",
                               "see " + layout.init_log.string());
    }
  }

  // initdb also writes the time zone it finds (TZ, else /etc/localtime) into
  // postgresql.conf.
  std::string data_dir_recipe() const override {
    std::string recipe = (bin_dir_ / "initdb").string() + " uid " + std::to_string(run_as_ ? run_as_->uid : geteuid());
    for (const std::string& option : data_dir_options()) recipe += " " + option;
    const char* zone = std::getenv("TZ");
    std::error_code ignored;
    return recipe + " TZ=" + (zone ? zone : "") + " localtime=" + fs::read_symlink("/etc/localtime", ignored).string();
  }

  ProcessOptions server_process(const ServerLayout& layout, int port, bool socket_only) const override {
    ProcessOptions options;
    options.argv = {(bin_dir_ / "postgres").string(), "-D", layout.data_dir.string(), "-p", std::to_string(port), "-k",
                    layout.run_dir.string(), "-c", std::string("listen_addresses=") + (socket_only ? "" : "127.0.0.1"),
                    // A development database: durability is traded for speed.
                    "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
                    // Little WAL kept (with initdb's 1 MiB segments): 42 MiB after the
                    // example's init instead of 54.
                    "-c", "min_wal_size=2MB", "-c", "max_wal_size=16MB",
                    // Small and idle (bench/idle_memory.sh); settings win. No autovacuum and
                    // no background workers: throwaway data, reset more often than it ages.
                    "-c", "shared_buffers=16MB", "-c", "autovacuum=off", "-c", "max_worker_processes=0"};
    for (const auto& [name, value] : server_.settings) {
      for (std::string& argument : server_.engine.setting_arguments(name, value)) options.argv.push_back(argument);
    }
    options.run_as = run_as_;
    options.output_file = layout.server_log.string();
    options.new_session = true;
    return options;
  }

  db::Endpoint socket_endpoint(const ServerLayout& layout, int port, bool) const override {
    return {layout.run_dir.string(), port, server_.root_user, "", "postgres"};
  }

  db::Endpoint tcp_endpoint(int port) const override {
    return {"", port, server_.root_user, server_.root_password.value, "postgres"};
  }

  // The password as its SCRAM verifier, as the server would store it: the plain text
  // never reaches SQL (nor a log_statement log), and settings cannot change how its
  // literal reads.
  void prepare_root(const ServerLayout& layout, int port) const override {
    auto session = db::connect(sqltext::Dialect::Postgres, socket_endpoint(layout, port, false));
    session->execute("SET standard_conforming_strings = on");
    session->execute(
        "ALTER ROLE " + sqltext::quote_identifier(server_.root_user, sqltext::Dialect::Postgres) + " PASSWORD " +
        sqltext::quote_string(generator::postgres_scram_verifier(server_.root_user, server_.root_password.value),
                              sqltext::Dialect::Postgres));
  }

  void prepare_run_dir(const ServerLayout&) const override {}

  fs::path pid_file(const ServerLayout& layout) const override { return layout.data_dir / "postmaster.pid"; }

  std::vector<std::string> script_client(const ServerLayout& layout, int port) const override {
    return {psql_.string(),
            "-X",
            "-v",
            "ON_ERROR_STOP=1",
            "--no-password",
            "-h",
            layout.run_dir.string(),
            "-p",
            std::to_string(port),
            "--username",
            server_.root_user,
            "--dbname",
            "postgres"};
  }

  void attach_script(ProcessOptions& client, const fs::path& file) const override {
    client.argv.insert(client.argv.end(), {"-f", file.string()});
  }

  std::vector<std::pair<std::string, std::string>> script_environment(const ServerLayout& layout,
                                                                      int port) const override {
    return {{"POSTGRES_USER", server_.root_user}, {"POSTGRES_PASSWORD", server_.root_password.value},
            {"POSTGRES_DB", "postgres"},          {"PGDATA", layout.data_dir.string()},
            {"PGHOST", layout.run_dir.string()},  {"PGPORT", std::to_string(port)},
            {"PGUSER", server_.root_user}};
  }

  // Of the server's own version: pg_dump refuses a newer server.
  fs::path tool(const std::string& name) const override {
    std::optional<fs::path> found = find_program(name, {bin_dir_});
    if (!found) {
      throw util::RuntimeError("server " + server_.name + ": " + name + " is not installed",
                               std::string(server_.engine.packages_to_install()));
    }
    return *found;
  }

  ProcessOptions shell(const ServerLayout&, int port, const std::string& database,
                       const config::User* user) const override {
    const engine::ClientCommand client =
        server_.engine.tcp_client(psql_.string(), port, user ? user->name : server_.root_user, database);
    ProcessOptions options;
    options.argv = client.argv;
    options.environment = {{client.password_variable, user ? user->password.value : server_.root_password.value}};
    return options;
  }

 private:
  // What create_data_dir passes besides the data dir: all that shapes its files.
  std::vector<std::string> data_dir_options() const {
    return {"-U",
            server_.root_user,
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
            "--no-sync",
            "--no-instructions",
            "--encoding=" + server_.charset,
            "--locale=C.UTF-8",
            "--wal-segsize=1"};
  }

  const config::Server& server_;
  fs::path bin_dir_;
  fs::path psql_;
  std::optional<RunAs> run_as_;
  mutable std::optional<std::string> version_;
};

// The packages' versions side by side (/usr/lib/postgresql/<major>): config.toml's
// `version` picks one, and a version the machine lacks is an error rather than a
// silent other major (whose data dirs and functions differ).
std::vector<fs::path> bin_dirs_for(const config::Server& server) {
  const std::vector<fs::path> installed = debian_postgres_bin_dirs();
  if (!server.bin_dir.empty()) {
    std::vector<fs::path> dirs = {server.bin_dir};
    dirs.insert(dirs.end(), installed.begin(), installed.end());
    return dirs;
  }
  if (server.version.empty() || installed.empty()) return installed;
  const std::string wanted = server.engine.major_version(server.version);
  std::vector<std::string> versions;
  for (const fs::path& dir : installed) {
    const std::string version = dir.parent_path().filename().string();
    if (version == wanted) return {dir};
    versions.push_back(version);
  }
  std::string list;
  for (const std::string& version : versions) list += (list.empty() ? "" : ", ") + version;
  throw util::RuntimeError("server " + server.name + ": version = \"" + server.version +
                               "\" is not installed here (installed: PostgreSQL " + list + ")",
                           "apt-get install postgresql-" + wanted + ", or set servers." + server.name +
                               ".version to an installed one (or remove it: the newest is used)");
}

}  // namespace

std::unique_ptr<NativeEngine> make_postgres_native_engine(const config::Server& server) {
  const std::vector<fs::path> dirs = bin_dirs_for(server);
  std::optional<fs::path> postgres;
  for (const fs::path& dir : dirs) {
    if (!postgres && fs::exists(dir / "postgres") && fs::exists(dir / "initdb")) postgres = dir / "postgres";
  }
  const std::optional<fs::path> psql = find_program("psql", dirs);
  if (!postgres || !psql) {
    throw util::RuntimeError("server " + server.name + ": postgres, initdb and psql are not installed",
                             std::string(server.engine.packages_to_install()) + " (or set servers." + server.name +
                                 ".bin_dir), or run with --runtime compose");
  }
  return std::make_unique<PostgresNativeEngine>(server, postgres->parent_path(), *psql);
}

}  // namespace devenv::runtime
