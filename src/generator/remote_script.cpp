#include "generator/remote_script.h"

#include "generator/history_table.h"
#include "generator/polyfills.h"
#include "util/sha256.h"

namespace devenv::generator {

namespace {

config::Config with_prefix(const config::Config& config, const std::string& server, const std::string& prefix) {
  config::Config out = config;
  for (config::Database& database : out.databases) {
    if (database.server != server) continue;
    for (std::string& name : database.names) name = prefix + name;
    if (!database.owner.empty()) database.owner = prefix + database.owner;
  }
  for (config::User& user : out.users) {
    if (user.server == server) user.name = prefix + user.name;
  }
  return out;
}

}  // namespace

RemoteScripts::RemoteScripts(const config::Config& config, const config::Server& server, std::string prefix)
    : config_(config),
      server_(server),
      prefix_(std::move(prefix)),
      prefixed_(with_prefix(config, server.name, prefix_)),
      writer_(make_script_writer(server.engine)) {}

const config::Database& RemoteScripts::prefixed(const config::Database& database) const {
  return prefixed_.databases[static_cast<std::size_t>(&database - config_.databases.data())];
}

const std::vector<CompiledSource>& RemoteScripts::compiled(const config::Database& database) {
  auto found = compiled_.find(&database);
  if (found != compiled_.end()) return found->second;
  database.throw_if_unreadable();
  std::vector<CompiledSource> out;  // cached only once every source compiled
  for (const config::SchemaSource& source : database.sources)
    out.push_back(compile_source(source, writer_->qualify_target(config_, server_, database, source)));
  return compiled_[&database] = std::move(out);
}

std::vector<std::string> RemoteScripts::create_database(const config::Database& database,
                                                        const std::string& name) const {
  std::vector<std::string> out = {writer_->create_database(server_, live_name(name))};
  for (std::string& grant : writer_->grant_users(prefixed_, prefixed(database), live_name(name)))
    out.push_back(std::move(grant));
  return out;
}

std::string RemoteScripts::database_script(const config::Database& database, const std::string& name) {
  const config::Database& mine = prefixed(database);
  const std::string live = live_name(name);
  sqltext::ShadowNames names;
  names.target = live;
  names.disable_events = false;
  // A MySQL DEFINER names an account of the app's, which has another name here.
  names.definer = "DEFINER = CURRENT_USER";
  for (const config::Database* other : config_.databases_on(server_.name)) {
    for (const std::string& other_name : other->names)
      names.quoted_databases[other_name] = server_.engine.quote_identifier(live_name(other_name));
  }
  const std::vector<CompiledSource>& sources = compiled(database);
  std::string out;
  writer_->open_database(out, prefixed_, mine, live);
  for (const std::string& polyfill : polyfills_needed(server_, database, sources)) out += polyfill_sql(polyfill);
  for (const CompiledSource& source : sources) {
    writer_->open_source(out, mine, *source.source);
    for (const CompiledStatement& statement : source.statements) {
      CompiledStatement mapped = statement;
      mapped.text = sqltext::QualifiedText();
      mapped.text.append(statement.text.render(names));
      writer_->statement(out, mapped, live);
    }
  }
  for (const std::string& sql : history_statements(database, server_, sources)) out += sql + ";\n";
  writer_->close_database(out, prefixed_, mine, live);
  return out;
}

bool RemoteScripts::names_other_databases(const config::Database& database) {
  for (const CompiledSource& source : compiled(database)) {
    for (const CompiledStatement& statement : source.statements) {
      if (!statement.text.named_databases().empty()) return true;
    }
  }
  return false;
}

std::string RemoteScripts::fingerprint(const config::Database& database, const std::string& name) {
  return fingerprint_of(create_database(database, name), database_script(database, name));
}

std::string RemoteScripts::fingerprint_of(const std::vector<std::string>& create, const std::string& script) {
  std::string text;
  for (const std::string& sql : create) text += sql + ";\n";
  return util::sha256_hex(text + script);
}

}  // namespace devenv::generator
