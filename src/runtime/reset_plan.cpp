#include "runtime/reset_plan.h"

#include <algorithm>
#include <map>

namespace devenv::runtime {
namespace {

using generator::InitRole;

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// As the init treats them (init_scripts.h): SQL, scripts, compressed SQL, or ignored.
enum class FileKind { Sql, Script, Compressed, Ignored };

FileKind kind_of(const std::string& name) {
  if (ends_with(name, ".sql")) return FileKind::Sql;
  if (ends_with(name, ".sh")) return FileKind::Script;
  for (const char* suffix : {".sql.gz", ".sql.xz", ".sql.zst", ".sql.bz2"}) {
    if (ends_with(name, suffix)) return FileKind::Compressed;
  }
  return FileKind::Ignored;
}

ResetPlan not_in_place(const std::string& why) {
  ResetPlan plan;
  plan.why_not = why;
  return plan;
}

bool contains(const std::set<std::string>& set, const std::string& name) { return set.count(name) != 0; }

bool any_of(const std::vector<std::string>& names, const std::set<std::string>& set) {
  return std::any_of(names.begin(), names.end(), [&](const std::string& name) { return contains(set, name); });
}

}  // namespace

ResetPlan plan_reset(const ResetPlanInput& input) {
  if (input.recorded.empty()) {
    return not_in_place("no record of the init files its databases were made from (an older devenv made them)");
  }
  std::map<std::string, std::string> recorded(input.recorded.begin(), input.recorded.end());
  std::vector<std::string> declared;  // every database the schema files make, in run order
  std::set<std::string> changed;      // those whose schema file changed
  bool any_change = false, user_files = false;
  for (const CurrentInitFile& file : input.current) {
    const FileKind kind = kind_of(file.name);
    if (kind == FileKind::Ignored) continue;
    if (kind == FileKind::Script)
      return not_in_place(file.name + " is a script: what it did cannot be redone in place");
    if (kind == FileKind::Compressed) return not_in_place(file.name + " is compressed (a dump): it is loaded afresh");
    const auto it = recorded.find(file.name);
    if (it == recorded.end()) return not_in_place(file.name + " is new since the init");
    const bool file_changed = it->second != file.sha256;
    recorded.erase(it);
    if (file.role == InitRole::Schema) declared.insert(declared.end(), file.databases.begin(), file.databases.end());
    if (file.role == InitRole::None) user_files = true;
    if (!file_changed) continue;
    any_change = true;
    if (file.role == InitRole::InitDatabases) {
      return not_in_place(file.name + " changed (databases, users or grants)");
    }
    if (file.role == InitRole::None) return not_in_place(file.name + " changed since the init");
    if (file.role == InitRole::Schema) changed.insert(file.databases.begin(), file.databases.end());
  }
  for (const auto& [name, sha256] : recorded) {
    if (kind_of(name) != FileKind::Ignored) return not_in_place(name + " was removed since the init");
  }

  // Reset: the changed databases after a schema edit, else all.
  const std::set<std::string> everything(declared.begin(), declared.end());
  std::set<std::string> reset = input.only_changed ? changed : everything;
  for (const std::string& name : input.unfinished) {
    if (contains(everything, name)) reset.insert(name);
  }
  std::set<std::string> rebuild;
  for (const std::string& name : reset) {
    if (contains(changed, name) || !input.keeps_pristine_copies || !contains(input.pristine, name)) {
      rebuild.insert(name);
    }
  }
  // A user's file may fill any database: it runs again only on all of them afresh.
  if (user_files && !rebuild.empty()) reset = rebuild = everything;
  // A schema file makes every database of its key (all partitions): all or none.
  for (const CurrentInitFile& file : input.current) {
    if (file.role == InitRole::Schema && any_of(file.databases, rebuild)) {
      rebuild.insert(file.databases.begin(), file.databases.end());
      reset.insert(file.databases.begin(), file.databases.end());
    }
  }

  ResetPlan plan;
  plan.in_place = true;
  plan.fingerprint_changed = any_change;
  for (const std::string& name : declared) {
    if (contains(rebuild, name)) {
      plan.rebuilt.push_back(name);
      if (contains(changed, name)) plan.changed.push_back(name);
    } else if (contains(reset, name)) {
      plan.from_pristine.push_back(name);
    } else {
      plan.kept.push_back(name);
    }
  }
  for (const CurrentInitFile& file : input.current) {
    if (kind_of(file.name) != FileKind::Sql) continue;
    bool run = false;
    switch (file.role) {
      case InitRole::InitDatabases: run = input.reruns_init_databases && !rebuild.empty(); break;
      case InitRole::Schema: run = any_of(file.databases, rebuild); break;
      case InitRole::None: run = user_files && !rebuild.empty(); break;
      case InitRole::Fingerprint: run = any_change; break;
    }
    if (run) plan.files.push_back(file);
  }
  return plan;
}

}  // namespace devenv::runtime
