#pragma once

#include <string>
#include <vector>

#include "config/config.h"
#include "sql/qualifier.h"
#include "sql/statement.h"

namespace devenv::initdb {

// One statement of a schema file, qualified once and ready to be rendered for each
// database the source is applied to.
struct CompiledStatement {
  sql::StatementKind kind;
  sql::SourceLocation where;
  bool has_inner_semicolon;  // needs a DELIMITER for the mysql client
  bool ends_in_comment;      // the terminator must go on a new line
  sql::QualifiedText text;
};

struct CompiledSource {
  const config::SchemaSource* source;
  std::string sha256;
  std::vector<CompiledStatement> statements;
};

// Reads, splits and qualifies one schema file. Throws sql::SourceError.
CompiledSource compile_source(const config::SchemaSource& source, const sql::QualifyTarget& target);

}  // namespace devenv::initdb
