// The init cache's store on plain folders (runtime/data_dir_cache.h): what it keeps,
// what it refuses, and what it evicts. Its use by `up` on real servers is in
// test_init_cache.cpp.
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <future>

#include "runtime/cache_settings.h"
#include "runtime/data_dir_cache.h"
#include "runtime/process.h"
#include "runtime/program_version.h"
#include "support/temp_dir.h"

using devenv::runtime::CacheSettings;
using devenv::runtime::DataDirCache;
using devenv::test::TempDir;
namespace fs = std::filesystem;

namespace {

// A stand-in for a stopped server's data dir: files, a folder, a link.
fs::path make_data_dir(const TempDir& dir, const std::string& name, std::size_t bytes = 1000) {
  dir.write(name + "/ibdata1", std::string(bytes, 'x'));
  dir.write(name + "/mysql/user.MAD", "users");
  fs::create_symlink("ibdata1", dir.path() / name / "link");
  return dir.path() / name;
}

DataDirCache cache_in(const TempDir& dir, std::uintmax_t max_bytes = std::uintmax_t(1) << 30) {
  return DataDirCache(CacheSettings{dir.path() / "cache" / "devenv", max_bytes});
}

std::vector<std::string> keys_of(const DataDirCache& cache) {
  std::vector<std::string> keys;
  for (const auto& entry : cache.report().entries) keys.push_back(entry.key);
  return keys;
}

// A pid that no process has now: a child that has exited and was reaped.
pid_t dead_pid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  return child;
}

}  // namespace

TEST_CASE("data-dir cache: sizes read as DEVENV_CACHE_MAX_SIZE takes them", "[unit]") {
  using devenv::runtime::parse_byte_size;
  CHECK(parse_byte_size("2G") == (std::uintmax_t(2) << 30));
  CHECK(parse_byte_size("2GiB") == (std::uintmax_t(2) << 30));
  CHECK(parse_byte_size("500M") == (std::uintmax_t(500) << 20));
  CHECK(parse_byte_size("64k") == 65536u);
  CHECK(parse_byte_size("1048576") == 1048576u);
  CHECK(parse_byte_size("0") == 0u);
  for (const char* bad : {"", "G", "2X", "-1", "1.5G", "99999999999999999999999", "18014398509481984T"}) {
    INFO(bad);
    CHECK_FALSE(parse_byte_size(bad));
  }
  CHECK(devenv::runtime::byte_size_text(std::uintmax_t(30) << 20) == "30 MiB");
  CHECK(devenv::runtime::byte_size_text(std::uintmax_t(2) << 30) == "2.0 GiB");
}

