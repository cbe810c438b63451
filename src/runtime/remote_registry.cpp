#include "runtime/remote_registry.h"

#include "util/runtime_error.h"

namespace devenv::runtime {

namespace {

constexpr const char* kColumns = "kind, name, prefix, fingerprint, state, created_at, used_at";

std::int64_t number(const std::optional<std::string>& value) { return value ? std::stoll(*value) : 0; }

}  // namespace

std::string RemoteRegistry::table() const {
  return engine_.quote_identifier(kRegistrySchema) + "." + engine_.quote_identifier("registry");
}

std::int64_t RemoteRegistry::now(db::Session& admin) const {
  const bool mysql = engine_.dialect() == sqltext::Dialect::MySQL;
  return std::stoll(admin.column(mysql ? "SELECT UNIX_TIMESTAMP()" : "SELECT extract(epoch FROM now())::bigint").at(0));
}

void RemoteRegistry::create(db::Session& admin) const {
  const bool mysql = engine_.dialect() == sqltext::Dialect::MySQL;
  admin.execute(std::string(mysql ? "CREATE DATABASE IF NOT EXISTS " : "CREATE SCHEMA IF NOT EXISTS ") +
                engine_.quote_identifier(kRegistrySchema));
  // Names compare byte for byte (MySQL's default collations ignore case): "Bob_main"
  // is never bob_main's row.
  const std::string text = mysql ? "VARCHAR(128) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin" : "VARCHAR(128)";
  const std::string sql = "CREATE TABLE IF NOT EXISTS " + table() + " (kind " + text + " NOT NULL, name " + text +
                          " NOT NULL, prefix " + text +
                          " NOT NULL, fingerprint VARCHAR(64) NOT NULL DEFAULT '', state VARCHAR(16) NOT NULL, "
                          "created_at BIGINT NOT NULL, used_at BIGINT NOT NULL, PRIMARY KEY (kind, name))";
  try {
    admin.execute(sql);
  } catch (const db::DbError&) {
    // Two first devenvs at once: PostgreSQL's IF NOT EXISTS can lose the race with a
    // unique violation. The other one made it; a real failure fails again.
    admin.execute(sql);
  }
}

std::vector<RegistryEntry> RemoteRegistry::all_entries(db::Session& admin) const { return select(admin, ""); }

std::vector<RegistryEntry> RemoteRegistry::entries(db::Session& admin, const std::string& prefix) const {
  if (prefix.empty()) throw std::logic_error("a registry prefix is never empty");
  return select(admin, " WHERE prefix = " + text(prefix));
}

std::vector<RegistryEntry> RemoteRegistry::select(db::Session& admin, const std::string& where) const {
  const std::string sql =
      std::string("SELECT ") + kColumns + " FROM " + table() + where + " ORDER BY prefix, kind, name";
  std::vector<RegistryEntry> out;
  for (const db::Row& row : admin.rows(sql)) {
    out.push_back({row.at(0).value_or(""), row.at(1).value_or(""), row.at(2).value_or(""), row.at(3).value_or(""),
                   row.at(4).value_or(""), number(row.at(5)), number(row.at(6))});
  }
  return out;
}

void RemoteRegistry::begin(db::Session& admin, const std::string& kind, const std::string& name,
                           const std::string& prefix) const {
  const std::string now_sql = std::to_string(now(admin));
  const std::string values = "(" + text(kind) + ", " + text(name) + ", " + text(prefix) + ", '', " +
                             text(kInitialising) + ", " + now_sql + ", " + now_sql + ")";
  // A row of another prefix is never taken over: the update touches only this prefix's
  // row, the insert only a name nobody has, and the row that is there afterwards must
  // be this prefix's (two devenvs of overlapping prefixes racing for one name).
  admin.execute("UPDATE " + table() + " SET fingerprint = '', state = " + text(kInitialising) +
                ", used_at = " + now_sql + " WHERE " + row(kind, name, prefix));
  try {
    admin.execute("INSERT INTO " + table() + " (" + kColumns + ") VALUES " + values);
  } catch (const db::DbError&) {
    // The row is there (this prefix's, updated above, or another's: checked below).
  }
  const std::vector<std::string> owner =
      admin.column("SELECT prefix FROM " + table() + " WHERE kind = " + text(kind) + " AND name = " + text(name));
  if (owner.size() != 1 || owner.front() != prefix) {
    throw util::RuntimeError(kind + " " + name + " is recorded in the registry under prefix " +
                                 (owner.empty() ? std::string("(none)") : owner.front()) + ", not " + prefix,
                             "another devenv took that name meanwhile: it is theirs; give this server another prefix");
  }
}

std::string RemoteRegistry::row(const std::string& kind, const std::string& name, const std::string& prefix) const {
  return "kind = " + text(kind) + " AND name = " + text(name) + " AND prefix = " + text(prefix);
}

void RemoteRegistry::finish(db::Session& admin, const std::string& kind, const std::string& name,
                            const std::string& prefix, const std::string& fingerprint) const {
  admin.execute("UPDATE " + table() + " SET state = " + text(kReady) + ", fingerprint = " + text(fingerprint) +
                " WHERE " + row(kind, name, prefix));
}

void RemoteRegistry::forget(db::Session& admin, const std::string& kind, const std::string& name,
                            const std::string& prefix) const {
  admin.execute("DELETE FROM " + table() + " WHERE " + row(kind, name, prefix));
}

bool RemoteRegistry::try_lock(db::Session& admin, const std::string& prefix) const {
  const std::string name = text("devenv:" + prefix);
  const bool mysql = engine_.dialect() == sqltext::Dialect::MySQL;
  return admin
             .column(mysql ? "SELECT GET_LOCK(" + name + ", 0)"
                           : "SELECT pg_try_advisory_lock(hashtext(" + name + "))::int")
             .at(0) == "1";
}

void RemoteRegistry::touch(db::Session& admin, const std::string& prefix) const {
  begin(admin, kRegistryPrefix, prefix, prefix);
  finish(admin, kRegistryPrefix, prefix, prefix, "");
}

}  // namespace devenv::runtime
