#pragma once

#include <string>

#include "sqltext/qualified_text.h"
#include "sqltext/qualifier.h"
#include "sqltext/statement.h"

namespace devenv::sqltext {

// Qualifies the statements of one schema file in order. PostgreSQL: follows the file's
// own search_path, as psql does when it loads the file. After `SET search_path = s, …`
// (also `TO`, a string, SESSION/LOCAL, `SET SCHEMA 's'`, or pg_dump's
// `SELECT [pg_catalog.]set_config('search_path', 's, …', …)`) unqualified names go
// into s, the first schema of the path ("$user" skipped); after `RESET search_path` or
// `SET search_path TO DEFAULT` back into the file's own schema. An empty path
// (pg_dump's, which then qualifies every name itself) leaves the schema as it is. The
// SET statement stays in the output: the file's function bodies and later statements
// resolve names with it at run time. SET LOCAL is read as SET (transactions are not
// followed).
class FileQualifier {
 public:
  explicit FileQualifier(QualifyTarget target);

  // Throws SourceError as qualify() does, and for a search_path whose first schema
  // the file may not use (see QualifyTarget::known_qualifiers and any_schema).
  QualifiedText qualify(const Statement& statement);

  // Where unqualified names go now.
  const std::string& schema() const { return target_.schema; }

 private:
  void follow_search_path(const Statement& statement);

  QualifyTarget target_;
  std::string file_schema_;
};

}  // namespace devenv::sqltext
