// The mutation corpus of issue 12, shared by the property tests that use it: schema
// files written in the styles real projects use (tests/fixtures/mutations/{mariadb,
// postgres}/*.sql) and templates of single mutations of a loaded copy.
//
// Each template is a catalog query returning (object as the report names it, part
// name, SQL) for every object of the loaded database it applies to. A fixed seed
// (DEVENV_MUTATION_SEED overrides it) picks among them, preferring templates used least
// so far, so every template runs somewhere.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "support/scratch_database.h"

namespace devenv::test {

constexpr std::uint32_t kDefaultMutationSeed = 20261212;

struct Mutation {
  std::string template_name;
  std::string object;
  std::string name;
  std::string sql;
  std::string id() const { return template_name + " " + object + (name.empty() ? "" : " " + name); }
};

// (template name, catalog query returning rows of (object label, part name or '', SQL)).
using MutationTemplates = std::vector<std::pair<std::string, std::string>>;

MutationTemplates mutation_templates(ScratchEngine engine);

// The corpus's schema files of that engine, in name order.
std::vector<std::filesystem::path> corpus_files(ScratchEngine engine);
// "mariadb/01-shop.sql": how reports and known-issue lists name a corpus file.
std::string corpus_name(ScratchEngine engine, const std::filesystem::path& file);

// The seed: DEVENV_MUTATION_SEED, or kDefaultMutationSeed.
std::uint32_t mutation_seed();
std::uint32_t fnv1a(const std::string& text);

// Every mutation the templates find in the loaded `database`; fails the test when a
// template does not run.
std::vector<Mutation> candidates(const ScratchDatabase& scratch, const std::string& database,
                                 const MutationTemplates& templates);

// One mutation per template, shuffled, those of templates used least so far first.
std::vector<Mutation> pick(std::vector<Mutation> all, std::mt19937& random, const std::map<std::string, int>& used);

// Newlines as spaces, cut at `limit` characters.
std::string one_line(std::string text, std::size_t limit = 400);

}  // namespace devenv::test
