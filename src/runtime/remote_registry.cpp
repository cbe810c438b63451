#include "runtime/remote_registry.h"

namespace devenv::runtime {

namespace {

constexpr const char* kColumns = "kind, name, prefix, fingerprint, state, created_at, used_at";

std::int64_t number(const std::optional<std::string>& value) { return value ? std::stoll(*value) : 0; }

}  // namespace

std::string RemoteRegistry::table() const {
  return engine_.quote_identifier("_devenv") + "." + engine_.quote_identifier("registry");
}

std::int64_t RemoteRegistry::now(db::Session& admin) const {
  const bool mysql = engine_.dialect() == sqltext::Dialect::MySQL;
  return std::stoll(admin.column(mysql ? "SELECT UNIX_TIMESTAMP()" : "SELECT extract(epoch FROM now())::bigint").at(0));
}

void RemoteRegistry::create(db::Session& admin) const {
  const bool mysql = engine_.dialect() == sqltext::Dialect::MySQL;
  admin.execute(mysql ? "CREATE DATABASE IF NOT EXISTS `_devenv`" : "CREATE SCHEMA IF NOT EXISTS \"_devenv\"");
  admin.execute("CREATE TABLE IF NOT EXISTS " + table() +
                " (kind VARCHAR(16) NOT NULL, name VARCHAR(128) NOT NULL, prefix VARCHAR(64) NOT NULL, "
                "fingerprint VARCHAR(64) NOT NULL DEFAULT '', state VARCHAR(16) NOT NULL, "
                "created_at BIGINT NOT NULL, used_at BIGINT NOT NULL, PRIMARY KEY (kind, name))");
}

std::vector<RegistryEntry> RemoteRegistry::entries(db::Session& admin, const std::string& prefix) const {
  std::string sql = std::string("SELECT ") + kColumns + " FROM " + table();
  if (!prefix.empty()) sql += " WHERE prefix = " + text(prefix);
  sql += " ORDER BY prefix, kind, name";
  std::vector<RegistryEntry> out;
  for (const db::Row& row : admin.rows(sql)) {
    out.push_back({row.at(0).value_or(""), row.at(1).value_or(""), row.at(2).value_or(""), row.at(3).value_or(""),
                   row.at(4).value_or(""), number(row.at(5)), number(row.at(6))});
  }
  return out;
}

std::optional<RegistryEntry> RemoteRegistry::find(db::Session& admin, const std::string& kind,
                                                  const std::string& name) const {
  for (RegistryEntry& entry : entries(admin)) {
    if (entry.kind == kind && entry.name == name) return std::move(entry);
  }
  return std::nullopt;
}

void RemoteRegistry::begin(db::Session& admin, const std::string& kind, const std::string& name,
                           const std::string& prefix) const {
  const std::string now_sql = std::to_string(now(admin));
  const std::string values = "(" + text(kind) + ", " + text(name) + ", " + text(prefix) + ", '', " +
                             text(kInitialising) + ", " + now_sql + ", " + now_sql + ")";
  const bool mysql = engine_.dialect() == sqltext::Dialect::MySQL;
  admin.execute("INSERT INTO " + table() + " (" + kColumns + ") VALUES " + values +
                (mysql ? " ON DUPLICATE KEY UPDATE" : " ON CONFLICT (kind, name) DO UPDATE SET") +
                " fingerprint = '', state = " + text(kInitialising) + ", used_at = " + now_sql);
}

void RemoteRegistry::finish(db::Session& admin, const std::string& kind, const std::string& name,
                            const std::string& fingerprint) const {
  admin.execute("UPDATE " + table() + " SET state = " + text(kReady) + ", fingerprint = " + text(fingerprint) +
                " WHERE kind = " + text(kind) + " AND name = " + text(name));
}

void RemoteRegistry::forget(db::Session& admin, const std::string& kind, const std::string& name) const {
  admin.execute("DELETE FROM " + table() + " WHERE kind = " + text(kind) + " AND name = " + text(name));
}

void RemoteRegistry::touch(db::Session& admin, const std::string& prefix) const {
  begin(admin, kRegistryPrefix, prefix, prefix);
  finish(admin, kRegistryPrefix, prefix, "");
}

}  // namespace devenv::runtime
