// The folder side of named snapshots (runtime/snapshot_store.h): names, the manifest,
// atomic save, replace and rm, what an interrupted one leaves, and ownership. The
// dumps themselves, on real servers, are in test_snapshots.cpp.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "runtime/owned_dir.h"
#include "runtime/snapshot_store.h"
#include "support/temp_dir.h"
#include "util/runtime_error.h"
#include "util/usage_error.h"

namespace fs = std::filesystem;
using devenv::runtime::check_snapshot_name;
using devenv::runtime::SnapshotDatabase;
using devenv::runtime::SnapshotManifest;
using devenv::runtime::SnapshotStore;
using devenv::test::TempDir;

namespace {

// A state dir of devenv's, as Workspace claims it.
fs::path state_dir(const TempDir& dir) {
  const fs::path state = dir.path() / ".devenv";
  devenv::runtime::claim_state_dir(state, {});
  return state;
}

SnapshotManifest manifest_named(const std::string& name) {
  SnapshotManifest manifest{name, 1764662400, {}};
  manifest.databases.push_back(
      {"main", "mysql", "mariadb", "unkey", "ab12", "01-unkey.sql", 5, "CREATE DATABASE `unkey`"});
  return manifest;
}

// A complete snapshot whose dump holds `content`.
void save(SnapshotStore& store, const std::string& name, const std::string& content, bool replace = false) {
  const fs::path draft = store.begin_save(name);
  std::ofstream(draft / "01-unkey.sql") << content;
  store.commit(draft, manifest_named(name), replace);
}

std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const fs::directory_entry& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("snapshot names: a safe subset, anything else is a usage error", "[unit]") {
  for (const std::string& name :
       std::vector<std::string>{"before-reset", "v1.2", "seed_data", "A", std::string(64, 'x')}) {
    INFO(name);
    CHECK_NOTHROW(check_snapshot_name(name));
  }
  for (const std::string& name : std::vector<std::string>{"", ".hidden", "-rf", "a/b", "..", "a b", "naïve",
                                                          "semi;colon", "$HOME", std::string(65, 'x')}) {
    INFO(name);
    CHECK_THROWS_AS(check_snapshot_name(name), devenv::util::UsageError);
  }
}

TEST_CASE("snapshot manifest: what is written is read back", "[unit]") {
  SnapshotManifest manifest = manifest_named("before-reset");
  manifest.databases.push_back({"platform", "postgres", "postgres", "plat\"form", "", "02-x.dump", 1ull << 40, ""});
  const SnapshotManifest back = SnapshotManifest::from_json(manifest.to_json(), "manifest.json");
  CHECK(back.name == "before-reset");
  CHECK(back.created == manifest.created);
  REQUIRE(back.databases.size() == 2);
  CHECK(back.databases[0].creation == "CREATE DATABASE `unkey`");
  CHECK(back.databases[1].database == "plat\"form");
  CHECK(back.databases[1].bytes == (1ull << 40));
  CHECK(back.databases[1].schema_fingerprint.empty());
  CHECK_THROWS_AS(SnapshotManifest::from_json("{\"format\": 1}", "m"), devenv::util::RuntimeError);
  CHECK_THROWS_AS(SnapshotManifest::from_json("not json", "m"), devenv::util::RuntimeError);
}

TEST_CASE("snapshot store: a save appears only when committed, replace and rm leave nothing behind", "[unit]") {
  TempDir dir;
  SnapshotStore store(state_dir(dir));
  CHECK(store.list().empty());
  const fs::path draft = store.begin_save("one");
  CHECK_FALSE(store.exists("one"));
  CHECK(store.list().empty());  // a save under way is not a snapshot
  std::ofstream(draft / "01-unkey.sql") << "first";
  store.commit(draft, manifest_named("one"), false);
  CHECK(store.exists("one"));
  CHECK(devenv::runtime::is_owned_dir(store.folder("one")));
  REQUIRE(store.list().size() == 1);
  CHECK(store.list()[0].bytes > 5);
  CHECK(store.read("one").databases[0].key == "main");

  SECTION("saving over it is refused without replace, and the old one stays") {
    const fs::path again = store.begin_save("one");
    CHECK_THROWS_AS(store.commit(again, manifest_named("one"), false), devenv::util::UsageError);
    store.discard(again);
    CHECK(dir.read(".devenv/data-snapshots/one/01-unkey.sql") == "first");
  }
  SECTION("replace swaps it whole") {
    save(store, "one", "second", true);
    CHECK(dir.read(".devenv/data-snapshots/one/01-unkey.sql") == "second");
  }
  SECTION("rm deletes it") {
    store.remove("one");
    CHECK_FALSE(store.exists("one"));
    CHECK_THROWS_AS(store.remove("one"), devenv::util::UsageError);
  }
  const std::vector<std::string> left = entries(store.root());
  CHECK(
      (left == std::vector<std::string>{".devenv-owned", "one"} || left == std::vector<std::string>{".devenv-owned"}));
}

TEST_CASE("snapshot store: what an interrupted save, replace or rm left is cleaned up", "[unit]") {
  TempDir dir;
  SnapshotStore store(state_dir(dir));
  save(store, "kept", "kept");
  save(store, "replaced", "old");

  store.begin_save("killed");  // a save killed half way: its folder stays hidden
  const fs::path half = store.begin_save("replaced");
  std::ofstream(half / "01-unkey.sql") << "half";
  // A save --force killed after renaming the old one away: put back.
  fs::rename(store.folder("replaced"), store.root() / ".replaced-replaced-0a1b2c3d");
  // An rm killed half way.
  fs::create_directory(store.root() / ".removing-gone-00000000");
  std::ofstream(store.root() / ".removing-gone-00000000" / devenv::runtime::kOwnerMarker) << "";

  CHECK(store.list().size() == 1);
  const std::vector<std::string> done = store.clean_leftovers();
  CHECK(done.size() == 4);
  CHECK(entries(store.root()) == std::vector<std::string>{".devenv-owned", "kept", "replaced"});
  CHECK(dir.read(".devenv/data-snapshots/replaced/01-unkey.sql") == "old");
  CHECK(store.clean_leftovers().empty());
}

TEST_CASE("snapshot store: folders devenv did not make are refused and left untouched", "[unit]") {
  TempDir dir;
  SnapshotStore store(state_dir(dir));
  save(store, "mine", "mine");

  SECTION("a folder of the user's under a snapshot's name") {
    fs::create_directory(store.folder("theirs"));
    dir.write(".devenv/data-snapshots/theirs/manifest.json", "{}");
    CHECK_THROWS_AS(store.remove("theirs"), devenv::util::RuntimeError);
    CHECK_THROWS_AS(store.read("theirs"), devenv::util::RuntimeError);
    CHECK(fs::exists(store.folder("theirs") / "manifest.json"));
    // Nor is it replaced by a save.
    const fs::path draft = store.begin_save("theirs");
    CHECK_THROWS_AS(store.commit(draft, manifest_named("theirs"), true), devenv::util::RuntimeError);
    store.discard(draft);
    CHECK(fs::exists(store.folder("theirs") / "manifest.json"));
    CHECK(store.list().size() == 1);
  }
  SECTION("a hidden work folder without devenv's marker is not cleaned up") {
    fs::create_directory(store.root() / ".saving-x-00000000");
    CHECK(store.clean_leftovers().empty());
    CHECK(fs::exists(store.root() / ".saving-x-00000000"));
  }
  SECTION("a snapshot folder that is a link: nothing is deleted through it") {
    TempDir elsewhere;
    save(store, "target", "precious");
    fs::rename(store.folder("target"), elsewhere.path() / "target");
    fs::create_directory_symlink(elsewhere.path() / "target", store.folder("linked"));
    CHECK_THROWS_AS(store.remove("linked"), devenv::util::RuntimeError);
    CHECK_THROWS_AS(store.read("linked"), devenv::util::RuntimeError);
    CHECK(fs::is_symlink(store.folder("linked")));
    CHECK(elsewhere.read("target/01-unkey.sql") == "precious");
    CHECK(store.list().size() == 1);
  }
  SECTION("a link where the snapshots folder would be") {
    TempDir elsewhere;
    const fs::path state = dir.path() / "other-state";
    devenv::runtime::claim_state_dir(state, {});
    fs::create_directory_symlink(elsewhere.path(), state / "data-snapshots");
    SnapshotStore linked(state);
    CHECK_THROWS_AS(linked.list(), devenv::util::RuntimeError);
    CHECK_THROWS_AS(linked.begin_save("x"), devenv::util::RuntimeError);
    CHECK(fs::is_empty(elsewhere.path()));
  }
}
