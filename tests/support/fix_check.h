// The fix SQL of issue 13 on real servers: `devenv diff --format sql <DSN> <schema
// file>` for a live scratch database, applied with the engine's own client as a user
// would apply it, and whether the database then matches the file (`devenv diff <file>
// <DSN>` exits 0).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "support/native_example.h"
#include "support/run_command.h"
#include "support/scratch_database.h"

namespace devenv::test {

enum class FixOutcome {
  NoDifferences,  // `diff --format sql` exits 0: there was nothing to fix
  NotWritten,     // devenv failed (exit 2, a crash)
  FailedToApply,  // the client stopped at an error
  Refused,        // applied, and it says `-- devenv cannot …` of what it leaves undone
  Applied,        // applied; whether it converged was not asked
  NotConverged,   // applied, and `diff` still reports differences
  Converged,      // applied, and `diff` exits 0
};
const char* describe(FixOutcome outcome);

struct FixResult {
  FixOutcome outcome = FixOutcome::NotWritten;
  std::string command;  // the `devenv diff --format sql …` that wrote the fix
  int written_exit = -1;
  std::string fix_sql;  // what it wrote on stdout
  std::string devenv_stderr;
  CommandResult applied{-1, ""};      // the client's exit code and output
  std::string failed_statement;       // the statement the client stopped at, when it says where
  std::vector<std::string> refusals;  // the fix's `-- devenv cannot` lines
  CommandResult after{-1, ""};        // `devenv diff <file> <DSN>` once it is applied
  double seconds = 0;

  bool converged() const { return outcome == FixOutcome::Converged; }
  // What a failure message needs: the outcome, fix.sql (whole, with line numbers, or
  // only the statement the client stopped at), the client's output and what differs.
  std::string report(bool whole_fix = true) const;
};

struct FixOptions {
  bool allow_destructive = true;
  bool check_convergence = true;
};

// Writes the fix that brings `database` (on `scratch`'s server) to `desired` (a schema
// file, relative to the example's folder), applies it with the engine's client — not
// in one transaction: the fix connects to the database itself (`USE`, `\connect`) —
// and, unless it failed or refused, diffs again.
FixResult fix_and_check(const NativeExample& example, const ScratchDatabase& scratch, const std::string& database,
                        const std::string& desired, FixOptions options = {});

// The lines of a fix that refuse up front instead of writing SQL (`-- devenv cannot …`).
std::vector<std::string> refusals(const std::string& fix_sql);

// The statement of `sql` that holds line `line` (1-based): from the line after the
// previous one ending a statement to the next one that ends one.
std::string statement_at(const std::string& sql, std::size_t line);

// Where the client's output says it stopped: psql's "psql:FILE:LINE: ERROR", the
// mariadb client's "ERROR … at line LINE"; 0 when it does not say.
std::size_t error_line(const std::string& client_output);

// Each base table's row count and each of its columns' count of non-NULL values, by
// "table" and "table.column" (schema-qualified on PostgreSQL): what a fix that loses
// no data leaves as it was.
std::map<std::string, std::string> data_census(const ScratchDatabase& scratch, const std::string& database);

}  // namespace devenv::test
