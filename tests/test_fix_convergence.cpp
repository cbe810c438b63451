// Issue 13 on real servers: the fix `devenv diff --format sql --allow-destructive <DSN>
// des.sql` writes for a live database holding cur.sql applies with the engine's client
// and converges: `devenv diff des.sql <DSN>` exits 0 afterwards.
//
// The pairs are tests/fixtures/fix_pairs/{mariadb,postgres}/<item>-<case>/{cur.sql,
// des.sql}, written the way projects write schemas: cur is an older version (what the
// live database holds), des a later one (the schema files). There is a test case per
// numbered item of issue 13, running every pair whose folder starts with its number;
// each pair that does not converge fails it, with fix.sql, the client's output and the
// differences that remain.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <optional>
#include <regex>
#include <sstream>

#include "support/fix_check.h"
#include "support/native_example.h"
#include "support/scratch_database.h"

using devenv::test::CommandResult;
using devenv::test::FixOptions;
using devenv::test::FixOutcome;
using devenv::test::FixResult;
using devenv::test::NativeExample;
using devenv::test::ScratchDatabase;
using devenv::test::ScratchEngine;

namespace fs = std::filesystem;

namespace {

const fs::path kPairs = fs::path(DEVENV_SOURCE_DIR) / "tests/fixtures/fix_pairs";
const std::string kDatabase = "fix_pair";
constexpr int kItems = 7;  // the numbered items of issue 13, and 7: realistic migrations

const char* folder(ScratchEngine engine) { return engine == ScratchEngine::MariaDB ? "mariadb" : "postgres"; }

// The pairs of one item on one engine, in name order.
std::vector<fs::path> pairs_of(ScratchEngine engine, int item) {
  std::vector<fs::path> out;
  const std::string prefix = std::to_string(item) + "-";
  for (const auto& entry : fs::directory_iterator(kPairs / folder(engine))) {
    if (entry.is_directory() && entry.path().filename().string().rfind(prefix, 0) == 0) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::string pair_name(ScratchEngine engine, const fs::path& pair) {
  return std::string(folder(engine)) + "/" + pair.filename().string();
}

// One private example with the servers the pairs need, and a scratch database on each.
class PairBench {
 public:
  explicit PairBench(const std::vector<ScratchEngine>& engines) {
    const bool mariadb = std::count(engines.begin(), engines.end(), ScratchEngine::MariaDB) > 0;
    const bool postgres = std::count(engines.begin(), engines.end(), ScratchEngine::Postgres) > 0;
    const CommandResult up = example_.devenv(mariadb && postgres ? "up" : mariadb ? "up mysql" : "up postgres");
    INFO(up.output);
    REQUIRE(up.exit_code == 0);
    if (mariadb) mariadb_.emplace(example_, ScratchEngine::MariaDB);
    if (postgres) postgres_.emplace(example_, ScratchEngine::Postgres);
  }

  const ScratchDatabase& scratch(ScratchEngine engine) const {
    return engine == ScratchEngine::MariaDB ? *mariadb_ : *postgres_;
  }

  // A fresh scratch database holding the pair's cur.sql; des.sql is copied to the
  // example's folder as des.sql.
  void load(ScratchEngine engine, const fs::path& pair) const {
    scratch(engine).load(kDatabase, devenv::test::read_file(pair / "cur.sql"));
    example_.dir().write("des.sql", devenv::test::read_file(pair / "des.sql"));
  }

  // The fix of what load() left, applied.
  FixResult fix_loaded(ScratchEngine engine, FixOptions options = {}) const {
    return devenv::test::fix_and_check(example_, scratch(engine), kDatabase, "des.sql", options);
  }

  FixResult fix(ScratchEngine engine, const fs::path& pair, FixOptions options = {}) const {
    load(engine, pair);
    return fix_loaded(engine, options);
  }

 private:
  NativeExample example_;
  std::optional<ScratchDatabase> mariadb_;
  std::optional<ScratchDatabase> postgres_;
};

void check_item(int item, const std::string& what) {
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::pair<ScratchEngine, fs::path>> pairs;
  std::vector<ScratchEngine> engines;
  for (const ScratchEngine engine : {ScratchEngine::MariaDB, ScratchEngine::Postgres}) {
    const std::vector<fs::path> found = pairs_of(engine, item);
    if (!found.empty()) engines.push_back(engine);
    for (const fs::path& pair : found) pairs.emplace_back(engine, pair);
  }
  REQUIRE(!pairs.empty());
  const PairBench bench(engines);

  std::ostringstream lines;
  std::size_t converged = 0;
  for (const auto& [engine, pair] : pairs) {
    const std::string name = pair_name(engine, pair);
    const FixResult result = bench.fix(engine, pair);
    lines << "  " << std::left << std::setw(26) << describe(result.outcome) << name << " (" << std::fixed
          << std::setprecision(1) << result.seconds << " s)\n";
    if (result.converged()) {
      ++converged;
    } else {
      FAIL_CHECK(name << ": " << result.report());
    }
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "fix pairs, issue 13 item " << item << " (" << what << "): " << pairs.size() << " pairs, " << converged
            << " converged, " << pairs.size() - converged << " not, " << std::fixed << std::setprecision(1) << seconds
            << " s\n"
            << lines.str() << std::flush;
}

// A statement that loses data (docs: dropping a column, table, type, schema or
// database, …); re-creating a column or table drops it first.
const std::regex kDestructive("\\bDROP\\s+(COLUMN|TABLE|TYPE|SCHEMA|DATABASE|SEQUENCE|DOMAIN|EXTENSION)\\b",
                              std::regex::icase);

}  // namespace

TEST_CASE("fix pairs: every fixture folder belongs to an item of issue 13 and holds cur.sql and des.sql",
          "[unit][fix]") {
  std::size_t pairs = 0;
  for (const ScratchEngine engine : {ScratchEngine::MariaDB, ScratchEngine::Postgres}) {
    for (const auto& entry : fs::directory_iterator(kPairs / folder(engine))) {
      const std::string name = entry.path().filename().string();
      INFO(folder(engine) << "/" << name);
      CHECK(std::regex_match(name, std::regex("[1-9]-[a-z0-9-]+")));
      CHECK(std::stoi(name) <= kItems);
      CHECK(fs::is_regular_file(entry.path() / "cur.sql"));
      CHECK(fs::is_regular_file(entry.path() / "des.sql"));
      ++pairs;
    }
  }
  CHECK(pairs >= 30);
}

TEST_CASE("fix convergence 1: statements in dependency order (sequences, foreign keys, views, routines)",
          "[native][fix]") {
  check_item(1, "order of statements");
}

TEST_CASE("fix convergence 2: MariaDB generated columns between VIRTUAL and STORED", "[native][fix]") {
  check_item(2, "MariaDB generated columns");
}

TEST_CASE("fix convergence 3: MariaDB column-level CHECK constraints", "[native][fix]") {
  check_item(3, "MariaDB column-level CHECK");
}

TEST_CASE("fix convergence 4: MariaDB foreign keys dropped or changed, with their implicit indexes", "[native][fix]") {
  check_item(4, "MariaDB foreign keys and their indexes");
}

TEST_CASE("fix convergence 5: PostgreSQL expression, partial and unique indexes", "[native][fix]") {
  check_item(5, "PostgreSQL indexes");
}

TEST_CASE("fix convergence 6: PostgreSQL enum values removed, renamed or reordered", "[native][fix]") {
  check_item(6, "PostgreSQL enums");
}

// Schemas as projects leave them between two releases (Rails, Laravel, Django, Prisma,
// Drizzle, Supabase, sqlx, goose, dbmate, WordPress- and Magento-like, partitioned
// events, job queues, multi-tenant SaaS), several changes at once, and the small pairs
// that found the plan's gaps (each named min-…): docs/fix-sql.md.
TEST_CASE("fix convergence 7: realistic migrations with several changes at once", "[native][fix]") {
  check_item(7, "realistic migrations");
}

// Without --allow-destructive: the fix still applies, whatever loses data is commented
// out (and what needs it with it), and no table, column or non-NULL value of the live
// data is gone afterwards. The pairs are ones whose full fix has destructive statements.
TEST_CASE("fix convergence: without --allow-destructive the fix applies and runs nothing destructive",
          "[native][fix]") {
  const auto started = std::chrono::steady_clock::now();
  struct KeptOut {
    ScratchEngine engine;
    const char* pair;
    const char* destructive;  // what the full fix must do that loses data
  };
  const std::vector<KeptOut> pairs = {
      {ScratchEngine::MariaDB, "1-drop-parent-and-child", "drop three tables"},
      {ScratchEngine::MariaDB, "2-generated-virtual-to-stored", "drop and re-add a generated column"},
      {ScratchEngine::MariaDB, "2-generated-stored-to-virtual-indexed", "drop and re-add an indexed generated column"},
      {ScratchEngine::Postgres, "1-drop-parent-and-child", "drop three tables"},
      {ScratchEngine::Postgres, "1-drop-column-table-read-by-view", "drop a column"},
      {ScratchEngine::Postgres, "6-enum-value-removed-default-and-view", "re-create an enum type"},
  };
  const PairBench bench({ScratchEngine::MariaDB, ScratchEngine::Postgres});
  std::ostringstream lines;
  std::size_t passed = 0;
  for (const auto& [engine, case_name, destructive] : pairs) {
    const fs::path pair = kPairs / folder(engine) / case_name;
    const std::string name = pair_name(engine, pair);
    bench.load(engine, pair);
    const auto before = devenv::test::data_census(bench.scratch(engine), kDatabase);
    const FixResult result = bench.fix_loaded(engine, {false, false});
    std::vector<std::string> problems;
    if (result.outcome != FixOutcome::Applied) problems.push_back(describe(result.outcome));
    std::size_t kept_out = 0;
    std::istringstream fix(result.fix_sql);
    for (std::string line; std::getline(fix, line);) {
      if (!std::regex_search(line, kDestructive)) continue;
      if (line.rfind("--", 0) == 0) {
        ++kept_out;
      } else {
        problems.push_back("a destructive statement is not commented out: " + line);
      }
    }
    if (kept_out == 0) {
      problems.push_back(std::string("no destructive statement is commented out (the fix must ") + destructive + ")");
    }
    if (result.outcome == FixOutcome::Applied) {
      const auto after = devenv::test::data_census(bench.scratch(engine), kDatabase);
      for (const auto& [what, count] : before) {
        const auto now = after.find(what);
        if (now == after.end()) {
          problems.push_back(what + " is gone (it had " + count + ")");
        } else if (now->second != count) {
          problems.push_back(what + ": " + count + " before, " + now->second + " after");
        }
      }
    }
    lines << "  " << (problems.empty() ? "ok      " : "FAILED  ") << name << " (" << std::fixed << std::setprecision(1)
          << result.seconds << " s)\n";
    if (problems.empty()) {
      ++passed;
      continue;
    }
    std::string said;
    for (const std::string& problem : problems) said += "  " + problem + "\n";
    FAIL_CHECK(name << " without --allow-destructive:\n" << said << result.report());
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "fix pairs without --allow-destructive: " << pairs.size() << " pairs, " << passed << " ok, "
            << pairs.size() - passed << " not, " << std::fixed << std::setprecision(1) << seconds << " s\n"
            << lines.str() << std::flush;
}
