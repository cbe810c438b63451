#pragma once

#include <string>
#include <vector>

#include "migrations/up_script.h"
#include "sqltext/dialect.h"
#include "sqltext/statement.h"

namespace devenv::migrations {

// The statements of an Up script in order: whole parts as one statement each, the others
// split as the engine's client splits them. Every statement's `where` is in the file.
std::vector<sqltext::Statement> up_statements(const UpScript& script, sqltext::Dialect dialect,
                                              const std::string& display);

}  // namespace devenv::migrations
