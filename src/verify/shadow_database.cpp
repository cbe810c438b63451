#include "verify/shadow_database.h"

#include <algorithm>

#include "catalog/mysql_ddl.h"
#include "engine/collations.h"
#include "generator/history_table.h"
#include "generator/polyfills.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"
#include "verify/sandbox_names.h"

namespace devenv::verify {

namespace {

// Where `database` stands in the config; schema files `devenv diff` loads come last.
std::size_t config_position(const config::Config& config, const config::Database* database) {
  for (std::size_t i = 0; i < config.databases.size(); ++i) {
    if (&config.databases[i] == database) return i;
  }
  return config.databases.size();
}

const config::Database* database_named(const config::Config& config, const config::Server& server,
                                       const std::string& name) {
  for (const config::Database* database : config.databases_on(server.name)) {
    const auto& names = database->names;
    if (std::find(names.begin(), names.end(), name) != names.end()) return database;
  }
  return nullptr;
}

util::RuntimeError rejected(const generator::CompiledStatement& statement, const db::DbError& error,
                            const engine::Engine& engine) {
  if (const auto collation = engine::unknown_collation(error.what())) {
    return util::RuntimeError(statement.where.str() +
                                  ": the server rejected this statement while building the "
                                  "expected schema: " +
                                  error.what(),
                              engine::unknown_collation_hint(*collation));
  }
  return util::RuntimeError(
      statement.where.str() +
          ": the server rejected this statement while building the expected schema: " + error.what(),
      engine.runs_a_server() ? "fix the schema file; `devenv up` would fail on it too. (Shadow loads run as a "
                               "temporary account that may touch only the shadow databases: a statement reaching "
                               "any other database is refused, never run.)"
                             : "fix the schema file; `devenv up` would fail on it too. (A shadow is a throwaway "
                               "file that can reach no other: ATTACH is refused.)");
}

}  // namespace

ShadowDatabase::ShadowDatabase(const config::Config& config, const config::Server& server,
                               const config::Database& database, Connect connect, db::ConnectAs connect_as)
    : config_(config),
      server_(server),
      writer_(generator::make_script_writer(server.engine)),
      connect_(std::move(connect)),
      connect_as_(std::move(connect_as)),
      suffix_(run_suffix()) {
  if (!server.engine.runs_a_server()) {  // a shadow is a file nobody else can reach: no account needed
    folder_.emplace(suffix_);
    connect_ = folder_->connector();
    connect_as_ = [connect = connect_](const std::string& name, const db::Login&) { return connect(name); };
  }
  plan(database);  // compiles every source first: a bad file makes nothing on the server
  try {
    create();
    for (std::size_t i = 1; i < shadows_.size(); ++i) {
      if (shadows_[i].load) load(shadows_[i]);
    }
    load(shadows_.front());
  } catch (...) {
    drop();  // a constructor that throws never runs its destructor
    throw;
  }
}

ShadowDatabase::~ShadowDatabase() { drop(); }

// The target's shadow, then one for each declared database its sources name, and
// recursively for those loaded too. Only databases the config initialises before the
// target are loaded: when the target's init script runs, the later ones are empty.
void ShadowDatabase::plan(const config::Database& target) {
  shadows_.push_back(
      {&target, "", sandbox_name(sandbox_prefix(kShadowPrefix, server_), target.key, suffix_, server_.engine), true});
  for (const std::string& name : target.names) {
    names_.quoted_databases[name] = server_.engine.quote_identifier(shadows_.front().name);
  }
  std::vector<const config::Database*> to_scan = {&target};
  while (!to_scan.empty()) {
    const config::Database* database = to_scan.back();
    to_scan.pop_back();
    add_referenced(*database, to_scan);
  }
  std::stable_sort(shadows_.begin() + 1, shadows_.end(), [&](const Shadow& a, const Shadow& b) {
    return config_position(config_, a.database) < config_position(config_, b.database);
  });
}

void ShadowDatabase::add_referenced(const config::Database& from, std::vector<const config::Database*>& to_scan) {
  const std::size_t target_position = config_position(config_, shadows_.front().database);
  for (const generator::CompiledSource& source : compiled(from)) {
    for (const generator::CompiledStatement& statement : source.statements) {
      for (const std::string& name : statement.text.named_databases()) {
        if (names_.quoted_databases.contains(name)) continue;
        const config::Database* owner = database_named(config_, server_, name);
        if (!owner) continue;  // the qualifier only lets declared databases through
        std::string label = name;
        const auto taken = [&](const std::string& candidate) {
          return std::any_of(shadows_.begin(), shadows_.end(), [&](const Shadow& s) { return s.name == candidate; });
        };
        while (taken(sandbox_name(sandbox_prefix(kShadowPrefix, server_), label, suffix_, server_.engine)))
          label += "_";
        const bool load = config_position(config_, owner) < target_position;
        shadows_.push_back(
            {owner, name, sandbox_name(sandbox_prefix(kShadowPrefix, server_), label, suffix_, server_.engine), load});
        names_.quoted_databases[name] = server_.engine.quote_identifier(shadows_.back().name);
        if (load) to_scan.push_back(owner);
      }
    }
  }
}

const std::vector<generator::CompiledSource>& ShadowDatabase::compiled(const config::Database& database) {
  auto found = compiled_.find(&database);
  if (found != compiled_.end()) return found->second;
  std::vector<generator::CompiledSource>& out = compiled_[&database];
  database.throw_if_unreadable();
  for (const config::SchemaSource& source : database.sources) {
    out.push_back(generator::compile_source(source, writer_->qualify_target(config_, server_, database, source)));
  }
  return out;
}

void ShadowDatabase::create() {
  if (folder_) {  // each shadow file is made empty by its first session
    for (; created_ < shadows_.size(); ++created_) connect_(shadows_[created_].name);
    return;
  }
  account_.emplace(server_, connect_, suffix_);
  names_.definer = "DEFINER = " + account_->account();
  const auto admin = connect_("");
  for (const Shadow& shadow : shadows_) {
    admin->execute(writer_->create_database(server_, shadow.name));
    ++created_;
    account_->grant(shadow.name);
  }
}

void ShadowDatabase::load(const Shadow& shadow) {
  const auto session = connect_as_(shadow.name, account_ ? account_->login() : db::Login{});
  const auto make_schemas = [&](const std::vector<std::string>& schemas) {
    for (const std::string& schema : schemas) {
      if (!schema.empty() && schema != "public")
        session->execute("CREATE SCHEMA IF NOT EXISTS " + server_.engine.quote_identifier(schema));
    }
  };
  make_schemas(shadow.database->schemas_before_sources());
  names_.target = shadow.name;
  const std::vector<generator::CompiledSource>& sources = compiled(*shadow.database);
  for (const std::string& polyfill : generator::polyfills_needed(server_, *shadow.database, sources))
    session->execute(generator::polyfill_sql(polyfill));
  for (const generator::CompiledSource& compiled : sources) {
    std::string open_source;  // PostgreSQL: the source's search_path
    writer_->open_source(open_source, *shadow.database, *compiled.source);
    if (!open_source.empty()) session->execute(open_source);
    for (const generator::CompiledStatement& statement : compiled.statements) {
      util::throw_if_interrupted();
      if (statement.kind != sqltext::StatementKind::Sql) continue;  // comments; psql meta-commands
      const std::string sql = statement.text.render(names_);
      if (const auto& [event, status] = statement.text.event_status(); !event.empty() && &shadow == &shadows_.front())
        event_statuses_[event] = status;
      try {
        if (statement.creates_extension) {
          run_as_admin(shadow.name, open_source, sql);
        } else {
          session->execute(sql);
        }
      } catch (const db::DbError& e) {
        throw rejected(statement, e, server_.engine);
      }
    }
  }
  make_schemas(shadow.database->schemas_after_sources());
  // The migration tool's history, as init writes it: verify --include-history compares it.
  for (const std::string& sql : generator::history_statements(*shadow.database, server_, sources))
    session->execute(sql);
}

// Extensions need rights the account lacks (most are not trusted), and the account is
// never widened: the admin creates them in the shadow, in the file's order.
void ShadowDatabase::run_as_admin(const std::string& shadow, const std::string& open_source, const std::string& sql) {
  const auto admin = connect_(shadow);
  if (!open_source.empty()) admin->execute(open_source);
  admin->execute(sql);
}

void ShadowDatabase::rename_other_databases(catalog::Database& model, const std::string& live_prefix) const {
  for (std::size_t i = 1; i < shadows_.size(); ++i)
    catalog::rename_references(model, shadows_[i].name, live_prefix + shadows_[i].live, server_.engine.dialect());
}

void ShadowDatabase::restore_event_statuses(catalog::Database& model) const {
  for (auto& [space, ns] : model.namespaces) {
    for (auto& [name, element] : ns.events) {
      const auto status = event_statuses_.find(name);
      auto& event = std::get<catalog::Event>(element.detail);
      // An event whose schedule had ended when it was made was disabled (or dropped) by
      // the server itself, in the shadow as in a live database: its status stays.
      if (status == event_statuses_.end() || event.over) continue;
      event.status = status->second;
      element.definition = catalog::mysql_event_definition(event);
    }
  }
}

void ShadowDatabase::drop() {
  if (folder_) {
    created_ = 0;
    folder_.reset();  // the files go with their folder
    return;
  }
  try {
    const auto admin = connect_("");
    for (; created_ > 0; --created_) admin->execute(writer_->drop_database(shadows_[created_ - 1].name));
  } catch (const std::exception&) {
    // The next verify's drop_leftovers removes them.
  }
  created_ = 0;
  account_.reset();  // after the databases: a PostgreSQL role cannot go while it owns one
}

void ShadowDatabase::drop_leftovers(const config::Server& server, const Connect& connect) {
  if (!server.engine.runs_a_server()) return ShadowFolder::drop_leftovers();
  const auto admin = connect("");
  db::Session& session = *admin;
  const auto writer = generator::make_script_writer(server.engine);
  for (const std::string& name : session.column(writer->list_databases())) {
    if (name.starts_with(sandbox_prefix(kShadowPrefix, server))) session.execute(writer->drop_database(name));
  }
  ShadowAccount::drop_leftovers(server, session);
}

}  // namespace devenv::verify
