#include "verify/shadow_database.h"

#include <unistd.h>

#include "generator/compiled_source.h"
#include "generator/script_writer.h"
#include "util/interrupt.h"
#include "util/runtime_error.h"

namespace devenv::verify {

namespace {

constexpr const char* kShadowPrefix = "_devenv_shadow_";

}  // namespace

ShadowDatabase::ShadowDatabase(const config::Config& config, const config::Server& server,
                               const config::Database& database, Connect connect)
    : server_(server), writer_(generator::make_script_writer(server.engine)), connect_(std::move(connect)) {
  name_ = kShadowPrefix + database.key + "_" + std::to_string(getpid());
  for (char& c : name_) {
    if (c == '-') c = '_';
  }
  connect_("")->execute(writer_->create_database(server, name_));
  created_ = true;
  try {
    load(config, database);
  } catch (...) {
    drop();  // a constructor that throws never runs its destructor
    throw;
  }
}

ShadowDatabase::~ShadowDatabase() { drop(); }

void ShadowDatabase::drop() {
  if (!created_) return;
  created_ = false;
  try {
    connect_("")->execute(writer_->drop_database(name_));
  } catch (const std::exception&) {
    // The next verify's drop_leftovers removes it.
  }
}

void ShadowDatabase::load(const config::Config& config, const config::Database& database) {
  auto session = connect_(name_);
  for (const std::string& schema : database.schemas()) {
    if (!schema.empty() && schema != "public") {
      session->execute("CREATE SCHEMA IF NOT EXISTS " + server_.engine.quote_identifier(schema));
    }
  }
  for (const config::SchemaSource& source : database.sources) {
    const generator::CompiledSource compiled =
        generator::compile_source(source, writer_->qualify_target(config, server_, database, source));
    std::string open_source;  // PostgreSQL: the source's search_path
    writer_->open_source(open_source, source);
    if (!open_source.empty()) session->execute(open_source);
    for (const generator::CompiledStatement& statement : compiled.statements) {
      util::throw_if_interrupted();
      if (statement.kind != sqltext::StatementKind::Sql) continue;  // comments; \connect to its own database
      try {
        session->execute(statement.text.render(name_));
      } catch (const db::DbError& e) {
        throw util::RuntimeError(statement.where.str() +
                                     ": the server rejected this statement while building the "
                                     "expected schema: " +
                                     e.what(),
                                 "fix the schema file; `devenv up` would fail on it too");
      }
    }
  }
}

void ShadowDatabase::drop_leftovers(const config::Server& server, db::Session& session) {
  const auto writer = generator::make_script_writer(server.engine);
  for (const std::string& name : session.column(writer->list_databases())) {
    if (name.starts_with(kShadowPrefix)) session.execute(writer->drop_database(name));
  }
}

}  // namespace devenv::verify