TEST_CASE("data-dir cache: a stored data dir comes back whole, links as links", "[unit]") {
  TempDir dir;
  DataDirCache cache = cache_in(dir);
  const fs::path data = make_data_dir(dir, "data");
  cache.store("mariadb-10.11.9-init-0123456789abcdef", data, "the example");
  CHECK(cache.restore("mariadb-10.11.9-init-0123456789abcdef", dir.path() / "copy") == DataDirCache::Lookup::Hit);
  CHECK(dir.read("copy/ibdata1") == std::string(1000, 'x'));
  CHECK(dir.read("copy/mysql/user.MAD") == "users");
  CHECK(fs::is_symlink(dir.path() / "copy" / "link"));
  CHECK(fs::read_symlink(dir.path() / "copy" / "link") == "ibdata1");
  CHECK(cache.restore("mariadb-10.11.9-init-ffffffffffffffff", dir.path() / "other") == DataDirCache::Lookup::Missing);
  CHECK_FALSE(fs::exists(dir.path() / "other"));
  const DataDirCache::Report report = cache.report();
  REQUIRE(report.entries.size() == 1);
  CHECK(report.entries[0].description == "the example");
  CHECK(report.entries[0].bytes == 1005);
  CHECK(report.hits == 1);
  CHECK(report.misses == 1);
  CHECK(report.stores == 1);
  struct stat info {};
  REQUIRE(stat(cache.settings().dir.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0700);  // private: data dirs hold password hashes
}

TEST_CASE("data-dir cache: keys that could name another place are refused", "[unit]") {
  TempDir dir;
  DataDirCache cache = cache_in(dir);
  const fs::path data = make_data_dir(dir, "data");
  for (const char* key : {"../escape", "a/b", ".hidden", "", "key with space"}) {
    INFO(key);
    cache.store(key, data, "x");
    CHECK(cache.restore(key, dir.path() / "copy") == DataDirCache::Lookup::Missing);
  }
  CHECK(keys_of(cache).empty());
  CHECK_FALSE(fs::exists(dir.path() / "cache" / "devenv" / "escape"));  // where entries/../escape would be
  CHECK_FALSE(fs::exists(dir.path() / "cache" / "escape"));
}

TEST_CASE("data-dir cache: an entry whose files changed is never used, and is removed", "[unit]") {
  TempDir dir;
  DataDirCache cache = cache_in(dir);
  const fs::path data = make_data_dir(dir, "data");
  const fs::path entry = cache.settings().dir / "entries" / "k1";
  bool linked = false;
  SECTION("a truncated file") {
    cache.store("k1", data, "x");
    fs::resize_file(entry / "data" / "ibdata1", 10);
  }
  SECTION("a deleted file") {
    cache.store("k1", data, "x");
    fs::remove(entry / "data" / "mysql" / "user.MAD");
  }
  SECTION("an added file") {
    cache.store("k1", data, "x");
    std::ofstream(entry / "data" / "stray") << "?";
  }
  SECTION("no manifest") {
    cache.store("k1", data, "x");
    fs::remove(entry / "manifest");
  }
  SECTION("a link in place of the entry") {
    cache.store("k2", data, "x");
    fs::create_directory_symlink(cache.settings().dir / "entries" / "k2", entry);
    linked = true;
  }
  CHECK(cache.restore("k1", dir.path() / "copy") == DataDirCache::Lookup::Damaged);
  CHECK_FALSE(fs::exists(dir.path() / "copy"));
  CHECK_FALSE(fs::exists(fs::symlink_status(entry)));
  if (linked) {  // what the link pointed at is untouched
    REQUIRE(fs::exists(cache.settings().dir / "entries" / "k2"));
    CHECK(cache.restore("k2", dir.path() / "copy2") == DataDirCache::Lookup::Hit);
  }
}

TEST_CASE("data-dir cache: half-written entries are never used, and a killed writer's are removed", "[unit]") {
  TempDir dir;
  DataDirCache cache = cache_in(dir);
  const fs::path data = make_data_dir(dir, "data");
  cache.store("other", data, "x");  // makes the folders
  const fs::path incoming = cache.settings().dir / "incoming";
  const fs::path dead = incoming / (std::to_string(dead_pid()) + ".12345.0a0b0c0d.k1");
  fs::create_directories(dead / "data");
  std::ofstream(dead / "data" / "ibdata1") << "half";
  CHECK(cache.restore("k1", dir.path() / "copy") == DataDirCache::Lookup::Missing);
  CHECK(cache.report().unfinished == 1);
  // One being written by a live devenv (this process) stays through a store and a clear.
  const fs::path live = incoming / (std::to_string(getpid()) + "." +
                                    std::to_string(devenv::runtime::process_start_ticks(getpid())) + ".01020304.k3");
  fs::create_directories(live / "data");
  cache.store("k2", data, "x");  // each store clears up after killed writers
  CHECK_FALSE(fs::exists(dead));
  CHECK(fs::exists(live));
  cache.clear();
  CHECK(fs::exists(live));
  CHECK(cache.report().unfinished == 1);
  CHECK(fs::exists(incoming / ".devenv-owned"));  // still devenv's folder
}

TEST_CASE("data-dir cache: two stores of one key both succeed and leave one whole entry", "[unit]") {
  TempDir dir;
  const fs::path data = make_data_dir(dir, "data", 4 << 20);
  DataDirCache first = cache_in(dir), second = cache_in(dir);
  auto a = std::async(std::launch::async, [&] { first.store("same", data, "a"); });
  auto b = std::async(std::launch::async, [&] { second.store("same", data, "b"); });
  a.get();
  b.get();
  CHECK(keys_of(first) == std::vector<std::string>{"same"});
  CHECK(first.report().unfinished == 0);
  CHECK(first.restore("same", dir.path() / "copy") == DataDirCache::Lookup::Hit);
  CHECK(fs::file_size(dir.path() / "copy" / "ibdata1") == (4u << 20));
}

TEST_CASE("data-dir cache: over its limit the least recently used entries go", "[unit]") {
  TempDir dir;
  DataDirCache cache = cache_in(dir, 3500);
  const fs::path data = make_data_dir(dir, "data", 1000);
  cache.store("a", data, "x");
  cache.store("b", data, "x");
  cache.store("c", data, "x");
  REQUIRE(cache.restore("a", dir.path() / "copy") == DataDirCache::Lookup::Hit);  // a is now the newest
  cache.store("d", data, "x");
  CHECK(keys_of(cache) == std::vector<std::string>{"d", "a", "c"});
  CHECK(cache.report().evictions == 1);
  CHECK(cache.report().bytes <= 3500);
}

TEST_CASE("data-dir cache: clear empties it, and a cache turned off stores nothing", "[unit]") {
  TempDir dir;
  const fs::path data = make_data_dir(dir, "data");
  DataDirCache cache = cache_in(dir);
  cache.store("a", data, "x");
  cache.store("b", data, "x");
  CHECK(cache.clear() == 2010);
  CHECK(keys_of(cache).empty());
  CHECK(cache.report().stores == 0);
  CHECK(cache.restore("a", dir.path() / "copy") == DataDirCache::Lookup::Missing);

  TempDir other;
  DataDirCache off = cache_in(other, 0);
  off.store("a", make_data_dir(other, "data"), "x");
  CHECK(off.restore("a", other.path() / "copy") == DataDirCache::Lookup::Missing);
  CHECK_FALSE(fs::exists(other.path() / "cache"));
}

TEST_CASE("data-dir cache: a cache folder that is a link or not private is refused, untouched", "[unit]") {
  TempDir dir;
  const fs::path data = make_data_dir(dir, "data");
  DataDirCache cache = cache_in(dir);
  fs::create_directories(dir.path() / "cache");
  SECTION("a link") {
    fs::create_directories(dir.path() / "elsewhere");
    fs::create_directory_symlink(dir.path() / "elsewhere", dir.path() / "cache" / "devenv");
    CHECK_THROWS_AS(cache.store("a", data, "x"), devenv::runtime::CacheUnusable);
    CHECK_THROWS_AS(cache.restore("a", dir.path() / "copy"), devenv::runtime::CacheUnusable);
    CHECK(fs::is_empty(dir.path() / "elsewhere"));
  }
  SECTION("a folder of that name devenv did not make") {
    fs::create_directories(dir.path() / "cache" / "devenv");
    dir.write("cache/devenv/theirs.txt", "x");
    dir.write("cache/devenv/entries/theirs.txt", "x");
    fs::permissions(dir.path() / "cache" / "devenv", fs::perms::owner_all);
    CHECK_THROWS_AS(cache.store("a", data, "x"), devenv::runtime::CacheUnusable);
    CHECK_THROWS_AS(cache.clear(), devenv::runtime::CacheUnusable);
    CHECK(dir.read("cache/devenv/entries/theirs.txt") == "x");
    CHECK_FALSE(fs::exists(dir.path() / "cache" / "devenv" / ".devenv-owned"));
  }
  SECTION("open to others") {
    fs::create_directories(dir.path() / "cache" / "devenv");
    dir.write("cache/devenv/theirs.txt", "x");
    fs::permissions(dir.path() / "cache" / "devenv", fs::perms::all);
    CHECK_THROWS_AS(cache.store("a", data, "x"), devenv::runtime::CacheUnusable);
    CHECK(dir.read("cache/devenv/theirs.txt") == "x");
    CHECK_FALSE(fs::exists(dir.path() / "cache" / "devenv" / "entries"));
  }
}

TEST_CASE("data-dir cache: a program's version is asked once per build of it", "[unit]") {
  TempDir dir;
  const std::string saved = std::getenv("XDG_CACHE_HOME") ? std::getenv("XDG_CACHE_HOME") : "";
  setenv("XDG_CACHE_HOME", (dir.path() / "cache").c_str(), 1);
  const fs::path program = dir.write("bin/mariadbd", "#!/bin/sh\n");
  int asked = 0;
  const auto ask = [&] {
    ++asked;
    return std::string("10.11.") + std::to_string(asked);
  };
  CHECK(devenv::runtime::program_version(program, ask) == "10.11.1");  // no cache folder yet: asked each time
  CHECK(devenv::runtime::program_version(program, ask) == "10.11.2");
  cache_in(dir).store("k", make_data_dir(dir, "data"), "x");  // makes the cache folder
  CHECK(devenv::runtime::program_version(program, ask) == "10.11.3");
  CHECK(devenv::runtime::program_version(program, ask) == "10.11.3");  // remembered
  CHECK(asked == 3);
  // An upgraded package: the file changes, and is asked again.
  dir.write("bin/mariadbd", "#!/bin/sh\n# upgraded\n");
  CHECK(devenv::runtime::program_version(program, ask) == "10.11.4");
  CHECK(devenv::runtime::program_version(program, ask) == "10.11.4");
  setenv("XDG_CACHE_HOME", saved.c_str(), 1);
}
