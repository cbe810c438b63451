#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "config/config.h"
#include "generator/compiled_source.h"

namespace devenv::generator {

// Built-in functions of newer PostgreSQL versions (engine::Engine::polyfill_names),
// defined in the database before its sources run when they call one, so that
// migrations written for PostgreSQL 18 (`DEFAULT uuidv7()`) load on the 15 the
// machine's packages give. docs/migration-sources.md says more.

// The polyfills `database` gets: those config.toml lists, then those its sources call.
std::vector<std::string> polyfills_needed(const config::Server& server, const config::Database& database,
                                          const std::vector<CompiledSource>& compiled);

// SQL that defines public.<name>() where the server has no built-in of that name (a
// PostgreSQL 18 keeps its own), marked by its comment so that verify leaves it out.
std::string polyfill_sql(std::string_view name);

// The comment every polyfill carries; the inspector skips functions whose comment
// starts with it.
constexpr std::string_view kPolyfillComment = "devenv polyfill";

// The one-line notice build prints for each polyfill sources called.
std::string polyfill_notice(const config::Database& database, std::string_view name);

}  // namespace devenv::generator
