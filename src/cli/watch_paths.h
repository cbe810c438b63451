#pragma once

#include <filesystem>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "config/config.h"

namespace devenv::cli {

// What `devenv watch` watches, and which changes in those folders matter: the
// config and its .env, every schema file, every file under a migration folder, and
// the user's own files in initdb/<server>/ (a seed). Not devenv's generated init
// files or docker-compose.yml (build writes them), nor an editor's swap and backup
// files.
class WatchPaths {
 public:
  // From a config that loaded. `generated` holds the init files devenv wrote (paths
  // relative to the config's folder, as GeneratedFile has them), in this build or an
  // earlier one of the watch: their changes are build's own.
  WatchPaths(const config::Config& config, const std::set<std::string>& generated);
  // Only the config file and its folder: what is left to watch while the config
  // itself does not load.
  static WatchPaths config_only(const std::filesystem::path& config_file);

  // The folders to watch (inotify does not look into subfolders: each is listed).
  const std::set<std::filesystem::path>& folders() const { return folders_; }

  // The change as the user would name it ("schemas/main.sql", "config.toml"), or
  // nullopt when it does not matter.
  std::optional<std::string> describe(const std::filesystem::path& changed) const;

  // The server whose initdb/ folder holds a file of the user's that changed ("" when
  // none): those files are not generated, so only a reset of that server runs them.
  std::string init_folder_server(const std::filesystem::path& changed) const;

 private:
  WatchPaths() = default;
  void add_file(const std::filesystem::path& file);
  void add_tree(const std::filesystem::path& folder);
  bool is_generated(const std::filesystem::path& changed) const;

  std::filesystem::path root_;  // the config's folder: names are shown relative to it
  std::set<std::filesystem::path> folders_;
  std::set<std::filesystem::path> files_;
  std::vector<std::filesystem::path> trees_;                                 // migration folders
  std::vector<std::pair<std::filesystem::path, std::string>> init_folders_;  // initdb/<server>, server
  std::set<std::filesystem::path> generated_;                                // absolute
};

// Names editors write beside a file while saving it, which never matter: vim's
// .swp/.swx and its 4913 probe, backups ending in ~, emacs' .#lock and #autosave#.
bool is_editor_scratch_file(const std::string& name);

}  // namespace devenv::cli
