// libFuzzer target: the splitter and the qualifier, in both dialects, on any bytes.
// A SourceError is the expected answer to bad input; anything else the sanitizers or
// libFuzzer see (a crash, an overflow, undefined behaviour, an uncaught exception) is
// a bug. Run by tests/fuzz/run.sh.
#include <cstddef>
#include <cstdint>
#include <string>

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

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  read_as(Dialect::MySQL, text);
  read_as(Dialect::Postgres, text);
  return 0;
}
