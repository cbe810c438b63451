// libFuzzer target: the splitter and the qualifier, in both dialects, and the
// config's ${VAR} interpolation and .env reader, on any bytes. A SourceError (or a
// ConfigError, UnsetVariable, BadReference) is the expected answer to bad input; anything else the sanitizers or
// libFuzzer see (a crash, an overflow, undefined behaviour, an uncaught exception) is
// a bug. Run by tests/fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/config_error.h"
#include "config/dotenv.h"
#include "config/interpolate.h"
#include "engine/collations.h"
#include "sqltext/own_database.h"
#include "sqltext/qualifier.h"
#include "sqltext/search_path.h"
#include "sqltext/source_error.h"
#include "sqltext/splitter.h"

namespace {

using devenv::sqltext::Dialect;

devenv::sqltext::QualifyTarget target_for(Dialect dialect) {
  devenv::sqltext::QualifyTarget target;
  target.dialect = dialect;
  target.database = dialect == Dialect::MySQL ? "unkey" : "";
  target.database_label = "unkey";
  target.schema = dialect == Dialect::Postgres ? "public" : "";
  target.known_qualifiers =
      dialect == Dialect::MySQL ? std::set<std::string>{"unkey", "hydra"} : std::set<std::string>{"public", "identity"};
  target.own_databases = {"unkey"};
  if (dialect == Dialect::MySQL) target.map_collation = devenv::engine::mariadb_collation_for;
  return target;
}

void read_as(Dialect dialect, const std::string& text) {
  try {
    const devenv::sqltext::QualifyTarget target = target_for(dialect);
    devenv::sqltext::FileQualifier qualifier(target);
    for (const devenv::sqltext::Statement& statement : devenv::sqltext::split(text, dialect, "fuzz.sql")) {
      if (devenv::sqltext::own_database_statement(statement, target)) continue;
      qualifier.qualify(statement).render("db");
    }
  } catch (const devenv::sqltext::SourceError&) {
    // bad SQL, said with a position: the right answer
  }
}

// HOME is set, EMPTY is set and empty, anything else is unset.
std::optional<std::string> fake_variable(const std::string& name) {
  if (name == "HOME") return std::string("/root");
  if (name == "EMPTY") return std::string();
  return std::nullopt;
}

void read_variables(const std::string& text) {
  const devenv::config::Environment environment = fake_variable;
  try {
    devenv::config::interpolate(text, environment);
  } catch (const devenv::config::UnsetVariable&) {
  } catch (const devenv::config::BadReference&) {
  }
  try {
    devenv::config::parse_dotenv(text, "fuzz/.env", environment);
  } catch (const devenv::config::ConfigError&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  read_as(Dialect::MySQL, text);
  read_as(Dialect::Postgres, text);
  read_as(Dialect::SQLite, text);
  read_variables(text);
  return 0;
}
