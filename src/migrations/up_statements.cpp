#include "migrations/up_statements.h"

#include "migrations/cut_trigger.h"

#include "sqltext/splitter.h"

namespace devenv::migrations {

std::vector<sqltext::Statement> up_statements(const UpScript& script, sqltext::Dialect dialect,
                                              const std::string& display) {
  std::vector<sqltext::Statement> statements;
  for (const UpPart& part : script.parts) {
    const sqltext::SourceLocation start{display, part.line, part.column};
    if (part.whole) {
      if (auto statement = sqltext::single_statement(part.text, dialect, start)) {
        reject_cut_trigger(*statement, dialect);
        statements.push_back(std::move(*statement));
      }
      continue;
    }
    for (sqltext::Statement& statement : sqltext::split(part.text, dialect, start)) {
      reject_cut_trigger(statement, dialect);
      statements.push_back(std::move(statement));
    }
  }
  return statements;
}

}  // namespace devenv::migrations
