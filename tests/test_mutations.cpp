// The property test of issue 12: for every schema of a corpus (tests/fixtures/mutations/
// {mariadb,postgres}/*.sql, written in the styles real projects use), random single
// mutations of its live copy — one ALTER/CREATE/DROP/COMMENT of one object — must each
// be reported by `devenv diff --format json schema.sql <DSN>` with exit 1 and the
// object named, and the unmutated copy must diff clean (exit 0).
//
// Mutations are generated from the loaded schema's own catalog by the templates of
// support/mutation_corpus.h: a fixed seed picks a few per schema, preferring templates
// used least so far, so every template runs somewhere. A mutation the server refuses
// (a column a view needs, …) is skipped and another one is tried.
//
// What devenv does not report yet is listed in kKnownMisses / kKnownFalseDrift: printed,
// not failed on. An entry that starts being reported fails the test, so the lists only
// shrink.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>
#include <random>
#include <set>
#include <sstream>

#include "support/json_differences.h"
#include "support/mutation_corpus.h"
#include "support/native_example.h"
#include "support/scratch_database.h"

using devenv::test::CommandResult;
using devenv::test::Mutation;
using devenv::test::NativeExample;
using devenv::test::one_line;
using devenv::test::ScratchDatabase;
using devenv::test::ScratchEngine;

namespace {

constexpr std::size_t kMutationsPerSchema = 4;  // two engines in about 4 minutes on 2 cores
constexpr std::size_t kAttemptsPerSchema = 8;   // refused mutations included

// (schema file, mutation id) pairs devenv does not report today; see the report of issue 12.
const std::set<std::pair<std::string, std::string>> kKnownMisses = {
    // PostgreSQL view options (reloptions such as security_invoker).
    {"postgres/09-hr.sql", "set view security_invoker view hr.current_dept_emp"},
};

// Schema files whose unmutated load already diffs as drift.
const std::set<std::string> kKnownFalseDrift = {};

// Whether one difference names the mutated object (and part, when it has one). A
// PostgreSQL comment on an index, constraint, routine or view is an object of its own,
// "comment on index public.i", "comment on table constraint c on public.t": it names
// the part (or, for a whole object, the object's own name).
bool names(const std::string& differences, const Mutation& mutation) {
  const std::string object = mutation.object.substr(mutation.object.find(' ') + 1);  // "view hr.v" → "hr.v"
  std::istringstream lines(differences);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"kind\": \"comment\"") != std::string::npos) {
      // A routine by its name: comments name its argument types only, "f(integer)".
      const std::string named = mutation.name.empty() ? object.substr(0, object.find('(')) : mutation.name;
      if (line.find("\"object\": \"comment on ") != std::string::npos && line.find(named) != std::string::npos) {
        return true;
      }
    }
    if (line.find("\"object\": \"" + mutation.object + "\"") == std::string::npos) continue;
    if (mutation.name.empty() || line.find("\"name\": \"" + mutation.name + "\"") != std::string::npos) return true;
  }
  return false;
}

