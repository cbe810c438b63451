#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "db/session.h"
#include "generator/remote_script.h"
#include "runtime/remote_registry.h"
#include "runtime/server.h"

namespace devenv::runtime {

// A shared server that exists already (runtime = "remote", docs/remote.md): devenv
// makes the config's databases and users there, each named with this developer's
// prefix, records each in the server's registry (remote_registry.h), and only ever
// drops or remakes what the registry records under that prefix. It starts and stops
// nothing: `down` leaves the server alone.
class SessionPool;

class RemoteServer final : public Server {
 public:
  RemoteServer(const config::Config& config, const config::Server& server, Progress progress);

  const config::Server& server() const override { return server_; }
  const std::string& prefix() const { return remote_.prefix; }
  ServerStatus status() const override;
  // Makes what is missing, and what an interrupted up left half made; with
  // reset_on_change also what the sources changed.
  UpResult up(bool reset_on_change, const ResetRequest& reset) override;
  // Drops and makes again this prefix's databases: only those whose sources changed
  // (and any missing) when request.only_changed, else all of them.
  UpResult reset(const ResetRequest& request) override;
  bool resets_in_place(const ResetRequest&) const override { return true; }
  void stop() override;
  // Drops this prefix's registered databases and users; returns what it dropped.
  std::vector<std::string> purge() override;
  std::string live_prefix() const override { return remote_.prefix; }
  std::vector<std::string> registered_databases() const override;
  std::string host() const override { return remote_.host; }
  int port() const override { return remote_.port; }
  db::Endpoint tcp_endpoint() const override;
  ProcessOptions shell(const std::string& database, const config::User* user) const override;
  ProcessOptions dump_database(const std::string& database) const override;
  ProcessOptions load_database(const std::string& database) const override;
  LogCommand logs(const LogRequest& request) const override;

  // Every row of the server's registry, every prefix's (`devenv remote list`).
  std::vector<RegistryEntry> registry_entries() const;
  // Drops what the registry records under `prefix`, databases first, and forgets it
  // (down --purge for this developer's; `devenv remote prune` for stale ones). Returns
  // one line: the server, and how many databases and users (a few of their names).
  // With `unused_since` (a prune), a prefix used after that time (by the server's clock)
  // is kept, checked once the lock is held; then nothing is returned.
  std::vector<std::string> drop_prefix(const std::string& prefix, std::optional<std::int64_t> unused_since = {});
  std::string address(int) const override { return address_; }
  // The server's clock (registry times are its own), seconds since 1970.
  std::int64_t server_time() const;

  // A session as the admin on `database` ("" the engine's fallback), retried with
  // backoff while the server cannot be reached; then a RuntimeError naming it.
  std::unique_ptr<db::Session> admin_session(const std::string& database = "") const;

 private:
  struct Target {
    const config::Database* database;
    std::string name;      // as the config names it
    bool present = false;  // it existed when `up` or `reset` looked (then it is this prefix's)
  };
  enum class Remake { Missing, Changed, All };

  std::vector<Target> targets() const;
  std::vector<std::pair<std::string, std::string>> accounts() const;
  std::string init_account() const;
  void revoke_foreign_init_grants(db::Session& admin) const;
  db::Endpoint init_endpoint() const;
  std::string fingerprint_of(const Target& target) const;
  UpResult converge(Remake remake, unsigned jobs, const std::string& action);
  std::set<std::string> account_names(db::Session& admin) const;
  void lock_prefix(db::Session& admin, const std::string& prefix) const;
  void refuse_foreign(db::Session& admin, const std::vector<std::string>& existing) const;
  void make_users(db::Session& admin, const std::vector<RegistryEntry>& mine);
  std::vector<std::vector<Target>> batches(const std::vector<Target>& targets) const;
  void make_databases(const std::vector<Target>& targets, unsigned jobs);
  void make_database(Target& target, db::Session& admin);
  void create_database(Target& target, const std::vector<std::string>& create, db::Session& admin) const;
  void make_database_retrying(const Target& target, SessionPool& pool);
  std::string where() const;

  const config::Config& config_;
  const config::Server& server_;
  const config::RemoteSettings& remote_;
  Progress progress_;
  RemoteRegistry registry_;
  // Mutable: status() compares fingerprints, and a source is compiled on first use.
  mutable generator::RemoteScripts scripts_;
  mutable std::mutex scripts_mutex_;
  std::string address_;        // host:port
  std::string init_password_;  // init_account()'s, new each run
};

}  // namespace devenv::runtime
