#include "runtime/in_place_reset.h"

#include <algorithm>
#include <fstream>

#include "util/interrupt.h"

namespace devenv::runtime {

namespace {

std::string list(const std::vector<std::string>& names) {
  if (names.size() > 3) return names.front() + " … " + names.back() + " (" + std::to_string(names.size()) + ")";
  std::string out;
  for (const std::string& name : names) out += (out.empty() ? "" : ", ") + name;
  return out;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The plan for `server` from `state`'s record, with the pristine copies the server
// has; asks the server (throws db::DbError when it does not answer).
ResetPlan plan_for(const ServerState& state, const InPlaceServer& server, DatabaseReset& databases, bool only_changed) {
  ResetPlanInput input{state.init_files,
                       server.current,
                       databases.keeps_pristine_copies(),
                       databases.reruns_init_databases(),
                       {},
                       only_changed,
                       {}};
  if (state.phase == "resetting") {
    input.unfinished.insert(state.resetting_databases.begin(), state.resetting_databases.end());
  }
  if (input.keeps_pristine_copies) {
    std::vector<std::string> declared;
    for (const CurrentInitFile& file : input.current) {
      declared.insert(declared.end(), file.databases.begin(), file.databases.end());
    }
    input.pristine = databases.pristine_copies(declared);
  }
  return plan_reset(input);
}

// Before the first change: an interrupted reset is finished by the next one, which
// makes these databases again whatever else it does.
void mark_resetting(ServerState& state, const ResetPlan& plan, const std::filesystem::path& state_file) {
  state.phase = "resetting";
  state.failure.clear();
  for (const std::vector<std::string>* names : {&plan.rebuilt, &plan.from_pristine}) {
    for (const std::string& name : *names) {
      if (std::find(state.resetting_databases.begin(), state.resetting_databases.end(), name) ==
          state.resetting_databases.end()) {
        state.resetting_databases.push_back(name);
      }
    }
  }
  state.save(state_file);
}

std::string setup_changed(const ServerState& state) {
  return state.init_setup.empty() ? "an older devenv made it"
                                  : "root's credentials, the engine or image, charset, collation or settings "
                                    "changed since it was made";
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

std::optional<UpResult> reset_server_in_place(ServerState& state, const InPlaceServer& server, bool only_changed,
                                              std::chrono::steady_clock::time_point started) {
  const Progress& progress = server.target.progress;
  const auto fall_back = [&](const std::string& why) {
    progress("making " + server.remake + " again: " + why);
    return std::nullopt;
  };
  if (server.setup != state.init_setup) return fall_back(setup_changed(state));
  const std::unique_ptr<DatabaseReset> databases = make_database_reset(server.target);
  ResetPlan plan;
  try {
    plan = plan_for(state, server, *databases, only_changed);
    if (!plan.in_place) return fall_back(plan.why_not);
    if (plan.rebuilt.empty() && plan.from_pristine.empty()) {
      progress("no schema change here: " + describe_reset(plan));
      return UpResult{kUnchanged, seconds_since(started), state.port, state.version, false, describe_reset(plan)};
    }
    databases->prepare_rebuild(plan.rebuilt);
  } catch (const CannotResetInPlace& e) {
    return fall_back(e.what());
  } catch (const db::DbError& e) {
    return fall_back("the server does not answer " +
                     std::string(server.target.session.socket.empty() ? "over TCP" : "on its socket") + " (" +
                     e.what() + ")");
  }
  mark_resetting(state, plan, server.state_file);
  std::ofstream(server.target.log, std::ios::app) << "devenv: reset in place: " << describe_reset(plan) << "\n";
  try {
    reset_in_place(plan, *databases, server.init_dir, server.target.run_with_client, progress);
  } catch (const CannotResetInPlace& e) {
    state.failure = e.what();
    state.save(server.state_file);
    progress(std::string(e.what()) + "; making " + server.remake + " again instead");
    return std::nullopt;
  } catch (const util::Interrupted&) {
    throw;
  } catch (const db::DbError& e) {  // the server's own words: a full disk, a lost connection
    state.failure = e.what();
    state.save(server.state_file);
    throw util::RuntimeError(e.what(), "once the cause is fixed, `devenv up` or `devenv reset` finishes the reset");
  } catch (const std::exception& e) {
    state.failure = e.what();
    state.save(server.state_file);
    throw;
  }
  server.record(state);
  progress("reset in place in " + std::to_string(static_cast<int>(seconds_since(started) * 1000)) +
           " ms: " + describe_reset(plan));
  return UpResult{kResetInPlace, seconds_since(started), state.port, state.version, false, describe_reset(plan)};
}

bool plans_in_place(const ServerState& state, const std::string& setup, const std::vector<CurrentInitFile>& current,
                    bool only_changed) {
  return setup == state.init_setup &&
         plan_reset({state.init_files, current, false, false, {}, only_changed, {}}).in_place;
}

std::vector<CurrentInitFile> current_init_files(const std::vector<std::pair<std::string, std::string>>& files,
                                                const generator::ServerInit& init) {
  std::vector<CurrentInitFile> current;
  for (const auto& [name, sha256] : files) {
    CurrentInitFile file{name, sha256, generator::InitRole::None, {}};
    for (const generator::GeneratedFile& generated : init.files) {
      if (std::filesystem::path(generated.path).filename() == name) {
        file.role = generated.role;
        file.databases = generated.databases;
      }
    }
    current.push_back(std::move(file));
  }
  return current;
}

// A name with a newline cannot be written on one line of the state file; left out,
// it makes the next reset's plan see a new file, and fall back.
void record_init_files(ServerState& state, const std::string& fingerprint, const std::string& setup,
                       const std::vector<std::pair<std::string, std::string>>& files) {
  state.phase = "ready";
  state.fingerprint = fingerprint;
  state.init_setup = setup;
  state.resetting_databases.clear();
  state.init_files.clear();
  for (const auto& [name, sha256] : files) {
    if (name.find('\n') == std::string::npos) state.init_files.emplace_back(name, sha256);
  }
  state.failure.clear();
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
