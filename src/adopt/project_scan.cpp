#include "adopt/project_scan.h"

#include <algorithm>
#include <cctype>

#include "adopt/sql_targets.h"
#include "config/schema_files.h"
#include "generator/output_files.h"
#include "migrations/detect_tool.h"
#include "migrations/folder_files.h"
#include "migrations/read_migrations.h"
#include "util/file.h"

namespace devenv::adopt {

namespace fs = std::filesystem;

namespace {

constexpr int kMaxDepth = 5;

// Folders that hold no schema of the project's own: dependencies, build output, tests
// and examples (whose .sql files are fixtures), documentation.
bool is_skipped_folder(const std::string& name) {
  static const std::set<std::string> skipped = {
      "node_modules", "vendor", "target", "dist",    "build",    "out",  "bin",  "obj",   "coverage",
      "__pycache__",  "venv",   "tmp",    "temp",    "log",      "logs", "test", "tests", "testdata",
      "fixtures",     "spec",   "e2e",    "example", "examples", "doc",  "docs"};
  return name.empty() || name[0] == '.' || skipped.contains(name);
}

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// A folder's entries, sorted, links left out: init never reads through one.
std::vector<fs::directory_entry> entries_of(const fs::path& dir) {
  std::vector<fs::directory_entry> out;
  std::error_code error;
  for (auto it = fs::directory_iterator(dir, error); !error && it != fs::directory_iterator(); it.increment(error)) {
    if (!util::is_link(it->path())) out.push_back(*it);
  }
  std::sort(out.begin(), out.end());
  return out;
}

// Flyway's names, directly in the folder (Flyway also reads sub-folders, but then the
// folder holding the files is the one to name).
bool holds_flyway_names(const fs::path& dir) {
  for (const fs::directory_entry& entry : entries_of(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.ends_with(".sql") && (name[0] == 'V' || name[0] == 'R') && name.find("__") != std::string::npos) {
      return true;
    }
  }
  return false;
}

// A folder devenv's migration sources read, by a sign only that tool leaves; sqlx's and
// golang-migrate's numbered files only when the folder says it holds migrations, since
// a folder of schema files numbered by hand looks the same.
std::optional<migrations::Tool> migration_tool_of(const fs::path& dir) {
  const std::optional<migrations::Tool> tool = migrations::detect_tool_of_unnamed_folder(dir);
  if (!tool) return std::nullopt;
  switch (*tool) {
    case migrations::Tool::Flyway: return holds_flyway_names(dir) ? tool : std::nullopt;
    case migrations::Tool::Sqlx:
    case migrations::Tool::GolangMigrate:
      return lower(dir.filename().string()).find("migrat") != std::string::npos ? tool : std::nullopt;
    default: return tool;
  }
}

// Drizzle's journal names its dialect: "postgresql", "mysql".
std::optional<sqltext::Dialect> journal_dialect(const fs::path& dir) {
  const std::string journal = util::read_file(dir / "meta" / "_journal.json").value_or("");
  if (journal.find("\"postgresql\"") != std::string::npos) return sqltext::Dialect::Postgres;
  if (journal.find("\"mysql\"") != std::string::npos) return sqltext::Dialect::MySQL;
  return std::nullopt;
}

class Scanner {
 public:
  Scanner(const fs::path& root, const std::set<fs::path>& adopted, Findings& findings)
      : root_(root), adopted_(adopted), findings_(findings) {}

  ProjectScan scan() {
    visit(root_, 0);
    for (MigrationSet& set : scan_.migrations) describe(set);
    return scan_;
  }

 private:
  std::string display(const fs::path& path) const {
    const std::string relative = path.lexically_relative(root_).generic_string();
    return relative.empty() ? "." : relative;
  }

  void visit(const fs::path& dir, int depth) {
    if (dir != root_) {
      if (const std::optional<migrations::Tool> tool = migration_tool_of(dir)) {
        add_migrations(dir, *tool);
        return;  // its sub-folders are its own (Drizzle's meta/, Flyway's)
      }
    }
    add_schema_files(dir);
    if (depth >= kMaxDepth) return;
    for (const fs::directory_entry& entry : entries_of(dir)) {
      std::error_code error;
      if (!entry.is_directory(error) || is_skipped_folder(entry.path().filename().string())) continue;
      if (adopted_.contains(entry.path())) continue;
      visit(entry.path(), depth + 1);
    }
  }

  // Folders of one tool with the same name under one parent (internal/*/migrations) whose
  // versions do not collide are taken for the modules of one app sharing one history table.
  void add_migrations(const fs::path& dir, migrations::Tool tool) {
    for (MigrationSet& set : scan_.migrations) {
      const fs::path& first = set.folders.front();
      if (set.tool != tool || first.filename() != dir.filename() ||
          first.parent_path().parent_path() != dir.parent_path().parent_path()) {
        continue;
      }
      std::vector<fs::path> folders = set.folders;
      folders.push_back(dir);
      try {
        migrations::read_migrations(folders, tool, root_);
      } catch (const std::exception&) {
        continue;  // colliding versions: another app's
      }
      set.folders.push_back(dir);
      set.displays.push_back(display(dir));
      return;
    }
    scan_.migrations.push_back({{dir}, {display(dir)}, tool, std::nullopt, {}});
  }

  void describe(MigrationSet& set) {
    std::vector<fs::path> files;
    for (const fs::path& folder : set.folders) {
      for (const fs::path& file : migrations::files_under(folder)) {
        if (file.extension() == ".sql") files.push_back(file);
      }
    }
    set.dialect = dialect_of(files);
    if (!set.dialect && set.tool == migrations::Tool::Drizzle) set.dialect = journal_dialect(set.folders.front());
    if (set.dialect == sqltext::Dialect::Postgres) {
      for (const fs::path& file : files) {
        for (const std::string& schema : sql_targets(file, *set.dialect, "").schemas) {
          if (std::find(set.schemas.begin(), set.schemas.end(), schema) == set.schemas.end()) {
            set.schemas.push_back(schema);
          }
        }
      }
    }
    if (set.folders.size() > 1) {
      std::string folders;
      for (const std::string& shown : set.displays) folders += (folders.empty() ? "" : ", ") + shown + "/";
      findings_.guessed(folders + ": " + std::string(migrations::name_of(set.tool)) +
                        " folders of one app's modules, whose versions do not collide: one database");
    }
  }

  // The folder's .sql files that are the project's schema: not an adopted init file,
  // not one devenv generated. A folder holding generated files is devenv's initdb/.
  void add_schema_files(const fs::path& dir) {
    std::vector<fs::path> files;
    for (const fs::path& file : config::sql_files_in(dir)) {
      if (generator::is_generated(file)) return;
      if (!util::is_link(file) && !adopted_.contains(file)) files.push_back(file);
    }
    if (files.empty()) return;
    SchemaFolder folder{dir, display(dir), files, files.size() == config::sql_files_in(dir).size(), dialect_of(files)};
    scan_.schema_folders.push_back(folder);
  }

  fs::path root_;
  const std::set<fs::path>& adopted_;
  Findings& findings_;
  ProjectScan scan_;
};

}  // namespace

ProjectScan scan_project(const fs::path& root, const std::set<fs::path>& adopted, Findings& findings) {
  return Scanner(fs::absolute(root).lexically_normal(), adopted, findings).scan();
}

}  // namespace devenv::adopt
