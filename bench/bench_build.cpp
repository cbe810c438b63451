// Benchmarks for `devenv build` (issue targets: 50-table template × 1,000 partitions
// in under 1 s; splitter over 100 MB/s). Prints medians over several runs and the
// ratio against the target. Not a test: the machine is shared and noisy.
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <string>
#include <vector>

#include "config/loader.h"
#include "generator/init_plan.h"
#include "generator/output_files.h"
#include "sqltext/splitter.h"

namespace fs = std::filesystem;
using namespace devenv;

namespace {

double median_seconds(int runs, const std::function<void()>& work) {
  std::vector<double> times;
  for (int i = 0; i < runs; ++i) {
    const auto start = std::chrono::steady_clock::now();
    work();
    times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  std::sort(times.begin(), times.end());
  return times[times.size() / 2];
}

// A data-plane-like table: a dozen columns, two indexes, a foreign key to the previous table.
std::string table_ddl(int i) {
  std::string ddl = "-- table " + std::to_string(i) + "\nCREATE TABLE t" + std::to_string(i) +
                    " (\n  id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,\n  workspace_id VARCHAR(256) NOT NULL,\n"
                    "  name VARCHAR(255) NOT NULL DEFAULT 'it''s; not a split',\n  meta JSON NULL,\n"
                    "  status ENUM('a', 'b', 'c') NOT NULL DEFAULT 'a',\n  created_at BIGINT NOT NULL,\n"
                    "  updated_at BIGINT NULL,\n  parent_id BIGINT NULL,\n"
                    "  KEY t_ws_idx (workspace_id, created_at),\n  UNIQUE KEY t_name_unique (workspace_id, name)";
  if (i > 0) ddl += ",\n  FOREIGN KEY (parent_id) REFERENCES t" + std::to_string(i - 1) + " (id) ON DELETE SET NULL";
  return ddl + "\n) ENGINE = InnoDB /* row format default */;\n\n";
}

std::string schema_of(int tables) {
  std::string sql;
  for (int i = 0; i < tables; ++i) sql += table_ddl(i);
  return sql;
}

void print(const char* what, double value, const char* unit, double target, bool higher_is_better) {
  const double ratio = higher_is_better ? value / target : target / value;
  std::printf("%-52s median %9.3f %-5s target %s %g %s  (%.1fx %s)\n", what, value, unit, higher_is_better ? ">" : "<",
              target, unit, ratio, ratio >= 1 ? "better than target" : "SHORT of target");
}

}  // namespace

int main(int argc, char** argv) {
  const int runs = argc > 1 ? std::stoi(argv[1]) : 7;
  const fs::path dir = fs::path(fs::is_directory("/dev/shm") ? "/dev/shm" : fs::temp_directory_path()) /
                       ("devenv-bench-" + std::to_string(::getpid()));
  fs::create_directories(dir / "schemas");
  std::ofstream(dir / "schemas/partition.sql") << schema_of(50);
  std::ofstream(dir / "config.toml") << "[servers.mysql]\nengine = \"mariadb\"\n\n[[databases]]\nkey = \"partition\"\n"
                                        "name = \"partition_{n:04}\"\ncount = 1000\nserver = \"mysql\"\n"
                                        "source = \"schemas/partition.sql\"\n";
  const config::Config config = config::load_config(dir / "config.toml");

  std::size_t bytes = 0;
  const double plan = median_seconds(runs, [&] {
    const auto servers = generator::plan_init(config);
    bytes = 0;
    for (const auto& file : servers[0].files) bytes += file.content.size();
  });
  std::printf("generated %.1f MB for 50 tables x 1,000 partitions (%d runs)\n", bytes / 1e6, runs);
  print("generate 50 tables x 1,000 partitions (in memory)", plan, "s", 1.0, false);
  const double build = median_seconds(runs, [&] {
    fs::remove_all(dir / "initdb");
    std::vector<generator::GeneratedFile> files;
    for (auto& server : generator::plan_init(config)) {
      for (auto& file : server.files) files.push_back(std::move(file));
    }
    generator::write_outputs(config.dir, files);
  });
  print("build 50 tables x 1,000 partitions (write files)", build, "s", 1.0, false);

  std::string big;
  while (big.size() < 64u << 20) big += schema_of(200);
  std::size_t statements = 0;
  const double split_mysql =
      median_seconds(runs, [&] { statements = sqltext::split(big, sqltext::Dialect::MySQL, "big.sql").size(); });
  std::printf("splitter input: %.1f MB, %zu statements\n", big.size() / 1e6, statements);
  print("splitter throughput (MySQL dialect)", big.size() / 1e6 / split_mysql, "MB/s", 100, true);
  const double split_pg = median_seconds(runs, [&] { sqltext::split(big, sqltext::Dialect::Postgres, "big.sql"); });
  print("splitter throughput (PostgreSQL dialect)", big.size() / 1e6 / split_pg, "MB/s", 100, true);
  fs::remove_all(dir);
  return 0;
}
