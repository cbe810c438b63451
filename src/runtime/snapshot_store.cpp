#include "runtime/snapshot_store.h"

#include <algorithm>
#include <fstream>

#include "runtime/owned_dir.h"
#include "util/copy_tree.h"
#include "util/file.h"
#include "util/random.h"
#include "util/runtime_error.h"
#include "util/usage_error.h"

namespace devenv::runtime {

namespace fs = std::filesystem;

namespace {

constexpr const char* kManifest = "manifest.json";
constexpr const char* kSaving = ".saving-";
constexpr const char* kReplaced = ".replaced-";
constexpr const char* kRemoving = ".removing-";
constexpr std::size_t kMaxNameLength = 64;

bool is_name_character(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

// The snapshot name inside a hidden folder's name: .replaced-<name>-<random>.
std::string name_inside(const std::string& folder, const std::string& prefix) {
  const std::size_t end = folder.rfind('-');
  return end <= prefix.size() ? "" : folder.substr(prefix.size(), end - prefix.size());
}

bool has_manifest(const fs::path& folder) {
  std::error_code error;
  return fs::is_regular_file(fs::symlink_status(folder / kManifest, error));
}

}  // namespace

void check_snapshot_name(const std::string& name) {
  const bool valid = !name.empty() && name.size() <= kMaxNameLength && name[0] != '.' && name[0] != '-' &&
                     std::all_of(name.begin(), name.end(), is_name_character);
  if (valid) return;
  throw util::UsageError("'" + name +
                         "' is not a snapshot name: use letters, digits, '.', '_' and '-', not starting with '.' "
                         "or '-', at most 64 characters (e.g. before-migration)");
}

SnapshotStore::SnapshotStore(const fs::path& state_dir) : state_dir_(state_dir), root_(state_dir / "data-snapshots") {}

// A link or a foreign folder where the snapshots live: devenv neither reads its
// manifests as its own nor deletes in it.
void SnapshotStore::check_root() const {
  if (!fs::exists(fs::symlink_status(root_)) || is_owned_dir(root_)) return;
  throw util::RuntimeError(root_.string() + " was not created by devenv (or is a link)",
                           "devenv keeps snapshots only in a folder of its own; move it away");
}

void SnapshotStore::check_own_snapshot(const std::string& name) const {
  check_root();
  const fs::path dir = folder(name);
  if (!fs::exists(fs::symlink_status(dir))) {
    throw util::UsageError("no snapshot named '" + name + "' (`devenv snapshot list` shows them)");
  }
  if (util::is_link(dir)) {
    throw util::RuntimeError(dir.string() + " is a symbolic link, not a snapshot devenv made",
                             "devenv never follows links it did not make; remove the link (its target is untouched)");
  }
  if (!is_owned_dir(dir) || !has_manifest(dir)) {
    throw util::RuntimeError(
        dir.string() + " is not a snapshot devenv made (no " + kOwnerMarker + " or " + kManifest + ")",
        "devenv leaves folders it did not make alone; move it away");
  }
}

bool SnapshotStore::exists(const std::string& name) const {
  const fs::path dir = folder(name);
  return is_owned_dir(root_) && is_owned_dir(dir) && has_manifest(dir);
}

fs::path SnapshotStore::hidden(const std::string& kind, const std::string& name) const {
  return root_ / (kind + name + "-" + util::random_hex(4));
}

std::vector<std::string> SnapshotStore::clean_leftovers() {
  std::vector<std::string> done;
  if (!is_owned_dir(root_)) return done;
  std::vector<fs::path> entries;
  for (const fs::directory_entry& entry : fs::directory_iterator(root_)) entries.push_back(entry.path());
  std::sort(entries.begin(), entries.end());
  for (const fs::path& entry : entries) {
    const std::string hidden_name = entry.filename().string();
    if (!is_owned_dir(entry)) continue;  // not devenv's (or a link): left alone
    if (starts_with(hidden_name, kSaving) || starts_with(hidden_name, kRemoving)) {
      remove_owned_entry(entry);
      done.push_back("deleted " + hidden_name + ", left by an interrupted snapshot " +
                     (starts_with(hidden_name, kSaving) ? "save" : "rm"));
      continue;
    }
    if (!starts_with(hidden_name, kReplaced)) continue;
    const std::string name = name_inside(hidden_name, kReplaced);
    if (!name.empty() && !fs::exists(fs::symlink_status(folder(name)))) {
      fs::rename(entry, folder(name));
      done.push_back("put snapshot " + name + " back: the save that was replacing it was interrupted");
    } else {
      remove_owned_entry(entry);
      done.push_back("deleted " + hidden_name + ", the snapshot an interrupted save --force replaced");
    }
  }
  return done;
}

fs::path SnapshotStore::begin_save(const std::string& name) {
  check_snapshot_name(name);
  make_owned_dirs(state_dir_, root_);
  const fs::path draft = hidden(kSaving, name);
  make_owned_dirs(root_, draft);
  return draft;
}

void SnapshotStore::commit(const fs::path& draft, const SnapshotManifest& manifest, bool replace) {
  const fs::path target = folder(manifest.name);
  const fs::path manifest_file = draft / kManifest;
  {
    std::ofstream out(manifest_file, std::ios::trunc);
    out << manifest.to_json();
    if (!out.flush()) throw util::RuntimeError("cannot write " + manifest_file.string());
  }
  fs::path replaced;
  if (fs::exists(fs::symlink_status(target))) {
    check_own_snapshot(manifest.name);
    if (!replace) {
      throw util::UsageError("a snapshot named '" + manifest.name +
                             "' exists; `--force` replaces it, or choose another name");
    }
    replaced = hidden(kReplaced, manifest.name);
    fs::rename(target, replaced);
  }
  fs::rename(draft, target);
  if (!replaced.empty()) remove_owned_entry(replaced);
}

void SnapshotStore::discard(const fs::path& draft) { remove_owned_entry(draft); }

SnapshotManifest SnapshotStore::read(const std::string& name) const {
  check_snapshot_name(name);
  check_own_snapshot(name);
  const fs::path file = folder(name) / kManifest;
  const std::optional<std::string> text = util::read_file(file);
  if (!text) throw util::RuntimeError("cannot read " + file.string());
  return SnapshotManifest::from_json(*text, file.string());
}

std::vector<SnapshotSummary> SnapshotStore::list() const {
  check_root();
  std::vector<SnapshotSummary> summaries;
  if (!fs::exists(fs::symlink_status(root_))) return summaries;
  for (const fs::directory_entry& entry : fs::directory_iterator(root_)) {
    const std::string name = entry.path().filename().string();
    if (name[0] == '.' || !exists(name)) continue;  // hidden work folders, the marker, foreign folders
    summaries.push_back({read(name), util::tree_size(entry.path())});
  }
  std::sort(summaries.begin(), summaries.end(),
            [](const SnapshotSummary& a, const SnapshotSummary& b) { return a.manifest.name < b.manifest.name; });
  return summaries;
}

void SnapshotStore::remove(const std::string& name) {
  check_snapshot_name(name);
  check_own_snapshot(name);
  const fs::path doomed = hidden(kRemoving, name);
  fs::rename(folder(name), doomed);
  remove_owned_entry(doomed);
}

}  // namespace devenv::runtime
