// verify reads many databases at once (MySQL family: one query per kind of object for
// all of them, their rows streamed and taken a database at a time; PostgreSQL: several
// databases at once) and compares each as it arrives. These cases would fail if that
// lost a database's objects or gave them to another database: among many partitions
// of one template, exactly the one with a changed column and the one with an extra
// index are reported, each under its own name, and the same as when each is verified
// on its own.
#include <catch2/catch.hpp>

#include <cstdio>
#include <sstream>

#include "support/json_differences.h"
#include "support/native_example.h"

using devenv::test::CommandResult;
using devenv::test::NativeExample;

namespace {

// The difference lines of flattened_differences (not its "drift: …" line).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.starts_with("\"database\"")) lines.push_back(line);
  }
  return lines;
}

std::string joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

// The differences `devenv verify --format json <what>` reports, one per line.
std::vector<std::string> differences(const NativeExample& project, const std::string& what) {
  const CommandResult verify = project.devenv("verify --format json " + what);
  INFO(verify.output);
  CHECK(verify.exit_code == (verify.output.find("\"change\"") == std::string::npos ? 0 : 1));
  return lines_of(devenv::test::flattened_differences(verify.output));
}

// Every database on its own reports what the verify of all of them reported for it.
void check_one_by_one(const NativeExample& project, const std::vector<std::string>& names,
                      const std::vector<std::string>& all) {
  std::vector<std::string> one_by_one;
  for (const std::string& name : names) {
    const std::vector<std::string> own = differences(project, name);
    one_by_one.insert(one_by_one.end(), own.begin(), own.end());
  }
  CHECK(one_by_one == all);
}

// One server of `engine` and a template `key` of `count` databases named `pattern`
// from schemas/<key>.sql; `more` is appended (more [[databases]] entries).
std::string template_config(const std::string& engine, const std::string& key, const std::string& pattern, int count,
                            const std::string& more = "") {
  return "[project]\ndata_on_tmpfs = true\n\n[servers.db]\nengine = \"" + engine +
         "\"\nport = 0\nroot_password = \"devenv-root\"\n\n[[databases]]\nkey = \"" + key + "\"\nname = \"" + pattern +
         "\"\ncount = " + std::to_string(count) + "\nserver = \"db\"\nsource = \"schemas/" + key + ".sql\"\n" + more;
}

// `format` with each of 1 … count: partition_%03d → partition_001, …
std::vector<std::string> numbered(const char* format, int count) {
  std::vector<std::string> names;
  for (int n = 1; n <= count; ++n) {
    char name[64];
    std::snprintf(name, sizeof name, format, n);
    names.emplace_back(name);
  }
  return names;
}

void up_and_verified(const NativeExample& project) {
  const CommandResult up = project.devenv("up --verify");
  INFO(up.output);
  REQUIRE(up.exit_code == 0);
  REQUIRE_THAT(up.output, Catch::Contains("schemas match"));
}

}  // namespace

TEST_CASE("verify (MariaDB): of 40 partitions read at once, exactly the two that drifted are reported",
          "[native][verify]") {
  // 40 partitions and a database whose upper-case name sorts before them byte for byte
  // (the order the rows come in) and after them in the catalog's own collation.
  const std::string config = template_config("mariadb", "partition", "partition_{n:03}", 40,
                                             "\n[[databases]]\nkey = \"audit\"\nname = \"Zaudit\"\nserver = \"db\"\n"
                                             "source = \"schemas/audit.sql\"\n");
  const std::string partition = R"SQL(
CREATE TABLE workspaces (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  name varchar(255) NOT NULL,
  UNIQUE KEY name_unique (name)
);
CREATE TABLE keys_ (
  id bigint NOT NULL AUTO_INCREMENT PRIMARY KEY,
  workspace_id bigint NOT NULL,
  hash varchar(64) NOT NULL,
  expires bigint NULL CHECK (expires > 0),
  KEY hash_idx (hash),
  FOREIGN KEY (workspace_id) REFERENCES workspaces (id) ON DELETE CASCADE
);
CREATE VIEW live_keys AS SELECT id, hash FROM keys_ WHERE expires IS NULL;
)SQL";
  const std::string audit = R"SQL(