void run_corpus(ScratchEngine engine) {
  const bool mariadb = engine == ScratchEngine::MariaDB;
  const std::string engine_name = mariadb ? "MariaDB" : "PostgreSQL";
  const auto started = std::chrono::steady_clock::now();
  const std::uint32_t the_seed = devenv::test::mutation_seed();
  INFO("seed " << the_seed << " (DEVENV_MUTATION_SEED overrides it)");

  NativeExample example;
  const CommandResult up = example.devenv(mariadb ? "up mysql" : "up postgres");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  const ScratchDatabase scratch(example, engine);
  const auto templates = devenv::test::mutation_templates(engine);
  const std::string database = "mutation_scratch";

  const std::vector<std::filesystem::path> files = devenv::test::corpus_files(engine);
  CHECK(files.size() >= 25);

  std::map<std::string, int> used;
  std::size_t mutations = 0, reported = 0, refused = 0;
  std::vector<std::string> missed, known_missed, false_drift, known_false_drift, now_reported, to_list;
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& path : files) {
    const std::string schema = devenv::test::corpus_name(engine, path);
    const std::string sql = devenv::test::read_file(path);
    example.dir().write("desired.sql", sql);
    std::mt19937 random(the_seed ^ devenv::test::fnv1a(schema));

    scratch.load(database, sql);
    std::vector<Mutation> chosen =
        devenv::test::pick(devenv::test::candidates(scratch, database, templates), random, used);
    std::size_t done = 0, attempts = 0;
    for (const Mutation& mutation : chosen) {
      if (done == kMutationsPerSchema || attempts == kAttemptsPerSchema) break;
      ++attempts;
      const std::string dsn = attempts == 1 ? scratch.dsn(database) : scratch.load(database, sql);
      INFO(schema << ": " << mutation.id() << "\n" << mutation.sql);
      const CommandResult clean = example.devenv("diff --format json desired.sql " + dsn);
      if (clean.exit_code == 0 && attempts == 1 && kKnownFalseDrift.count(schema)) {
        now_reported.push_back(schema + " diffs clean now (remove it from kKnownFalseDrift)");
      }
      if (clean.exit_code != 0) {
        const std::string finding =
            schema + ": unmutated diff exits " + std::to_string(clean.exit_code) + ": " + one_line(clean.output, 1200);
        if (kKnownFalseDrift.count(schema)) {
          known_false_drift.push_back(finding);
        } else {
          false_drift.push_back(finding);
        }
        break;  // every mutation of this schema would be judged against a wrong baseline
      }
      const CommandResult applied = scratch.run(database, mutation.sql, true);
      if (applied.exit_code != 0) {
        ++refused;
        std::cout << "  refused " << schema << ": " << mutation.id() << ": " << one_line(applied.output, 200) << "\n";
        continue;
      }
      ++done;
      ++mutations;
      ++used[mutation.template_name];
      seen.insert({schema, mutation.id()});
      const CommandResult diff = example.devenv("diff --format json desired.sql " + dsn);
      const bool ok = diff.exit_code == 1 && names(devenv::test::flattened_differences(diff.output), mutation);
      const bool known = kKnownMisses.count({schema, mutation.id()}) > 0;
      if (ok) ++reported;
      if (ok && known) now_reported.push_back(schema + ": " + mutation.id());
      if (!ok) {
        const bool parsed = diff.exit_code == 0 || diff.exit_code == 1;
        const std::string said = parsed ? devenv::test::flattened_differences(diff.output) : diff.output;
        const std::string finding = schema + ": " + mutation.id() + "\n    SQL: " + one_line(mutation.sql) +
                                    "\n    devenv (exit " + std::to_string(diff.exit_code) +
                                    "): " + one_line(said, 600);
        (known ? known_missed : missed).push_back(finding);
        if (!known) to_list.push_back("{\"" + schema + "\", \"" + mutation.id() + "\"},");
      }
    }
  }

  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::ostringstream summary;
  summary << "mutations (" << engine_name << "), seed " << the_seed << ": schemas " << files.size() << ", mutations "
          << mutations << ", reported " << reported << ", missed " << missed.size() + known_missed.size() << " ("
          << known_missed.size() << " known), false drift " << false_drift.size() + known_false_drift.size() << " ("
          << known_false_drift.size() << " known; their mutations not run), refused by the server " << refused
          << ", templates used " << used.size() << "/" << templates.size() << ", " << seconds << " s\n";
  for (const auto& [name, query] : templates) {
    if (!used.count(name)) summary << "  template not run (no object, or refused each time): " << name << "\n";
  }
  for (const std::string& line : known_missed) summary << "  known miss: " << line << "\n";
  for (const std::string& line : known_false_drift) summary << "  known false drift: " << line << "\n";
  for (const std::string& line : missed) summary << "  MISSED: " << line << "\n";
  for (const std::string& line : false_drift) summary << "  FALSE DRIFT: " << line << "\n";
  for (const std::string& line : now_reported)
    summary << "  NOW REPORTED (remove it from the known list): " << line << "\n";
  if (!to_list.empty()) summary << "  kKnownMisses entries for the misses above:\n";
  for (const std::string& line : to_list) summary << "      " << line << "\n";
  std::cout << summary.str() << std::flush;

  CHECK(missed.empty());
  CHECK(false_drift.empty());
  CHECK(now_reported.empty());
  if (the_seed == devenv::test::kDefaultMutationSeed) {
    for (const auto& entry : kKnownMisses) {
      if (entry.first.rfind(mariadb ? "mariadb/" : "postgres/", 0) == 0) {
        INFO("stale kKnownMisses entry (no longer run): " << entry.first << ": " << entry.second);
        CHECK(seen.count(entry));
      }
    }
  }
}

}  // namespace

TEST_CASE("mutations (MariaDB): every single mutation of a schema's live copy is reported", "[native][verify]") {
  run_corpus(ScratchEngine::MariaDB);
}

TEST_CASE("mutations (PostgreSQL): every single mutation of a schema's live copy is reported", "[native][verify]") {
  run_corpus(ScratchEngine::Postgres);
}
