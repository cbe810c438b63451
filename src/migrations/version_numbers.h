#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace devenv::migrations {

// An integer as Go's strconv.ParseInt and Rust's i64::from_str read one: an optional
// sign, then decimal digits only, within 64 bits (sqlx, goose).
std::optional<std::int64_t> parse_int64(std::string_view text);
// Decimal digits only, within 64 bits (golang-migrate's ParseUint).
std::optional<std::uint64_t> parse_uint64(std::string_view text);

// A Flyway version as Flyway records it: `_` read as `.` ("1_1" → "1.1"). nullopt unless
// every `.`-separated part is digits; Flyway then skips the file.
std::optional<std::string> flyway_version(std::string_view text);
// Flyway compares versions part by part as integers of any size, a missing part counting
// as 0, so "1.01" = "1.1" = "1.1.0" < "1.2" < "10". Negative, zero or positive.
int compare_flyway_versions(std::string_view a, std::string_view b);
// The same version written one way ("1.01.0" → "1.1"), for finding duplicates.
std::string canonical_flyway_version(std::string_view version);

}  // namespace devenv::migrations
