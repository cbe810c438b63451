#pragma once

// The Up script of one tool's file; up_script() picks one. Each takes the file's text as
// read (byte-order mark included) and the file's display name for errors.

#include <string>
#include <string_view>

#include "migrations/up_script.h"

namespace devenv::migrations {

UpScript goose_up_script(std::string_view text, const std::string& display);
UpScript dbmate_up_script(std::string_view text, const std::string& display);
UpScript drizzle_up_script(std::string_view text, const std::string& display);
// sqlx, golang-migrate, Flyway and Atlas send the whole file.
UpScript whole_file_up_script(Tool tool, std::string_view text, const std::string& display);

}  // namespace devenv::migrations
