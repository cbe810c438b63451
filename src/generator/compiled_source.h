#pragma once

#include <set>
#include <string>
#include <vector>

#include "config/config.h"
#include "sqltext/qualifier.h"
#include "sqltext/statement.h"

namespace devenv::generator {

// One statement of a schema file, qualified once and ready to be rendered for each
// database the source is applied to.
struct CompiledStatement {
  sqltext::StatementKind kind;
  sqltext::SourceLocation where;
  bool has_inner_semicolon;  // needs a DELIMITER for the mysql client
  bool ends_in_comment;      // the terminator must go on a new line
  // PostgreSQL CREATE EXTENSION: a verify's shadow load has the admin session run it,
  // since its own account may not (docs/safety.md).
  bool creates_extension;
  sqltext::QualifiedText text;
};

struct CompiledSource {
  const config::SchemaSource* source;
  std::string sha256;
  std::vector<CompiledStatement> statements;
  // For build's output: statements left out (the file's own CREATE DATABASE/USE) and
  // collations mapped for the server, one line each per file.
  std::vector<std::string> notices;
  // Built-in functions of newer servers the statements call, and those they define
  // themselves (a project's own uuidv7() for PostgreSQL before 18): generator/polyfills.h.
  std::set<std::string> calls;
  std::set<std::string> defines;
};

// Reads, splits and qualifies one schema file. Throws sqltext::SourceError (one, or
// sqltext::SourceErrors with every statement's error: a bad statement does not stop
// the checking of the next ones; an unterminated string does, since what follows it
// cannot be split).
CompiledSource compile_source(const config::SchemaSource& source, const sqltext::QualifyTarget& target);

}  // namespace devenv::generator
