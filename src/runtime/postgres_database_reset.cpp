// A reset in place on PostgreSQL (database_reset.h): each database copied again from
// its pristine copy in the same server; those whose files changed made again by them.
#include <map>

#include "runtime/database_reset.h"

namespace devenv::runtime {
namespace {

// Settings whose value is a list of names, stored already quoted as SQL writes them
// ("$user", public): written back as they are, the others as one string literal.
constexpr const char* kListSettings =
    "('search_path', 'temp_tablespaces', 'session_preload_libraries', 'shared_preload_libraries', "
    "'local_preload_libraries')";

// Its sessions open on `postgres`, where the fingerprint lives (any would do for the rest).
ResetTarget on_postgres(ResetTarget target) {
  target.session.database = "postgres";
  return target;
}

class PostgresDatabaseReset final : public SessionDatabaseReset {
 public:
  explicit PostgresDatabaseReset(const ResetTarget& target) : SessionDatabaseReset(on_postgres(target)) {}

  bool keeps_pristine_copies() const override { return true; }
  bool reruns_init_databases() const override { return false; }  // it makes roles: not twice

  std::set<std::string> pristine_copies(const std::vector<std::string>& names) override {
    std::set<std::string> found;
    for (const std::string& name : names) {
      if (exists(copy_of(name))) found.insert(name);
    }
    return found;
  }

  // The owner, grants and settings of each: from its pristine copy, else from itself.
  void prepare_rebuild(const std::vector<std::string>& names) override {
    for (const std::string& name : names) {
      const std::string source = exists(copy_of(name)) ? copy_of(name) : name;
      if (!exists(source)) {
        throw CannotResetInPlace("database " + name + " is gone, and so is its pristine copy");
      }
      attributes_[name] = attributes(source, name);
    }
  }

  void restore_pristine(const std::string& name) override {
    const std::string copied = attributes(copy_of(name), name);
    admin().execute(writer_->drop_database(name));
    admin().execute("CREATE DATABASE " + quote(name) + " TEMPLATE " + quote(copy_of(name)) + strategy());
    if (!copied.empty()) admin().execute(copied);
  }

  // As 00-init-databases.sql made it (that file did not change: reset_plan.h), with the
  // owner, grants and settings it had.
  void clear(const std::string& name) override {
    admin().execute(writer_->drop_database(name));
    admin().execute(writer_->drop_database(copy_of(name)));
    admin().execute(writer_->create_database(*target_.server, name) + strategy());
    if (!attributes_[name].empty()) admin().execute(attributes_[name]);
  }

  // CREATE DATABASE … TEMPLATE needs the source to have no other session: an app that
  // reconnected since the drop is sent away (a few times, if it keeps coming back).
  void keep_pristine(const std::string& name) override {
    const std::string copy = copy_of(name);
    admin().execute(writer_->drop_database(copy));
    const std::string create = "CREATE DATABASE " + quote(copy) + " TEMPLATE " + quote(name) + strategy();
    for (int attempt = 1;; ++attempt) {
      try {
        admin().execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND datname = " +
            literal(name));
        admin().execute(create);
        break;
      } catch (const db::DbError&) {
        if (attempt == 3) throw;
      }
    }
    const std::string copied = attributes(name, copy);
    if (!copied.empty()) admin().execute(copied);
    admin().execute("ALTER DATABASE " + quote(copy) + " WITH ALLOW_CONNECTIONS false");
  }

 private:
  std::string quote(const std::string& name) const { return target_.server->engine.quote_identifier(name); }
  std::string literal(const std::string& text) const { return target_.server->engine.quote_string(text); }
  std::string copy_of(const std::string& name) const { return pristine_copy_name(name, target_.server->engine); }

  bool exists(const std::string& name) {
    return !admin().column("SELECT 1 FROM pg_database WHERE datname = " + literal(name)).empty();
  }

  // A copy by files, not through the WAL (PostgreSQL 15's default): 0.01 s instead of
  // 0.1 s for a small database; the checkpoint it costs is cheap on a development server.
  std::string strategy() {
    if (!strategy_) {
      const std::string version = admin().column("SELECT current_setting('server_version_num')").front();
      strategy_ = std::stoi(version) >= 150000 ? " STRATEGY FILE_COPY" : "";
    }
    return *strategy_;
  }

  // The statements that give `target` the owner, grants, settings and comment of
  // `source` (written by the server, which quotes every name).
  std::string attributes(const std::string& source, const std::string& target) {
    const std::string t = literal(target);
    const std::string sql =
        "SELECT concat_ws(E'\\n', "
        "format('ALTER DATABASE %I OWNER TO %I;', " +
        t +
        ", pg_get_userbyid(d.datdba)), "
        "CASE WHEN d.datacl IS NOT NULL THEN format('REVOKE ALL ON DATABASE %I FROM PUBLIC, %I;', " +
        t +
        ", pg_get_userbyid(d.datdba)) END, "
        "(SELECT string_agg(format('GRANT %s ON DATABASE %I TO %s%s;', a.privilege_type, " +
        t +
        ", CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END, "
        "CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END), E'\\n') FROM aclexplode(d.datacl) a), "
        "(SELECT string_agg(CASE WHEN s.setrole = 0 THEN format('ALTER DATABASE %I SET %s;', " +
        t +
        ", c.assignment) "
        "ELSE format('ALTER ROLE %I IN DATABASE %I SET %s;', pg_get_userbyid(s.setrole), " +
        t +
        ", c.assignment) END, "
        "E'\\n') FROM pg_db_role_setting s, unnest(s.setconfig) e(setting), "
        "LATERAL (SELECT split_part(e.setting, '=', 1) AS name, "
        "substr(e.setting, strpos(e.setting, '=') + 1) AS value) v, "
        "LATERAL (SELECT v.name || ' TO ' || CASE WHEN v.name IN " +
        std::string(kListSettings) +
        " THEN CASE WHEN v.value IN ('', '\"\"') THEN '''''' ELSE v.value END ELSE quote_literal(v.value) END "
        "AS assignment) c "
        "WHERE s.setdatabase = d.oid AND v.name ~ '^[A-Za-z_][A-Za-z0-9_.]*$'), "
        "(SELECT format('COMMENT ON DATABASE %I IS %L;', " +
        t +
        ", c.description) FROM pg_shdescription c "
        "WHERE c.objoid = d.oid AND c.classoid = 'pg_database'::regclass)) "
        "FROM pg_database d WHERE d.datname = " +
        literal(source);
    const std::vector<std::string> found = admin().column(sql);
    return found.empty() ? "" : found.front();
  }

  std::optional<std::string> strategy_;
  std::map<std::string, std::string> attributes_;  // prepare_rebuild's, by database
};

}  // namespace

std::unique_ptr<DatabaseReset> make_postgres_database_reset(const ResetTarget& target) {
  return std::make_unique<PostgresDatabaseReset>(target);
}

}  // namespace devenv::runtime
