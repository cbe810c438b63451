#include "cli/watch_paths.h"

#include <system_error>

#include "generator/output_files.h"

namespace devenv::cli {

namespace fs = std::filesystem;

namespace {

bool ends_with(const std::string& text, const std::string& tail) {
  return text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0;
}

bool is_under(const fs::path& path, const fs::path& folder) {
  const fs::path relative = path.lexically_normal().lexically_relative(folder.lexically_normal());
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

bool is_editor_scratch_file(const std::string& name) {
  return name.empty() || name == "4913" || ends_with(name, "~") || ends_with(name, ".swp") || ends_with(name, ".swx") ||
         name.rfind(".#", 0) == 0 || (name.front() == '#' && ends_with(name, "#")) ||
         name.find(".devenv-tmp.") != std::string::npos;  // generator/output_files' staged files
}

WatchPaths::WatchPaths(const config::Config& config, const std::set<std::string>& generated)
    : WatchPaths(config_only(config.file)) {
  add_file(config.dir / ".env");
  for (const std::string& file : generated) generated_.insert((config.dir / file).lexically_normal());
  for (const config::Database& database : config.databases) {
    if (database.migrations) {
      for (const fs::path& folder : database.migrations->folders) add_tree(folder);
    }
    for (const config::SchemaSource& source : database.sources) add_file(source.path);
  }
  for (const config::Server& server : config.servers) {
    const fs::path folder = config.dir / "initdb" / server.name;
    init_folders_.emplace_back(folder, server.name);
    folders_.insert(folder);
  }
}

WatchPaths WatchPaths::config_only(const fs::path& config_file) {
  WatchPaths paths;
  const fs::path file = fs::absolute(config_file).lexically_normal();
  paths.root_ = file.parent_path();
  paths.add_file(file);
  return paths;
}

// Editors save by writing a new file and renaming it over the old one: the folder is
// watched, not the file. A file reached through a link is watched where it really is too.
void WatchPaths::add_file(const fs::path& file) {
  files_.insert(file.lexically_normal());
  folders_.insert(file.parent_path().lexically_normal());
  std::error_code error;
  const fs::path real = fs::canonical(file, error);
  if (!error && real != file) {
    files_.insert(real);
    folders_.insert(real.parent_path());
  }
}

// Drizzle keeps its journal in meta/: every folder below a migration folder is watched.
void WatchPaths::add_tree(const fs::path& folder) {
  trees_.push_back(folder.lexically_normal());
  folders_.insert(folder.lexically_normal());
  std::error_code error;
  for (fs::recursive_directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (it->is_directory(error) && !it->is_symlink(error)) folders_.insert(it->path().lexically_normal());
  }
}

// A file that carries devenv's marker is build's; one that is gone was build's when a
// build of this watch wrote it (build removes only its own files).
bool WatchPaths::is_generated(const fs::path& changed) const {
  std::error_code error;
  if (fs::exists(changed, error)) return generator::is_generated(changed);
  return generated_.count(changed) > 0;
}

std::optional<std::string> WatchPaths::describe(const fs::path& changed) const {
  const fs::path path = changed.lexically_normal();
  const std::string name = path.filename().string();
  const auto shown = [&] { return path.lexically_relative(root_).generic_string(); };
  if (folders_.count(path)) return shown();  // the folder itself went away or came back
  if (is_editor_scratch_file(name)) return std::nullopt;
  if (files_.count(path)) return shown();
  for (const fs::path& tree : trees_) {
    if (is_under(path, tree) && name.front() != '.') return shown();
  }
  if (!init_folder_server(path).empty()) return shown();
  return std::nullopt;
}

std::string WatchPaths::init_folder_server(const fs::path& changed) const {
  const fs::path path = changed.lexically_normal();
  for (const auto& [folder, server] : init_folders_) {
    if (path.parent_path() != folder || is_editor_scratch_file(path.filename().string())) continue;
    return is_generated(path) ? "" : server;
  }
  return "";
}

}  // namespace devenv::cli
