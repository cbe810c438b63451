#include "generator/init_plan.h"

#include <fmt/format.h>

#include <fstream>
#include <sstream>

#include "generator/compiled_source.h"
#include "generator/fingerprint.h"
#include "generator/history_table.h"
#include "generator/polyfills.h"
#include "generator/script_writer.h"
#include "sqltext/source_errors.h"
#include "util/file.h"
#include "util/sha256.h"

namespace devenv::generator {
namespace {

using config::Config;
using config::Database;
using config::Server;

struct HeaderSource {
  std::string display;
  std::string sha256;
};

std::string header(const Server& server, const std::string& what, const std::vector<HeaderSource>& sources) {
  std::string out = fmt::format("-- {} from config.toml. Do not edit: change the sources, then run `devenv build`.\n",
                                kGeneratedMarker);
  out += fmt::format("-- Server {} ({}): {}.\n", server.name, server.engine.name(), what);
  if (!sources.empty()) {
    out += "-- Sources:\n";
    for (const HeaderSource& source : sources)
      out += fmt::format("--   {}  sha256:{}\n", source.display, source.sha256);
  }
  return out;
}

std::string file_sha256(const std::filesystem::path& path) {
  return util::sha256_hex(util::read_file(path).value_or(""));
}

std::string database_list(const Database& database) {
  const auto& names = database.names;
  return names.size() == 1 ? names.front() : names.front() + " … " + names.back() + fmt::format(" ({})", names.size());
}

// Zero-padded so that glob order is run order; wide enough that the schema files'
// numbers stay below the fingerprint file's all-nines number.
int number_width(std::size_t databases) {
  int width = 2;
  for (std::size_t limit = 99; databases + 1 >= limit; limit = limit * 10 + 9) ++width;
  return width;
}

int last_number(int width) {
  int number = 0;
  for (int i = 0; i < width; ++i) number = number * 10 + 9;
  return number;
}

class ServerPlanner {
 public:
  ServerPlanner(const Config& config, const Server& server, sqltext::SourceErrorList& errors)
      : config_(config), server_(server), writer_(make_script_writer(server.engine)), errors_(errors) {}

  ServerInit plan() {
    ServerInit init{&server_, "initdb/" + server_.name, {}, {}, {}};
    const auto databases = config_.databases_on(server_.name);
    const int width = number_width(databases.size());
    // SQLite: no databases, users or fingerprint table to make (sqlite_script_writer.cpp).
    const bool server_process = server_.engine.runs_a_server();
    if (server_process) init.files.push_back(init_databases(init.directory, width));
    for (std::size_t i = 0; i < databases.size(); ++i) {
      init.files.push_back(schema_file(init.directory, width, static_cast<int>(i + 1), *databases[i], init.notices));
    }
    init.fingerprint = fingerprint_of(init.files);
    if (!server_process) return init;
    // All nines: after the schema files and after a user's own 50-seed.sql, so the
    // fingerprint appearing means every init file has run.
    init.files.push_back(fingerprint_file(init.directory, width, last_number(width), init.fingerprint));
    return init;
  }

 private:
  std::string file_name(const std::string& directory, int width, int number, const std::string& name) const {
    return fmt::format("{}/{:0{}}-{}.sql", directory, number, width, name);
  }

  GeneratedFile init_databases(const std::string& directory, int width) const {
    const std::string content = header(server_, "databases, users and grants",
                                       {{config_.file.filename().string(), file_sha256(config_.file)}}) +
                                "\n" + writer_->init_databases(config_, server_);
    return {file_name(directory, width, 0, "init-databases"), content, InitRole::InitDatabases, {}};
  }

  GeneratedFile schema_file(const std::string& directory, int width, int number, const Database& database,
                            std::vector<std::string>& notices) const {
    std::vector<CompiledSource> compiled;
    std::vector<HeaderSource> sources;
    try {
      database.throw_if_unreadable();
    } catch (const sqltext::SourceError& e) {
      errors_.add(e);  // with every other error of this build
    }
    for (const config::SchemaSource& source : database.sources) {
      try {
        compiled.push_back(compile_source(source, writer_->qualify_target(config_, server_, database, source)));
      } catch (const sqltext::SourceError& e) {
        errors_.add(e);  // the other files are still read: every error in one run; nothing is written
        continue;
      }
      sources.push_back({source.display, compiled.back().sha256});
      notices.insert(notices.end(), compiled.back().notices.begin(), compiled.back().notices.end());
    }
    std::string content = header(server_, "schema of " + database_list(database), sources);
    const std::vector<std::string> polyfills = polyfills_needed(server_, database, compiled);
    for (const std::string& polyfill : polyfills) notices.push_back(polyfill_notice(database, polyfill));
    // A SQLite file holds one database: the schema once, for each partition's file.
    const std::vector<std::string> sections =
        server_.engine.runs_a_server() ? database.names : std::vector<std::string>{database.names.front()};
    for (const std::string& name : sections) {
      writer_->open_database(content, config_, database, name);
      for (const std::string& polyfill : polyfills) content += polyfill_sql(polyfill);
      for (const CompiledSource& source : compiled) {
        if (source.source->migration) content += "-- ---- migration " + source.source->display + " ----\n";
        writer_->open_source(content, database, *source.source);
        for (const CompiledStatement& statement : source.statements) writer_->statement(content, statement, name);
      }
      const std::vector<std::string> history = history_statements(database, server_, compiled);
      if (!history.empty()) content += "-- ---- the history table of " + database.migrations->tool + " ----\n";
      for (const std::string& sql : history) content += sql + ";\n";
      writer_->close_database(content, config_, database, name);
    }
    return {file_name(directory, width, number, database.key + "-schema"), content, InitRole::Schema, database.names};
  }

  GeneratedFile fingerprint_file(const std::string& directory, int width, int number,
                                 const std::string& fingerprint) const {
    const std::string content = header(server_, "records the fingerprint of the files before this one; runs last", {}) +
                                "\n" + writer_->record_fingerprint(fingerprint);
    return {file_name(directory, width, number, "devenv-fingerprint"), content, InitRole::Fingerprint, {}};
  }

  const Config& config_;
  const Server& server_;
  std::unique_ptr<ScriptWriter> writer_;
  sqltext::SourceErrorList& errors_;
};

}  // namespace

std::vector<ServerInit> plan_init(const Config& config) {
  std::vector<ServerInit> out;
  sqltext::SourceErrorList errors;
  for (const Server& server : config.servers) out.push_back(ServerPlanner(config, server, errors).plan());
  errors.throw_if_any();
  return out;
}

}  // namespace devenv::generator
