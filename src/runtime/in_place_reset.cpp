#include "runtime/in_place_reset.h"

#include <algorithm>

#include "util/interrupt.h"

namespace devenv::runtime {

namespace {

std::string list(const std::vector<std::string>& names) {
  if (names.size() > 3) return names.front() + " … " + names.back() + " (" + std::to_string(names.size()) + ")";
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

}  // namespace

void reset_in_place(const ResetPlan& plan, DatabaseReset& databases, const std::filesystem::path& init_dir,
                    const std::function<void(const std::filesystem::path&)>& run_user_file, const Progress& progress) {
  databases.prepare_rebuild(plan.rebuilt);
  for (const std::string& name : plan.from_pristine) {
    util::throw_if_interrupted();
    databases.restore_pristine(name);
  }
  for (const std::string& name : plan.rebuilt) {
    util::throw_if_interrupted();
    databases.clear(name);
  }
  if (plan.fingerprint_changed) databases.forget_fingerprint();
  for (const CurrentInitFile& file : plan.files) {
    util::throw_if_interrupted();
    if (file.role != generator::InitRole::None) {
      databases.run_generated_file(init_dir / file.name);
      continue;
    }
    try {
      run_user_file(init_dir / file.name);
    } catch (const util::RuntimeError& e) {
      // It ran on a fresh server at init: it may not run twice (CREATE USER without
      // IF NOT EXISTS). A fresh data dir runs it as the init did.
      progress(std::string(e.what()));
      throw CannotResetInPlace(file.name + " failed when run again");
    }
  }
  if (!databases.keeps_pristine_copies()) return;
  for (const std::string& name : plan.rebuilt) {
    util::throw_if_interrupted();
    databases.keep_pristine(name);
  }
}

std::string describe_reset(const ResetPlan& plan) {
  std::string out;
  const auto add = [&](const std::string& part) { out += (out.empty() ? "" : "; ") + part; };
  if (!plan.changed.empty()) add("rebuilt " + list(plan.changed) + " (schema changed)");
  std::vector<std::string> others;
  for (const std::string& name : plan.rebuilt) {
    if (std::find(plan.changed.begin(), plan.changed.end(), name) == plan.changed.end()) others.push_back(name);
  }
  if (!others.empty()) add("rebuilt " + list(others) + " from the init files");
  if (!plan.from_pristine.empty()) add(list(plan.from_pristine) + " from pristine copies");
  if (!plan.kept.empty()) {
    add("kept " + list(plan.kept) + " with their data (`devenv reset --all-databases` resets them too)");
  }
  return out;
}

}  // namespace devenv::runtime
