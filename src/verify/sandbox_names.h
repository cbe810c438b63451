#pragma once

#include <string>
#include <string_view>

#include "config/config.h"
#include "engine/engine.h"

namespace devenv::verify {

// What a verify makes on a live server carries one of these prefixes, so the next
// verify finds and removes whatever a kill -9 left behind.
inline constexpr std::string_view kShadowPrefix = "_devenv_shadow_";
inline constexpr std::string_view kAccountPrefix = "_devenv_verify_";

// What names of a verify's on `server` start with: `base` (kShadowPrefix or
// kAccountPrefix), and on a shared server (one with a `url`) a tag of this developer's
// prefix, so that two developers' verifies never share a name and each one's
// drop_leftovers removes only its own: "_devenv_shadow_3fa4c1d2e5b7_".
std::string sandbox_prefix(std::string_view base, const config::Server& server);

// The name of a verify's temporary account with this run suffix, and what every such
// account of this server starts with (for drop_leftovers). Within the engine's user
// names: MySQL 8 allows 32 bytes, too few for the base and a shared server's tag in
// full (`_devenv_verify_3fa4c1d2e5b7_run_4194304_12`), so there both are shortened
// (`_dvv_3fa4c1d2_run_4194304_12`).
std::string account_name(const config::Server& server, std::string_view suffix);
std::string account_prefix(const config::Server& server);

// "_<pid>_<n>": every shadow database and the account of one load end in it. `n`
// counts the loads of this process, so two shadows alive at once (`diff a.sql b.sql`)
// never share a name.
std::string run_suffix();

// prefix + label + suffix, within the engine's longest name: a label too long for it
// is cut and followed by a short hash of the whole label, so two long labels that
// share a beginning still get different names.
std::string sandbox_name(std::string_view prefix, std::string_view label, std::string_view suffix,
                         const engine::Engine& engine);

}  // namespace devenv::verify
