#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "adopt/findings.h"
#include "migrations/tool.h"
#include "sqltext/dialect.h"

namespace devenv::adopt {

// Migration folders of one application: one tool, one version namespace.
struct MigrationSet {
  std::vector<std::filesystem::path> folders;  // absolute
  std::vector<std::string> displays;           // relative to the project
  migrations::Tool tool = migrations::Tool::Sqlx;
  std::optional<sqltext::Dialect> dialect;  // by the files' markers (Drizzle: also its journal)
  std::vector<std::string> schemas;         // PostgreSQL schemas the migrations create
};

// The .sql files directly in one folder that are neither migrations nor init files.
struct SchemaFolder {
  std::filesystem::path folder;  // absolute
  std::string display;           // relative to the project; "." for its top
  std::vector<std::filesystem::path> files;
  bool whole_folder = true;  // every .sql file of the folder, as `source = "<folder>"` reads them
  std::optional<sqltext::Dialect> dialect;
};

struct ProjectScan {
  std::vector<MigrationSet> migrations;
  std::vector<SchemaFolder> schema_folders;
};

// Looks through `root` (a few levels deep; not into hidden folders, dependencies, build
// output, tests, examples or docs, and never through a link) for migration folders that
// devenv's migration sources read, and for other .sql files. Files and folders in
// `adopted` (a compose service's init files) and devenv's own generated files are left
// out. What it took for what goes to `findings`.
ProjectScan scan_project(const std::filesystem::path& root, const std::set<std::filesystem::path>& adopted,
                         Findings& findings);

}  // namespace devenv::adopt