CREATE TABLE events (
  id bigint NOT NULL PRIMARY KEY,
  hash varchar(64) NOT NULL,
  at timestamp NOT NULL DEFAULT current_timestamp()
);
)SQL";
  NativeExample project({{"config.toml", config}, {"schemas/partition.sql", partition}, {"schemas/audit.sql", audit}});
  up_and_verified(project);
  project.mysql("ALTER TABLE partition_007.keys_ MODIFY hash varchar(100) NOT NULL", "", "db");
  project.mysql("CREATE INDEX extra_idx ON partition_031.workspaces (name, id)", "", "db");
  project.mysql("ALTER TABLE Zaudit.events ADD COLUMN note text", "", "db");

  const std::vector<std::string> all = differences(project, "");
  INFO("differences:\n" << joined(all));
  REQUIRE(all.size() == 3);
  // In the config's order: the partitions by number, then Zaudit.
  CHECK_THAT(all[0], Catch::Contains(R"("database": "partition_007", "object": "table keys_", "kind": "column", )"
                                     R"("name": "hash", "change": "changed", "expected": "varchar(64) NOT NULL", )"
                                     R"("actual": "varchar(100) NOT NULL")"));
  CHECK_THAT(all[1], Catch::Contains(R"("database": "partition_031", "object": "table workspaces", "kind": "index", )"
                                     R"("name": "extra_idx", "change": "extra")"));
  CHECK_THAT(all[2], Catch::Contains(R"("database": "Zaudit", "object": "table events", "kind": "column", )"
                                     R"("name": "note", "change": "extra")"));
  std::vector<std::string> names = numbered("partition_%03d", 40);
  names.emplace_back("Zaudit");
  check_one_by_one(project, names, all);
  // The same, asked for by key: the partitions only, read together.
  const std::vector<std::string> partitions = differences(project, "partition");
  CHECK(partitions == std::vector<std::string>(all.begin(), all.begin() + 2));

  const CommandResult text = project.devenv("verify");
  INFO(text.output);
  CHECK(text.exit_code == 1);
  CHECK_THAT(text.output, Catch::Contains("\n3 differences; + in the schema files"));
}

TEST_CASE("verify (PostgreSQL): of 16 databases read in parallel, exactly the two that drifted are reported",
          "[native][verify]") {
  const std::string config = template_config("postgres", "tenant", "tenant_{n:02}", 16);
  const std::string tenant = R"SQL(
CREATE TYPE state AS ENUM ('new', 'active');
CREATE TABLE accounts (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  name text NOT NULL UNIQUE,
  status state NOT NULL DEFAULT 'new'
);
CREATE TABLE invoices (
  id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  account_id bigint NOT NULL REFERENCES accounts (id),
  amount numeric(12, 2) NOT NULL CHECK (amount >= 0)
);
CREATE INDEX invoices_account_idx ON invoices (account_id);
COMMENT ON TABLE invoices IS 'money';
)SQL";
  NativeExample project({{"config.toml", config}, {"schemas/tenant.sql", tenant}});
  up_and_verified(project);
  project.postgres("ALTER TABLE invoices ALTER COLUMN amount TYPE numeric(14, 2)", "tenant_05", "db");
  project.postgres("CREATE INDEX extra_idx ON accounts (status)", "tenant_13", "db");

  const std::vector<std::string> all = differences(project, "");
  INFO("differences:\n" << joined(all));
  REQUIRE(all.size() == 2);
  CHECK_THAT(all[0], Catch::Contains(R"("database": "tenant_05", "object": "table public.invoices", "kind": "column", )"
                                     R"("name": "amount", "change": "changed")"));
  CHECK_THAT(all[0], Catch::Contains("numeric(14,2)"));
  CHECK_THAT(all[1], Catch::Contains(R"("database": "tenant_13", "object": "table public.accounts", "kind": "index", )"
                                     R"("name": "extra_idx", "change": "extra")"));
  check_one_by_one(project, numbered("tenant_%02d", 16), all);
}
