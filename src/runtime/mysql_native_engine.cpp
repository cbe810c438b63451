// mariadbd (MariaDB) or mysqld (MySQL) from the machine's packages.
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <regex>

#include "db/session.h"
#include "runtime/find_program.h"
#include "runtime/native_engine.h"
#include "runtime/program_version.h"
#include "sqltext/identifier.h"
#include "util/runtime_error.h"

namespace devenv::runtime {
namespace {

namespace fs = std::filesystem;

// A value in a MySQL/MariaDB option file: in double quotes, so that `#` starts no
// comment and spaces at either end stay, with `\` and `"` escaped as the clients
// read them back.
std::string option_value(const std::string& value) {
  std::string out = "\"";
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

std::string literal(const std::string& value) { return sqltext::quote_string(value, sqltext::Dialect::MySQL); }

class MySqlNativeEngine final : public NativeEngine {
 public:
  MySqlNativeEngine(const config::Server& server, fs::path daemon, std::optional<fs::path> install_db, fs::path client)
      : server_(server), daemon_(std::move(daemon)), install_db_(std::move(install_db)), client_(std::move(client)) {}

  std::string version() const override {
    if (!version_) {
      version_ = program_version(daemon_, [&] {
        const RunResult result = run({{daemon_.string(), "--version"}});
        std::smatch match;
        static const std::regex pattern("Ver ([0-9][0-9.]*)");
        return std::regex_search(result.output, match, pattern) ? match[1].str() : std::string("unknown");
      });
    }
    return *version_;
  }

  std::optional<RunAs> run_as() const override { return std::nullopt; }
  int stop_signal() const override { return SIGTERM; }  // mariadbd ignores SIGINT

  void create_data_dir(const ServerLayout& layout) const override {
    ProcessOptions options;
    if (install_db_) {
      options.argv = {install_db_->string(), "--no-defaults", "--datadir=" + layout.data_dir.string(),
                      "--tmpdir=" + layout.tmp_dir.string()};
    } else {  // MySQL 8: the server initialises its own data dir
      options.argv = {daemon_.string(), "--no-defaults", "--initialize-insecure",
                      "--datadir=" + layout.data_dir.string(), "--tmpdir=" + layout.tmp_dir.string()};
    }
    const std::vector<std::string> shaping = data_dir_options();
    options.argv.insert(options.argv.end(), shaping.begin(), shaping.end());
    options.output_file = layout.init_log.string();
    const RunResult result = run(options);
    if (result.exit_code != 0) {
      throw util::RuntimeError(
          "creating the data dir failed (" + options.argv[0] + " exited " + std::to_string(result.exit_code) + ")",
          "see " + layout.init_log.string());
    }
  }

  std::string data_dir_recipe() const override {
    std::string recipe = (install_db_ ? install_db_->string() : daemon_.string()) + " uid " + std::to_string(geteuid());
    for (const std::string& option : data_dir_options()) recipe += " " + option;
    return recipe;
  }

  ProcessOptions server_process(const ServerLayout& layout, int port, bool socket_only) const override {
    ProcessOptions options;
    options.argv = {daemon_.string(), "--no-defaults", "--datadir=" + layout.data_dir.string(),
                    "--socket=" + layout.socket.string(),
                    // Its own tmpdir: at start MariaDB deletes #sql* files in it, which
                    // would be other servers' temporary tables in a shared /tmp.
                    "--tmpdir=" + layout.tmp_dir.string(), "--pid-file=" + pid_file(layout).string(),
                    "--port=" + std::to_string(port), "--skip-name-resolve", "--skip-log-bin",
                    "--character-set-server=" + server_.charset, "--innodb-log-file-size=8M",
                    // A development database: durability is traded for speed.
                    "--innodb-flush-log-at-trx-commit=2",  // survives a crash of the server, not of the OS
                    "--innodb-doublewrite=0", "--innodb-buffer-pool-dump-at-shutdown=0",
                    "--innodb-buffer-pool-load-at-startup=0",
                    // ibdata1 grows by 1 MiB instead of 64: a data dir of 30 MiB instead of 93 after
                    // the example's init, and as much less to copy on every reset.
                    "--innodb-autoextend-increment=1",
                    // The temporary tablespace is written out in full at every start: 1 MiB, not 12.
                    "--innodb-temp-data-file-path=ibtmp1:1M:autoextend",
                    // Small and idle: a third less memory (bench/idle_memory.sh); settings win.
                    "--innodb-buffer-pool-size=8M", "--innodb-log-buffer-size=2M", "--key-buffer-size=1M",
                    "--aria-pagecache-buffer-size=1M", "--performance-schema=OFF"};
    if (!server_.collation.empty()) options.argv.push_back("--collation-server=" + server_.collation);
    options.argv.push_back(socket_only ? "--skip-networking" : "--bind-address=127.0.0.1");
    add_root_user_flag(options.argv);
    for (const auto& [name, value] : server_.settings) {
      for (std::string& argument : server_.engine.setting_arguments(name, value)) options.argv.push_back(argument);
    }
    options.output_file = layout.server_log.string();
    options.new_session = true;
    return options;
  }

  db::Endpoint socket_endpoint(const ServerLayout& layout, int port, bool with_password) const override {
    return {layout.socket.string(), port, server_.root_user, with_password ? server_.root_password.value : "", ""};
  }

  db::Endpoint tcp_endpoint(int port) const override {
    return {"", port, server_.root_user, server_.root_password.value, ""};
  }

  // As the official image: root gets its password on localhost and a root@'%'
  // account for TCP. A client option file (0600) keeps the password off command lines.
  void prepare_root(const ServerLayout& layout, int port) const override {
    auto session = db::connect(sqltext::Dialect::MySQL, {layout.socket.string(), port, "root", "", ""});
    // The literals below are quoted for the default mode: `settings` may have set
    // NO_BACKSLASH_ESCAPES, which would read a password's `\` otherwise.
    session->execute("SET SESSION sql_mode = ''");
    const std::string password = literal(server_.root_password.value);
    const std::string user = literal(server_.root_user);
    // mariadb-install-db also makes password-less root@127.0.0.1, @::1 and @<hostname>;
    // over TCP they would win over root@'%'. The official entrypoint drops them too.
    for (const std::string& host :
         session->column("SELECT host FROM mysql.user WHERE user = 'root' AND host <> 'localhost'")) {
      session->execute("DROP USER 'root'@" + literal(host));
    }
    if (server_.root_user != "root") {
      session->execute("RENAME USER 'root'@'localhost' TO " + user + "@'localhost'");
    }
    session->execute("ALTER USER " + user + "@'localhost' IDENTIFIED BY " + password);
    session->execute("CREATE USER " + user + "@'%' IDENTIFIED BY " + password);
    session->execute("GRANT ALL PRIVILEGES ON *.* TO " + user + "@'%' WITH GRANT OPTION");
  }

  void prepare_run_dir(const ServerLayout& layout) const override { write_client_options(layout); }

  fs::path pid_file(const ServerLayout& layout) const override { return layout.run_dir / "server.pid"; }

  // --comments: the client sends statements as written, comments inside routine and
  // trigger bodies included, as devenv's own sessions do (a reset in place,
  // session_script.h); without it the client cuts them out, and the bodies differ.
  std::vector<std::string> script_client(const ServerLayout& layout, int) const override {
    return {client_.string(), "--defaults-file=" + client_options(layout).string(), "--comments"};
  }

  void attach_script(ProcessOptions& client, const fs::path& file) const override { client.stdin_file = file.string(); }

  // A script's plain `mariadb -uroot -p…` must reach this server's socket, as in the
  // image. Debian's /etc/mysql/my.cnf names another socket and beats
  // MYSQL_UNIX_PORT, but clients read $MARIADB_HOME/my.cnf (MySQL: $MYSQL_HOME) after it.
  std::vector<std::pair<std::string, std::string>> script_environment(const ServerLayout& layout,
                                                                      int port) const override {
    const std::string home = script_home(layout).string();
    return {{"MYSQL_ROOT_PASSWORD", server_.root_password.value},
            {"MARIADB_ROOT_PASSWORD", server_.root_password.value},
            {"MARIADB_HOME", home},
            {"MYSQL_HOME", home},
            {"MYSQL_UNIX_PORT", layout.socket.string()},
            {"MYSQL_TCP_PORT", std::to_string(port)}};
  }

  // Beside the client; MariaDB's mariadb-dump is mysqldump in older packages.
  fs::path tool(const std::string& name) const override {
    std::optional<fs::path> found = find_program(name, {client_.parent_path()});
    if (!found && name == "mariadb-dump") found = find_program("mysqldump", {client_.parent_path()});
    if (!found) {
      throw util::RuntimeError("server " + server_.name + ": " + name + " is not installed",
                               std::string(server_.engine.packages_to_install()));
    }
    return *found;
  }

  ProcessOptions shell(const ServerLayout& layout, int port, const std::string& database,
                       const config::User* user) const override {
    ProcessOptions options;
    if (!user) {
      options.argv = {client_.string(), "--defaults-file=" + client_options(layout).string(), database};
      return options;
    }
    const engine::ClientCommand client = server_.engine.tcp_client(client_.string(), port, user->name, database);
    options.argv = client.argv;
    options.argv.insert(options.argv.begin() + 1, "--no-defaults");  // must come first
    options.environment = {{client.password_variable, user->password.value}};
    return options;
  }

 private:
  static fs::path client_options(const ServerLayout& layout) { return layout.run_dir / "client.cnf"; }
  static fs::path script_home(const ServerLayout& layout) { return layout.run_dir / "script-home"; }

  void write_client_options(const ServerLayout& layout) const {
    fs::create_directories(script_home(layout));
    // Init files are UTF-8 text, and the image's client (LANG=C.UTF-8) reads them as
    // utf8mb4; ours would pick latin1 from a C locale.
    const std::string charset = "default-character-set=utf8mb4\n";
    write_private_file(script_home(layout) / "my.cnf", "[client]\nsocket=" + layout.socket.string() + "\n" + charset);
    write_private_file(client_options(layout), "[client]\nuser=" + option_value(server_.root_user) +
                                                   "\npassword=" + option_value(server_.root_password.value) +
                                                   "\nsocket=" + layout.socket.string() + "\n" + charset);
  }

  // 0600 from its first byte, and never through a link at its name.
  static void write_private_file(const fs::path& file, const std::string& text) {
    const int fd = open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0600);
    if (fd < 0) throw util::RuntimeError("cannot write " + file.string() + ": " + std::strerror(errno));
    const bool written = fchmod(fd, 0600) == 0 && write(fd, text.data(), text.size()) == ssize_t(text.size());
    close(fd);
    if (!written) throw util::RuntimeError("cannot write " + file.string() + ": " + std::strerror(errno));
  }

  // What create_data_dir passes besides paths: all that shapes the bare data dir.
  // The config's settings too: some hold only from a data dir's creation on
  // (innodb_page_size, lower_case_table_names), and install-db passes them to the
  // server it runs.
  std::vector<std::string> data_dir_options() const {
    std::vector<std::string> options;
    if (install_db_) {
      options = {"--auth-root-authentication-method=normal", "--skip-test-db", "--skip-name-resolve",
                 "--innodb-log-file-size=8M"};
    }
    add_root_user_flag(options);
    for (const auto& [name, value] : server_.settings) {
      for (std::string& argument : server_.engine.setting_arguments(name, value)) options.push_back(argument);
    }
    return options;
  }

  static void add_root_user_flag(std::vector<std::string>& argv) {
    if (geteuid() == 0) argv.push_back("--user=root");  // mariadbd refuses root without it
  }

  const config::Server& server_;
  fs::path daemon_;
  std::optional<fs::path> install_db_;
  fs::path client_;
  mutable std::optional<std::string> version_;
};

}  // namespace

// config.toml's `version` names what the team runs; the native runtime runs the one
// the machine has, so another major (MariaDB 11 asked, 10.11 installed) is an error
// that says which is installed. MySQL is not packaged here: `engine = "mysql"` runs
// whatever mysqld the machine has (bin_dir), unchecked.
static void check_version(const config::Server& server, const std::string& installed, const fs::path& daemon) {
  if (server.version.empty() || server.engine.kind() != engine::Engine::Kind::MariaDB || installed == "unknown") return;
  if (server.engine.major_version(server.version) == server.engine.major_version(installed)) return;
  throw util::RuntimeError("server " + server.name + ": version = \"" + server.version + "\" is not installed here (" +
                               daemon.string() + " is MariaDB " + installed + ")",
                           "set servers." + server.name + ".version = \"" + server.engine.major_version(installed) +
                               "\" (or remove it), install that version, or run with --runtime compose");
}

std::unique_ptr<NativeEngine> make_mysql_native_engine(const config::Server& server) {
  const std::vector<fs::path> dirs =
      server.bin_dir.empty() ? std::vector<fs::path>{} : std::vector<fs::path>{server.bin_dir};
  const bool mariadb = server.engine.kind() == engine::Engine::Kind::MariaDB;
  std::optional<fs::path> daemon = find_program(server.engine.server_program(), dirs);
  if (!daemon && mariadb) daemon = find_program("mysqld", dirs);
  std::optional<fs::path> install_db = mariadb ? find_program("mariadb-install-db", dirs) : std::nullopt;
  std::optional<fs::path> client = find_program("mariadb", dirs);
  if (!client) client = find_program("mysql", dirs);
  if (!daemon || (mariadb && !install_db) || !client) {
    throw util::RuntimeError(std::string("server ") + server.name + ": " + server.engine.server_program() +
                                 " and its client are not installed",
                             std::string(server.engine.packages_to_install()) + " (or set servers." + server.name +
                                 ".bin_dir), or run with --runtime compose");
  }
  auto engine = std::make_unique<MySqlNativeEngine>(server, *daemon, install_db, *client);
  check_version(server, engine->version(), *daemon);
  return engine;
}

}  // namespace devenv::runtime
