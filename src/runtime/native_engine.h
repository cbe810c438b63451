#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "config/config.h"
#include "db/endpoint.h"
#include "runtime/process.h"
#include "runtime/server_layout.h"

namespace devenv::runtime {

// What differs between running mariadbd/mysqld and postgres from the machine's own
// packages. One implementation per engine family; callers never branch on engine.
class NativeEngine {
 public:
  virtual ~NativeEngine() = default;

  virtual std::string version() const = 0;  // e.g. "10.11.9-MariaDB", "15.18"
  virtual std::optional<RunAs> run_as() const = 0;
  virtual int stop_signal() const = 0;

  // Turns an empty data dir into a bare one (mariadb-install-db / initdb): no root
  // password yet, no init scripts run. Its files depend only on the engine's version
  // and on data_dir_recipe(), so one bare data dir serves every project on the machine.
  virtual void create_data_dir(const ServerLayout& layout) const = 0;
  // Everything besides the version that shapes create_data_dir's files: its options
  // (the root user's name, encoding, locale) and who owns them.
  virtual std::string data_dir_recipe() const = 0;
  virtual ProcessOptions server_process(const ServerLayout& layout, int port, bool socket_only) const = 0;

  // Root over the socket, as the init scripts run; and over TCP, as users connect.
  virtual db::Endpoint socket_endpoint(const ServerLayout& layout, int port, bool with_password) const = 0;
  virtual db::Endpoint tcp_endpoint(int port) const = 0;

  // After create_data_dir, on the socket-only server: what the official image does
  // before running init scripts (root's password; MySQL: root@'%').
  virtual void prepare_root(const ServerLayout& layout, int port) const = 0;
  // The file a running server (or init server) keeps its pid in: while it exists, a
  // server may run on the data dir.
  virtual std::filesystem::path pid_file(const ServerLayout& layout) const = 0;
  // Before every start: files in the run dir the clients need (MySQL: root's client
  // option file), which a data dir from the cache did not bring.
  virtual void prepare_run_dir(const ServerLayout& layout) const = 0;

  // The client command that runs one SQL script from stdin, as the official image does.
  virtual std::vector<std::string> script_client(const ServerLayout& layout, int port) const = 0;
  // Gives an uncompressed script to the script client as the image does (MySQL: on
  // stdin; psql: -f, so that its errors name the file).
  virtual void attach_script(ProcessOptions& client, const std::filesystem::path& file) const = 0;
  // Environment the images give init scripts (`.sh` files).
  virtual std::vector<std::pair<std::string, std::string>> script_environment(const ServerLayout& layout,
                                                                              int port) const = 0;
  // Another program of the same packages (mariadb-dump, pg_dump, pg_restore); the
  // version beside the server's first. util::RuntimeError naming the package to
  // install when it is missing.
  virtual std::filesystem::path tool(const std::string& name) const = 0;
  // An interactive client on `database`, as `user` over TCP (empty: root).
  virtual ProcessOptions shell(const ServerLayout& layout, int port, const std::string& database,
                               const config::User* user) const = 0;
};

// Whether the server's processes run as another user than devenv (PostgreSQL
// started by root runs as `postgres`): its data and run dirs must then be reachable
// by that user.
bool runs_as_other_user(const config::Server& server);

// Finds the server's programs (bin_dir from the config, then PATH and the Debian
// locations). Missing programs: util::RuntimeError naming the package to install.
std::unique_ptr<NativeEngine> make_native_engine(const config::Server& server);

}  // namespace devenv::runtime
