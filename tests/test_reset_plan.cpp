// Which databases a reset in place makes again, and when it cannot (runtime/reset_plan.h).
#include "runtime/reset_plan.h"

#include <catch2/catch.hpp>

using devenv::generator::InitRole;
using devenv::runtime::CurrentInitFile;
using devenv::runtime::plan_reset;
using devenv::runtime::ResetPlan;
using devenv::runtime::ResetPlanInput;

namespace {

using Names = std::vector<std::string>;

// The example's MySQL init folder: 00, main, partitions, hydra, the fingerprint.
std::vector<CurrentInitFile> example_files() {
  return {{"00-init-databases.sql", "a0", InitRole::InitDatabases, {}},
          {"01-main-schema.sql", "a1", InitRole::Schema, {"unkey"}},
          {"02-partition-schema.sql", "a2", InitRole::Schema, {"partition_001", "partition_002"}},
          {"03-hydra-schema.sql", "a3", InitRole::Schema, {"hydra"}},
          {"99-devenv-fingerprint.sql", "a9", InitRole::Fingerprint, {}}};
}

ResetPlanInput mysql_input() {
  ResetPlanInput input;
  input.current = example_files();
  for (const CurrentInitFile& file : input.current) input.recorded.emplace_back(file.name, file.sha256);
  input.reruns_init_databases = true;
  return input;
}

ResetPlanInput postgres_input() {
  ResetPlanInput input = mysql_input();
  input.reruns_init_databases = false;
  input.keeps_pristine_copies = true;
  input.pristine = {"unkey", "partition_001", "partition_002", "hydra"};
  return input;
}

void change(ResetPlanInput& input, const std::string& name) {
  for (CurrentInitFile& file : input.current) {
    if (file.name == name) file.sha256 += "-edited";
  }
}

Names file_names(const ResetPlan& plan) {
  Names names;
  for (const CurrentInitFile& file : plan.files) names.push_back(file.name);
  return names;
}

}  // namespace

TEST_CASE("reset plan: nothing changed, MySQL makes every database again from its files", "[unit]") {
  const ResetPlan plan = plan_reset(mysql_input());
  REQUIRE(plan.in_place);
  CHECK(plan.rebuilt == Names{"unkey", "partition_001", "partition_002", "hydra"});
  CHECK(plan.from_pristine.empty());
  CHECK(plan.kept.empty());
  CHECK(plan.changed.empty());
  CHECK_FALSE(plan.fingerprint_changed);
  CHECK(file_names(plan) ==
        Names{"00-init-databases.sql", "01-main-schema.sql", "02-partition-schema.sql", "03-hydra-schema.sql"});
}

TEST_CASE("reset plan: nothing changed, PostgreSQL copies every database from its pristine copy", "[unit]") {
  const ResetPlan plan = plan_reset(postgres_input());
  REQUIRE(plan.in_place);
  CHECK(plan.from_pristine == Names{"unkey", "partition_001", "partition_002", "hydra"});
  CHECK(plan.rebuilt.empty());
  CHECK(plan.files.empty());
}

TEST_CASE("reset plan: one schema edited, only its databases are rebuilt when asked for changes", "[unit]") {
  ResetPlanInput input = mysql_input();
  change(input, "02-partition-schema.sql");
  change(input, "99-devenv-fingerprint.sql");
  input.only_changed = true;
  ResetPlan plan = plan_reset(input);
  REQUIRE(plan.in_place);
  CHECK(plan.rebuilt == Names{"partition_001", "partition_002"});
  CHECK(plan.changed == plan.rebuilt);
  CHECK(plan.kept == Names{"unkey", "hydra"});
  CHECK(plan.fingerprint_changed);
  CHECK(file_names(plan) == Names{"00-init-databases.sql", "02-partition-schema.sql", "99-devenv-fingerprint.sql"});

  input.only_changed = false;  // --all-databases
  plan = plan_reset(input);
  CHECK(plan.rebuilt.size() == 4);
  CHECK(plan.kept.empty());
  CHECK(plan.changed == Names{"partition_001", "partition_002"});
}

TEST_CASE("reset plan: PostgreSQL rebuilds a missing pristine copy's whole key from its file", "[unit]") {
  ResetPlanInput input = postgres_input();
  input.pristine.erase("partition_002");
  const ResetPlan plan = plan_reset(input);
  REQUIRE(plan.in_place);
  CHECK(plan.rebuilt == Names{"partition_001", "partition_002"});
  CHECK(plan.from_pristine == Names{"unkey", "hydra"});
  CHECK(plan.changed.empty());
  CHECK(file_names(plan) == Names{"02-partition-schema.sql"});  // PostgreSQL's 00 makes roles: never twice
}

