#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

#include "generator/generated_file.h"

namespace devenv::runtime {

// One file of initdb/<server> now: its name, the sha256 of its bytes, and what it
// does when devenv generated it (role None: a file of the user's, e.g. 50-seed.sql).
struct CurrentInitFile {
  std::string name;
  std::string sha256;
  generator::InitRole role = generator::InitRole::None;
  std::vector<std::string> databases;  // a schema file's
};

// What a reset in place does on a running server (docs/reset.md), or why it cannot:
//   - after a schema edit (on any server reset) only the databases whose schema file
//     changed are rebuilt; with none (or --all-databases), every database is;
//   - a database is rebuilt by dropping it and re-running its schema file; PostgreSQL
//     instead copies an unchanged one from its pristine copy in the same server;
//   - the user's own .sql files (a seed) fill any database: when one is rebuilt from
//     files, all are, and those files run again.
// Anything else the init did cannot be redone in place, and the data dir is made
// again (the init cache's way): a changed 00-init-databases.sql (users, grants), a
// user's file added, removed or changed, a .sh or compressed file, no record.
struct ResetPlan {
  bool in_place = false;
  std::string why_not;                     // when not in place: for the progress line
  std::vector<std::string> from_pristine;  // copied again from their pristine copy
  std::vector<std::string> rebuilt;        // dropped, then made again by their files
  std::vector<std::string> kept;           // left alone, with their data
  std::vector<std::string> changed;        // of `rebuilt`: those whose schema file changed
  std::vector<CurrentInitFile> files;      // the init files to run, in order
  bool fingerprint_changed = false;        // the last file runs again (after forget_fingerprint)
};

struct ResetPlanInput {
  std::vector<std::pair<std::string, std::string>> recorded;  // ServerState::init_files
  std::vector<CurrentInitFile> current;                       // in run order
  bool keeps_pristine_copies = false;                         // PostgreSQL
  bool reruns_init_databases = false;  // MySQL: 00-init-databases.sql is idempotent and re-grants
  std::set<std::string> pristine;      // databases that have one
  bool only_changed = false;           // ResetRequest::only_changed
  std::set<std::string> unfinished;    // what an interrupted reset was making: made again in any case
};

ResetPlan plan_reset(const ResetPlanInput& input);

}  // namespace devenv::runtime
