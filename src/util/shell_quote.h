#pragma once

#include <string>
#include <string_view>

namespace devenv::util {

// `text` as one POSIX shell word that expands to exactly itself: single quotes,
// each `'` written as '\'' (a password may hold any character).
std::string shell_quote(std::string_view text);

}  // namespace devenv::util
