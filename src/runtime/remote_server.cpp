#include "runtime/remote_server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <regex>
#include <set>
#include <thread>

#include "config/table_reader.h"
#include "generator/output_files.h"
#include "runtime/session_script.h"
#include "sqltext/source_error.h"
#include "util/host_and_port.h"
#include "util/interrupt.h"
#include "util/parallel.h"
#include "util/random.h"
#include "util/runtime_error.h"
#include "util/sha256.h"

namespace devenv::runtime {

namespace {

using Clock = std::chrono::steady_clock;

// Tries to reach the server before giving up, waiting 0.5, 1, 2 s between them; and
// tries to make one database when the connection is lost on the way.
constexpr int kConnectTries = 4;
constexpr int kDatabaseTries = 3;
constexpr int kLockWaitSeconds = 600;
constexpr unsigned kDefaultJobs = 4;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// A wrong password or a missing database does not heal by waiting.
bool worth_retrying(const std::string& message) {
  static const std::regex permanent(
      "Access denied|password authentication failed|does not exist|Unknown database|"
      "no pg_hba.conf entry|certificate|SSL|TLS",
      std::regex::icase);
  return !std::regex_search(message, permanent);
}

// "1001 databases (alice_hydra, alice_partition_001, … alice_unkey) and 1 user
// (alice_app)": what a drop is about to remove, short however many there are.
std::string listing(const std::vector<RegistryEntry>& entries) {
  std::string out;
  for (const char* kind : {kRegistryDatabase, kRegistryUser}) {
    std::vector<std::string> names;
    for (const RegistryEntry& entry : entries) {
      if (entry.kind == kind) names.push_back(entry.name);
    }
    if (names.empty()) continue;
    const std::size_t count = names.size();
    if (count > 4) {  // the first two, "…", the last
      names.erase(names.begin() + 2, names.end() - 1);
      names.insert(names.begin() + 2, "…");
    }
    out += (out.empty() ? "" : " and ") + std::to_string(count) + " " + kind + (count == 1 ? "" : "s") + " (" +
           config::join_words(names) + ")";
  }
  return out.empty() ? "nothing" : out;
}

// The connection went away under a statement (a network fault, a server restart, a
// DBA's KILL) or the server chose this session as a deadlock's victim: the same work
// on a new connection may well succeed.
bool is_transient(const std::string& message) {
  static const std::regex transient(
      "Lost connection to (MySQL|MariaDB)? ?server|server has gone away|Connection was killed|"
      "Deadlock found when trying to get lock|Lock wait timeout exceeded|terminating connection due to|"
      "server closed the connection unexpectedly|no connection to the server|could not receive data from server|"
      "could not send data to server|deadlock detected|Broken pipe|Connection reset by peer",
      std::regex::icase);
  return std::regex_search(message, transient);
}

// "CREATE DATABASE IF NOT EXISTS x …" → "CREATE DATABASE x …".
std::string strict_create(std::string sql) {
  const std::string loose = "CREATE DATABASE IF NOT EXISTS ";
  if (sql.starts_with(loose)) sql = "CREATE DATABASE " + sql.substr(loose.size());
  return sql;
}

// make_database lost its connection (is_transient): the caller tries again on another.
struct TransientFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// "schemas/main.sql:12": the `-- file:line` comment the writer put before the statement
// at `line` of a generated script (generator/script_writer.h).
std::string source_place(const std::string& script, std::size_t line) {
  static const std::regex comment("^-- (.+:[0-9]+)$");
  std::string place;
  std::size_t number = 0;
  for (std::size_t start = 0; start < script.size() && number < line;) {
    const std::size_t end = std::min(script.find('\n', start), script.size());
    ++number;
    std::smatch match;
    const std::string text = script.substr(start, end - start);
    if (std::regex_match(text, match, comment)) place = match[1].str();
    start = end + 1;
  }
  return place;
}

}  // namespace

// Sessions for the workers of a parallel init, each reused for the next database.
class SessionPool {
 public:
  explicit SessionPool(const RemoteServer& server) : server_(server) {}
  std::unique_ptr<db::Session> take() {
    {
      std::lock_guard lock(mutex_);
      if (!free_.empty()) {
        auto session = std::move(free_.back());
        free_.pop_back();
        return session;
      }
    }
    return server_.admin_session();
  }
  void give_back(std::unique_ptr<db::Session> session) {
    std::lock_guard lock(mutex_);
    free_.push_back(std::move(session));
  }