TEST_CASE("reset plan: a seed file runs again only with every database made afresh", "[unit]") {
  ResetPlanInput input = postgres_input();
  input.current.insert(input.current.begin() + 4, {"50-seed.sql", "s", InitRole::None, {}});
  input.recorded.emplace_back("50-seed.sql", "s");
  ResetPlan plan = plan_reset(input);
  REQUIRE(plan.in_place);
  CHECK(plan.from_pristine.size() == 4);  // the copies were made after the seed ran
  CHECK(plan.files.empty());

  change(input, "01-main-schema.sql");
  input.only_changed = true;
  plan = plan_reset(input);
  REQUIRE(plan.in_place);
  CHECK(plan.rebuilt.size() == 4);  // the seed may fill any of them
  CHECK(plan.kept.empty());
  CHECK(file_names(plan) == Names{"01-main-schema.sql", "02-partition-schema.sql", "03-hydra-schema.sql", "50-seed.sql",
                                  "99-devenv-fingerprint.sql"});
}

TEST_CASE("reset plan: what cannot be redone in place makes the data dir again, saying why", "[unit]") {
  const auto why_not = [](ResetPlanInput input) {
    const ResetPlan plan = plan_reset(input);
    CHECK_FALSE(plan.in_place);
    return plan.why_not;
  };
  ResetPlanInput input = mysql_input();
  change(input, "00-init-databases.sql");
  CHECK_THAT(why_not(input), Catch::Contains("00-init-databases.sql changed (databases, users or grants)"));

  input = mysql_input();
  input.current.push_back({"50-seed.sh", "x", InitRole::None, {}});
  input.recorded.emplace_back("50-seed.sh", "x");
  CHECK_THAT(why_not(input), Catch::Contains("50-seed.sh is a script"));

  input = mysql_input();
  input.current.push_back({"60-dump.sql.gz", "x", InitRole::None, {}});
  input.recorded.emplace_back("60-dump.sql.gz", "x");
  CHECK_THAT(why_not(input), Catch::Contains("compressed"));

  input = mysql_input();
  input.current.push_back({"50-seed.sql", "x", InitRole::None, {}});
  CHECK_THAT(why_not(input), Catch::Contains("50-seed.sql is new since the init"));

  input = mysql_input();
  input.recorded.emplace_back("50-seed.sql", "x");
  CHECK_THAT(why_not(input), Catch::Contains("50-seed.sql was removed since the init"));

  input = mysql_input();
  input.current.push_back({"50-seed.sql", "x", InitRole::None, {}});
  input.recorded.emplace_back("50-seed.sql", "y");
  CHECK_THAT(why_not(input), Catch::Contains("50-seed.sql changed since the init"));

  input = mysql_input();
  input.recorded.clear();
  CHECK_THAT(why_not(input), Catch::Contains("no record"));
}

TEST_CASE("reset plan: files the init ignores change nothing", "[unit]") {
  ResetPlanInput input = mysql_input();
  input.current.push_back({"README.md", "new", InitRole::None, {}});
  input.recorded.emplace_back("notes.txt", "old");
  const ResetPlan plan = plan_reset(input);
  CHECK(plan.in_place);
  CHECK(plan.rebuilt.size() == 4);
}

TEST_CASE("reset plan: asked for changes on a server without any, it keeps everything", "[unit]") {
  ResetPlanInput input = postgres_input();
  input.only_changed = true;
  const ResetPlan plan = plan_reset(input);
  REQUIRE(plan.in_place);
  CHECK(plan.rebuilt.empty());
  CHECK(plan.from_pristine.empty());
  CHECK(plan.kept.size() == 4);
  CHECK(plan.files.empty());
}

TEST_CASE("reset plan: what an interrupted reset was making is made again, with what changed since", "[unit]") {
  ResetPlanInput input = postgres_input();
  change(input, "01-main-schema.sql");
  input.only_changed = true;
  input.unfinished = {"hydra", "gone_since"};
  const ResetPlan plan = plan_reset(input);
  REQUIRE(plan.in_place);
  CHECK(plan.rebuilt == Names{"unkey"});
  CHECK(plan.from_pristine == Names{"hydra"});  // its copy is whole: an interrupted reset never touches one it uses
  CHECK(plan.kept == Names{"partition_001", "partition_002"});
}
