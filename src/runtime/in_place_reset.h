#pragma once

#include <filesystem>
#include <functional>

#include "runtime/database_reset.h"
#include "runtime/reset_plan.h"
#include "runtime/server.h"

namespace devenv::runtime {

// Carries out `plan` on a running server: databases from their pristine copies, the
// others dropped and made again by their files, then pristine copies of those. A
// user's file goes through `run_user_file` (the engine's client, as the init ran it).
// Throws CannotResetInPlace when it cannot (before any change; or when a user's file
// fails, which a fresh data dir may not: it was written for one), util::RuntimeError
// when a generated file fails, util::Interrupted on Ctrl-C.
void reset_in_place(const ResetPlan& plan, DatabaseReset& databases, const std::filesystem::path& init_dir,
                    const std::function<void(const std::filesystem::path&)>& run_user_file, const Progress& progress);

// "rebuilt unkey (its schema changed); 5 others kept with their data": what a reset in
// place did, for the progress line.
std::string describe_reset(const ResetPlan& plan);

}  // namespace devenv::runtime