 private:
  const RemoteServer& server_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<db::Session>> free_;
};

namespace {

const config::RemoteSettings& readable(const config::Server& server) {
  if (server.remote->failure) std::rethrow_exception(server.remote->failure);
  return *server.remote;
}

}  // namespace

RemoteServer::RemoteServer(const config::Config& config, const config::Server& server, Progress progress)
    : config_(config),
      server_(server),
      remote_(readable(server)),
      progress_(std::move(progress)),
      registry_(server.engine),
      scripts_(config, server, server.remote->prefix),
      address_(util::host_and_port(remote_.host, remote_.port)),
      init_password_(util::random_hex(16)) {}

std::string RemoteServer::where() const { return address_; }

db::Endpoint RemoteServer::tcp_endpoint() const {
  db::Endpoint endpoint;
  endpoint.host = remote_.host;
  endpoint.port = remote_.port;
  endpoint.user = remote_.admin_user;
  endpoint.password = remote_.admin_password.value;
  endpoint.tls = remote_.tls;
  endpoint.ca_file = remote_.ca_file.string();
  endpoint.read_timeout_seconds = remote_.read_timeout;
  endpoint.connect_timeout_seconds = remote_.connect_timeout;
  return endpoint;
}

db::Endpoint RemoteServer::init_endpoint() const {
  db::Endpoint endpoint = tcp_endpoint();
  if (init_account().empty()) return endpoint;
  endpoint.user = init_account();
  endpoint.password = init_password_;
  return endpoint;
}

std::unique_ptr<db::Session> RemoteServer::admin_session(const std::string& database) const {
  db::Endpoint endpoint = tcp_endpoint();
  endpoint.database = database;
  std::string last;
  for (int attempt = 0; attempt < kConnectTries; ++attempt) {
    if (attempt > 0) {
      progress_("cannot reach " + where() + " (" + last + "); trying again");
      std::this_thread::sleep_for(std::chrono::milliseconds(500 << (attempt - 1)));
    }
    util::throw_if_interrupted();
    try {
      return db::connect(server_.engine.dialect(), endpoint);
    } catch (const db::DbError& e) {
      last = e.what();
      if (!worth_retrying(last)) break;
    }
  }
  throw util::RuntimeError(
      "servers." + server_.name + ": cannot reach the shared server " + where() + " as " + remote_.admin_user + ": " +
          last,
      "check servers." + server_.name + ".url (host, port, the admin's password), tls and ca_file in " +
          config_.file.filename().string() + ", and that the server is up and reachable from here");
}

// What a database would be made from now; "" when a source cannot be read (status
// must still answer while a schema file is broken).
std::string RemoteServer::fingerprint_of(const Target& target) const {
  std::lock_guard lock(scripts_mutex_);
  try {
    return scripts_.fingerprint(*target.database, target.name);
  } catch (const sqltext::SourceError&) {
    return "";
  }
}

std::vector<RemoteServer::Target> RemoteServer::targets() const {
  std::vector<Target> out;
  for (const config::Database* database : config_.databases_on(server_.name)) {
    for (const std::string& name : database->names) out.push_back({database, name});
  }
  return out;
}

ServerStatus RemoteServer::status() const {
  ServerStatus status;
  status.port = remote_.port;
  std::unique_ptr<db::Session> admin;
  try {
    admin = db::connect(server_.engine.dialect(), tcp_endpoint());
  } catch (const db::DbError& e) {
    status.health = Health::Crashed;
    status.failure = "cannot reach " + where() + ": " + e.what();
    return status;
  }
  status.version = admin->column(server_.engine.version_query()).at(0);
  registry_.create(*admin);
  const std::vector<RegistryEntry> mine = registry_.entries(*admin, remote_.prefix);
  const std::vector<std::string> existing = admin->column(scripts_.writer().list_databases());
  std::size_t ready = 0;
  std::vector<std::string> unfinished;
  for (const Target& target : targets()) {
    const std::string live = scripts_.live_name(target.name);
    const auto entry = std::find_if(mine.begin(), mine.end(), [&](const RegistryEntry& e) {
      return e.kind == kRegistryDatabase && e.name == live;
    });
    if (entry == mine.end()) continue;
    if (entry->state != kReady) {
      unfinished.push_back(live);
    } else if (std::find(existing.begin(), existing.end(), live) != existing.end()) {
      ++ready;
      status.schema_changed = status.schema_changed || entry->fingerprint != fingerprint_of(target);
    }
  }
  if (!unfinished.empty()) {
    status.health = Health::InitFailed;
    status.failure = "the init of " + unfinished.front() +
                     (unfinished.size() > 1 ? " and " + std::to_string(unfinished.size() - 1) + " more" : "") +
                     " did not finish; `devenv up` makes them again";
  } else {
    status.health = ready == targets().size() ? Health::Running : Health::NotInitialised;
  }
  return status;
}

UpResult RemoteServer::up(bool reset_on_change, const ResetRequest& reset) {
  return converge(reset_on_change ? Remake::Changed : Remake::Missing, reset.jobs, kInitialised);
}

UpResult RemoteServer::reset(const ResetRequest& request) {
  return converge(request.only_changed ? Remake::Changed : Remake::All, request.jobs, kResetInPlace);
}

UpResult RemoteServer::converge(Remake remake, unsigned jobs, const std::string& action) {
  const auto started = Clock::now();
  const auto admin = admin_session();
  lock_prefix(*admin, remote_.prefix);
  registry_.create(*admin);
  const std::vector<RegistryEntry> mine = registry_.entries(*admin, remote_.prefix);
  const std::vector<std::string> existing = admin->column(scripts_.writer().list_databases());
  refuse_foreign(*admin, existing);
  registry_.touch(*admin, remote_.prefix);  // after the refusal: a refused prefix leaves no row
  const std::filesystem::path init_dir = config_.dir / "initdb" / server_.name;
  if (!generator::holds_only_generated_files(init_dir)) {
    progress_("initdb/" + server_.name + "/ holds files of yours (a seed): they are not run on a shared server");
  }
  make_users(*admin, mine);
  std::vector<Target> todo;
  std::size_t kept = 0;
  bool changed = false;
  std::string every_fingerprint;  // of all the databases, in config order
  for (Target target : targets()) {
    const std::string live = scripts_.live_name(target.name);
    const auto entry = std::find_if(mine.begin(), mine.end(), [&](const RegistryEntry& e) {
      return e.kind == kRegistryDatabase && e.name == live;
    });
    const bool present = std::find(existing.begin(), existing.end(), live) != existing.end();
    target.present = present;
    const bool made = entry != mine.end() && entry->state == kReady && present;
    const std::string fingerprint = fingerprint_of(target);
    every_fingerprint += fingerprint;
    const bool same = made && entry->fingerprint == fingerprint;
    changed = changed || (made && !same);
    if (!made || remake == Remake::All || (!same && remake == Remake::Changed)) {
      todo.push_back(target);
    } else {
      ++kept;
    }
  }
  UpResult result;
  result.port = remote_.port;
  result.version = admin->column(server_.engine.version_query()).at(0);
  revoke_foreign_init_grants(*admin);
  // Idle meanwhile: a connection that is lost from here on costs nothing.
  make_databases(todo, jobs == 0 ? kDefaultJobs : jobs);
  // The prefix's own row: one fingerprint for all its databases, once they all are
  // what the sources make now (as a local server's init fingerprint).
  if (!(changed && remake == Remake::Missing)) {
    try {
      registry_.finish(*admin, kRegistryPrefix, remote_.prefix, remote_.prefix, util::sha256_hex(every_fingerprint));
    } catch (const db::DbError&) {
      // Only a record: the databases are made; the next up or reset writes it.
    }
  }
  result.seconds = seconds_since(started);
  result.schema_changed = changed && remake == Remake::Missing;
  result.action = todo.empty() ? (remake == Remake::Missing ? "already running" : kUnchanged) : action;
  result.detail = "made " + std::to_string(todo.size()) + " database(s) with prefix " + remote_.prefix + ", kept " +
                  std::to_string(kept);
  return result;
}

// Two devenvs working on one prefix at once (two checkouts, two machines of one
// developer, a prune meanwhile) would remake the same databases under each other: the
// second waits, saying so, while the first holds the server's lock of the prefix.
void RemoteServer::lock_prefix(db::Session& admin, const std::string& prefix) const {
  const auto started = Clock::now();
  bool said = false;
  while (!registry_.try_lock(admin, prefix)) {
    if (!said) progress_("waiting for another devenv working on prefix " + prefix + " on " + where());
    said = true;
    if (seconds_since(started) > kLockWaitSeconds) {
      throw util::RuntimeError("servers." + server_.name + ": another devenv has been working on prefix " + prefix +
                                   " on " + where() + " for " + std::to_string(kLockWaitSeconds / 60) + " minutes",
                               "let it finish (or stop it), then run this again");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(250));
    util::throw_if_interrupted();
  }
}

// A name this config makes there is someone else's when the registry records it
// under another prefix (whether or not it exists now: "al_" + "ice_main" and
// "al_ice_" + "main" are one name), or when it exists with no row of this prefix
// (made by hand). Refused, never dropped.
void RemoteServer::refuse_foreign(db::Session& admin, const std::vector<std::string>& existing) const {
  std::map<std::pair<std::string, std::string>, std::string> owners;  // (kind, name) → prefix of its row
  for (const RegistryEntry& entry : registry_.all_entries(admin)) owners[{entry.kind, entry.name}] = entry.prefix;
  const auto refuse_if_foreign = [&](const std::string& kind, const std::string& live, bool exists) {
    const auto owner = owners.find({kind, live});
    if (owner != owners.end() ? owner->second == remote_.prefix : !exists) return;
    throw util::RuntimeError(
        "servers." + server_.name + ": " + kind + " " + live + (exists ? " exists on " : " is named on ") + where() +
            (owner == owners.end() ? ", and devenv's registry does not record making it"
                                   : ", and devenv's registry records it under prefix " + owner->second) +
            ": devenv leaves it alone, and so cannot use prefix " + remote_.prefix,
        "if it is yours and holds nothing you need, drop it yourself; else give servers." + server_.name +
            " another prefix (prefix = \"...\" in " + config_.file.filename().string() + ")");
  };
  for (const Target& target : targets()) {
    const std::string live = scripts_.live_name(target.name);
    refuse_if_foreign(kRegistryDatabase, live, std::find(existing.begin(), existing.end(), live) != existing.end());
  }
  const std::set<std::string> accounts = account_names(admin);
  for (const auto& [live, password] : this->accounts()) refuse_if_foreign(kRegistryUser, live, accounts.contains(live));
}

// The accounts this prefix has there, by their names there, with their passwords: the
// config's users, and on the MySQL family the account the init scripts run as.
std::vector<std::pair<std::string, std::string>> RemoteServer::accounts() const {
  std::vector<std::pair<std::string, std::string>> out;
  for (const config::User& user : config_.users) {
    if (user.server == server_.name) out.emplace_back(remote_.prefix + user.name, user.password.value);
  }
  if (!init_account().empty()) out.emplace_back(init_account(), init_password_);
  return out;
}

// On the MySQL family the init scripts run as `<prefix>devenv-init`, granted only this
// prefix's databases: a schema file's CREATE USER, GRANT or write to a database the
// config does not declare is refused by the server, as it would be for the app, instead
// of running as the shared server's admin. It stays (its password changes each run,
// nobody logs in with it): it is the DEFINER of the views, routines and triggers the
// scripts make. PostgreSQL has no statement that reaches another database; its init
// runs as the admin, which hands what it made to the database's owner.
std::string RemoteServer::init_account() const {
  // '-': no [[users]] name can hold one, so none is ever this account.
  return server_.engine.dialect() == sqltext::Dialect::MySQL ? remote_.prefix + "devenv-init" : "";
}

// The user names of every account on the server (any host).
std::set<std::string> RemoteServer::account_names(db::Session& admin) const {
  std::set<std::string> names;
  for (const db::Row& row : admin.rows(scripts_.writer().list_accounts())) names.insert(row.at(0).value_or(""));
  return names;
}

void RemoteServer::make_users(db::Session& admin, const std::vector<RegistryEntry>& mine) {
  const generator::ScriptWriter& writer = scripts_.writer();
  const std::set<std::string> existing = account_names(admin);
  for (const auto& [live, password] : accounts()) {
    const bool registered = std::any_of(
        mine.begin(), mine.end(), [&](const RegistryEntry& e) { return e.kind == kRegistryUser && e.name == live; });
    if (existing.contains(live) && registered) {  // refuse_foreign refused one that exists unregistered
      admin.execute(writer.update_account(live, "%", password));
      continue;
    }
    registry_.begin(admin, kRegistryUser, live, remote_.prefix);
    try {
      admin.execute(writer.create_account(live, "%", password));
    } catch (const db::DbError& e) {
      // Someone made it meanwhile: theirs, so the row goes (as a failed strict create's).
      if (!is_transient(e.what())) registry_.forget(admin, kRegistryUser, live, remote_.prefix);
      throw;
    }
    registry_.finish(admin, kRegistryUser, live, remote_.prefix, "");
  }
}

// The init account holds rights only on databases the registry records under this
// prefix: each is granted right after its CREATE succeeded (create_database), and
// here, before any work, a right left on another name (a create that failed, an up
// killed between the grant and the create, by older versions) is taken back.
void RemoteServer::revoke_foreign_init_grants(db::Session& admin) const {
  if (init_account().empty()) return;
  std::set<std::string> mine;
  for (const RegistryEntry& entry : registry_.entries(admin, remote_.prefix)) {
    if (entry.kind == kRegistryDatabase) mine.insert(entry.name);
  }
  const generator::ScriptWriter& writer = scripts_.writer();
  const std::string account = writer.account(init_account(), "%");
  for (const std::string& pattern : admin.column(
           "SELECT Db FROM mysql.db WHERE User = " + server_.engine.quote_string(init_account()) + " AND Host = '%'")) {
    std::string name;  // GRANT … ON `alice\_main`: the database name, its wildcards escaped
    for (std::size_t i = 0; i < pattern.size(); ++i) {
      if (pattern[i] == '\\' && i + 1 < pattern.size()) ++i;
      name.push_back(pattern[i]);
    }
    if (!mine.contains(name))
      admin.execute("REVOKE ALL PRIVILEGES ON " + server_.engine.quote_identifier(pattern) + ".* FROM " + account);
  }
}

// Groups of targets that may be made at once, in order: a database whose sources
// name another database of the config starts a new group, so that everything before
// it in the config exists when it is made (as the init files run one after another).
std::vector<std::vector<RemoteServer::Target>> RemoteServer::batches(const std::vector<Target>& targets) const {
  std::vector<std::vector<Target>> out;
  const config::Database* previous = nullptr;
  for (const Target& target : targets) {
    bool waits = false;
    if (target.database != previous) {
      std::lock_guard lock(scripts_mutex_);
      waits = scripts_.names_other_databases(*target.database);
    }
    if (out.empty() || waits) out.emplace_back();
    out.back().push_back(target);
    previous = target.database;
  }
  return out;
}

// Each worker takes the next database, on a session of its own; progress at most
// once a second. After the first failure no new database is started.
void RemoteServer::make_databases(const std::vector<Target>& targets, unsigned jobs) {
  if (targets.empty()) return;
  progress_("making " + std::to_string(targets.size()) + " database(s) on " + where() + " with prefix " +
            remote_.prefix + (jobs > 1 && targets.size() > 1 ? ", " + std::to_string(jobs) + " at a time" : ""));
  SessionPool pool(*this);
  std::atomic<std::size_t> done{0};
  std::mutex said_mutex;
  auto said = Clock::now();
  for (const std::vector<Target>& batch : batches(targets)) {
    util::for_each_in_parallel(batch.size(), jobs, [&](std::size_t i) {
      make_database_retrying(batch[i], pool);
      const std::size_t count = ++done;
      std::lock_guard lock(said_mutex);
      if (count < targets.size() && seconds_since(said) >= 1.0) {
        said = Clock::now();
        progress_("made " + std::to_string(count) + "/" + std::to_string(targets.size()) + " databases");
      }
    });
  }
}

// A name that was absent: CREATE without IF NOT EXISTS. When someone made it meanwhile
// that fails, and the row begin() wrote is taken back, so that no later command takes
// their database for this prefix's.
void RemoteServer::create_database(Target& target, const std::vector<std::string>& create, db::Session& admin) const {
  const std::string live = scripts_.live_name(target.name);
  const bool was_present = target.present;
  // From here a retry drops it first: a connection lost under the CREATE may have
  // lost only the server's answer, the database made by this prefix.
  target.present = true;
  try {
    admin.execute(was_present ? create.front() : strict_create(create.front()));
  } catch (const db::DbError& e) {
    if (!was_present && !is_transient(e.what())) registry_.forget(admin, kRegistryDatabase, live, remote_.prefix);
    throw;
  }
  for (std::size_t i = 1; i < create.size(); ++i) admin.execute(create[i]);
  if (!init_account().empty()) {
    const generator::ScriptWriter& writer = scripts_.writer();
    admin.execute(writer.grant_database(writer.account(init_account(), "%"), live));
  }
}

// A lost connection costs one database's work, not the whole up: it is made again on a
// new connection, after 0.5 s, then 1 s.
void RemoteServer::make_database_retrying(const Target& target, SessionPool& pool) {
  Target current = target;  // create_database marks it present once its CREATE was sent
  for (int attempt = 1;; ++attempt) {
    auto admin = pool.take();
    try {
      make_database(current, *admin);
      pool.give_back(std::move(admin));
      return;
    } catch (const TransientFailure& e) {
      const std::string live = scripts_.live_name(target.name);
      if (attempt == kDatabaseTries) {
        throw util::RuntimeError("servers." + server_.name + ": lost " + where() + " " + std::to_string(attempt) +
                                     " times while making " + live + ": " + e.what(),
                                 "run `devenv up` again: it makes the databases whose init did not finish");
      }
      progress_("lost the connection while making " + live + " (" + e.what() + "); making it again");
      std::this_thread::sleep_for(std::chrono::milliseconds(500 << (attempt - 1)));
      util::throw_if_interrupted();
    }
  }
}

// Recorded as initialising before anything is made: a kill -9 half way leaves a row
// that the next `up` redoes. The database is dropped first only because the checks
// above found it recorded under this prefix (or absent).
void RemoteServer::make_database(Target& target, db::Session& admin) {
  const std::string live = scripts_.live_name(target.name);
  std::vector<std::string> create;
  std::string script;
  {
    std::lock_guard lock(scripts_mutex_);
    create = scripts_.create_database(*target.database, target.name);
    script = scripts_.database_script(*target.database, target.name);
  }
  const std::string fingerprint = generator::RemoteScripts::fingerprint_of(create, script);
  try {
    registry_.begin(admin, kRegistryDatabase, live, remote_.prefix);
    // Dropped only when it was there when the checks ran (and so recorded as this
    // prefix's); one that was absent is created without IF NOT EXISTS, so that a
    // database someone made meanwhile under that name fails the create, untouched.
    if (target.present) admin.execute(scripts_.writer().drop_database(live));
    create_database(target, create, admin);
    run_script_with_sessions(script, live, server_.engine, init_endpoint());
    registry_.finish(admin, kRegistryDatabase, live, remote_.prefix, fingerprint);
  } catch (const ScriptStatementError& e) {
    if (is_transient(e.what())) throw TransientFailure(e.what());
    const std::string place = source_place(script, e.line);
    throw util::RuntimeError(
        (place.empty() ? live : place) + ": the server rejected this statement while making " + live + " on " +
            where() + ": " + e.what(),
        "fix the schema file; `devenv up` then makes " + live + " again (its init did not finish)");
  } catch (const db::DbError& e) {
    if (is_transient(e.what())) throw TransientFailure(e.what());
    throw util::RuntimeError(
        "servers." + server_.name + ": " + where() + " refused making " + live + ": " + e.what(),
        "check that the admin of servers." + server_.name + ".url may create databases and users there");
  }
}

void RemoteServer::stop() {
  progress_("a shared server: nothing to stop; your databases (prefix " + remote_.prefix + ") stay on " + where() +
            " (`devenv down --purge` drops them)");
}

std::vector<std::string> RemoteServer::purge() { return drop_prefix(remote_.prefix); }

std::vector<RegistryEntry> RemoteServer::registry_entries() const {
  const auto admin = admin_session();
  registry_.create(*admin);
  return registry_.all_entries(*admin);
}

std::vector<std::string> RemoteServer::registered_databases() const {
  const auto admin = admin_session();
  registry_.create(*admin);
  std::vector<std::string> names;
  for (const RegistryEntry& entry : registry_.entries(*admin, remote_.prefix)) {
    if (entry.kind == kRegistryDatabase) names.push_back(entry.name);
  }
  return names;
}

std::int64_t RemoteServer::server_time() const { return registry_.now(*admin_session()); }

// Each row is forgotten right after its database or user is dropped: an interrupted
// drop leaves only rows whose things still exist (or are already gone: DROP … IF EXISTS).
// One that cannot be dropped (a PostgreSQL role granted something elsewhere) keeps its
// row and is named at the end; the others go.
std::vector<std::string> RemoteServer::drop_prefix(const std::string& prefix,
                                                   std::optional<std::int64_t> unused_since) {
  const auto admin = admin_session();
  lock_prefix(*admin, prefix);
  registry_.create(*admin);
  const std::vector<RegistryEntry> entries = registry_.entries(*admin, prefix);
  // A prune decided before it had the lock: the owner may have worked meanwhile.
  std::int64_t last_used = 0;
  for (const RegistryEntry& entry : entries) last_used = std::max(last_used, entry.used_at);
  if (unused_since && last_used > *unused_since) {
    progress_("prefix " + prefix + " was used meanwhile: kept");
    return {};
  }
  progress_("dropping from " + where() + " what devenv made with prefix " + prefix + ": " + listing(entries));
  const generator::ScriptWriter& writer = scripts_.writer();
  std::vector<std::string> failed;
  for (const char* kind : {kRegistryDatabase, kRegistryUser}) {  // a PostgreSQL role goes after what it owns
    for (const RegistryEntry& entry : entries) {
      if (entry.kind != kind) continue;
      util::throw_if_interrupted();
      try {
        admin->execute(entry.kind == kRegistryDatabase ? writer.drop_database(entry.name)
                                                       : writer.drop_account(writer.account(entry.name, "%")));
      } catch (const db::DbError& e) {
        failed.push_back(entry.kind + " " + entry.name + " (" + e.what() + ")");
        continue;
      }
      registry_.forget(*admin, entry.kind, entry.name, prefix);
    }
  }
  if (!failed.empty()) {
    throw util::RuntimeError("servers." + server_.name + ": could not drop " + config::join_words(failed),
                             "the rest of prefix " + prefix +
                                 " is gone; fix the cause (or drop those by hand), "
                                 "then run the same command again");
  }
  registry_.forget(*admin, kRegistryPrefix, prefix, prefix);
  return {where() + ": " + listing(entries)};
}

ProcessOptions RemoteServer::shell(const std::string& database, const config::User* user) const {
  const std::string live_database = database.empty() ? "" : remote_.prefix + database;
  const std::string login = user ? remote_.prefix + user->name : remote_.admin_user;
  engine::ClientCommand client =
      server_.engine.tcp_client(server_.engine.image_client(), remote_.port, login, live_database, remote_.host);
  ProcessOptions options(client.argv);
  options.environment.emplace_back(client.password_variable,
                                   user ? user->password.value : remote_.admin_password.value);
  const bool mysql = server_.engine.dialect() == sqltext::Dialect::MySQL;
  const bool encrypted = remote_.tls == "require" || remote_.tls == "verify-full";
  if (server_.engine.kind() == engine::Engine::Kind::MySQL && encrypted) {  // MySQL 8's client dropped --ssl
    options.argv.insert(options.argv.begin() + 1,
                        remote_.tls == "require" ? "--ssl-mode=REQUIRED" : "--ssl-mode=VERIFY_IDENTITY");
  } else if (mysql && encrypted) {
    options.argv.insert(options.argv.begin() + 1, "--ssl");
    if (remote_.tls == "verify-full") options.argv.insert(options.argv.begin() + 1, "--ssl-verify-server-cert");
  }
  if (mysql && !remote_.ca_file.empty())
    options.argv.insert(options.argv.begin() + 1, "--ssl-ca=" + remote_.ca_file.string());
  if (!mysql) options.environment.emplace_back("PGSSLMODE", remote_.tls);
  if (!mysql && !remote_.ca_file.empty()) options.environment.emplace_back("PGSSLROOTCERT", remote_.ca_file.string());
  return options;
}

ProcessOptions RemoteServer::dump_database(const std::string&) const {
  throw util::RuntimeError("servers." + server_.name + " is a shared server: snapshots are not made there",
                           "snapshots copy local servers' data; `devenv reset` makes your databases there again");
}

ProcessOptions RemoteServer::load_database(const std::string& database) const { return dump_database(database); }

LogCommand RemoteServer::logs(const LogRequest&) const {
  throw util::RuntimeError(
      "servers." + server_.name + " is a shared server (" + where() + "): its log is on that server, not here",
      "ask whoever runs it; `devenv status` says whether your databases are ready");
}

}  // namespace devenv::runtime
