#pragma once

#include <chrono>
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "generator/init_plan.h"
#include "runtime/database_reset.h"
#include "runtime/reset_plan.h"
#include "runtime/server.h"
#include "runtime/server_state.h"

namespace devenv::runtime {

// Carries out `plan` on a running server: databases from their pristine copies, the
// others dropped and made again by their files, then pristine copies of those. A
// user's file goes through `run_user_file` (the engine's client, as the init ran it).
// Throws CannotResetInPlace when it cannot (before any change; or when a user's file
// fails, which a fresh data dir may not: it was written for one), util::RuntimeError
// when a generated file fails, util::Interrupted on Ctrl-C.
void reset_in_place(const ResetPlan& plan, DatabaseReset& databases, const std::filesystem::path& init_dir,
                    const std::function<void(const std::filesystem::path&)>& run_user_file, const Progress& progress);

// What a reset in place needs of one server, whichever runtime runs it (native: its
// socket, its state file, the client on the host; compose: TCP to the container, the
// compose-state file, the client inside the container).
struct InPlaceServer {
  ResetTarget target;                        // root's sessions, the engine's client, the log
  std::filesystem::path init_dir;            // initdb/<server>
  std::filesystem::path state_file;          // where `state` is saved
  std::string setup;                         // DataDirKeys::setup of the config now
  std::vector<CurrentInitFile> current;      // the init files now
  std::function<void(ServerState&)> record;  // `state` made from `current` (record_init_files), saved
  std::string remake;                        // what the fallback makes again, for its progress line: "the data dir"
};

// A reset in place of a running server, from the record in `state` (its init files,
// setup, an unfinished reset's databases): planned (reset_plan.h), the phase set to
// "resetting" with the databases it sets out to make again before the first change,
// carried out, then `record`ed. nullopt, having said why ("making <remake> again:
// …"), when it cannot be done in place: the caller makes the data dir or volume
// again. A generated file or the server failing half way throws, and the phase stays
// "resetting": the next reset or up finishes it.
std::optional<UpResult> reset_server_in_place(ServerState& state, const InPlaceServer& server, bool only_changed,
                                              std::chrono::steady_clock::time_point started);

// Whether the record in `state` allows a reset in place now, before asking the server
// anything (Server::resets_in_place).
bool plans_in_place(const ServerState& state, const std::string& setup, const std::vector<CurrentInitFile>& current,
                    bool only_changed);

// initdb/<server>'s files (name, sha256, as DataDirKeys::files), each with the role
// devenv generated it for; a file not in `init` is the user's.
std::vector<CurrentInitFile> current_init_files(const std::vector<std::pair<std::string, std::string>>& files,
                                                const generator::ServerInit& init);

// `state` records databases made from `files` with `setup`: ready, nothing left to
// finish, and what the next reset in place compares with. Not saved.
void record_init_files(ServerState& state, const std::string& fingerprint, const std::string& setup,
                       const std::vector<std::pair<std::string, std::string>>& files);

// "rebuilt unkey (its schema changed); 5 others kept with their data": what a reset in
// place did, for the progress line.
std::string describe_reset(const ResetPlan& plan);

}  // namespace devenv::runtime
