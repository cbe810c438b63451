#pragma once

#include <optional>
#include <string_view>

namespace devenv::migrations {

// dbmate's `^--\s*migrate:up(\s*$|\s+\S+)` (and `migrate:down`) on one line: the name must
// end there, so `-- migrate:upgrade` is an ordinary comment. What follows the name (the
// options, such as `transaction:false`) when the line is one.
std::optional<std::string_view> dbmate_directive(std::string_view line, std::string_view name);

}  // namespace devenv::migrations
