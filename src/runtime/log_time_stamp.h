#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace devenv::runtime {

// A server's log line split into the time stamp it starts with, in ISO 8601
// ("2026-12-02T03:44:11.123Z"), and the rest. Knows the servers' own formats:
//   PostgreSQL's default log_line_prefix   2026-12-02 03:44:11.123 UTC [42] LOG: …
//   MariaDB                                2026-12-02  3:44:11 0 [Note] …
//   MySQL 8                                2026-12-02T03:44:11.123456Z 0 [System] …
struct StampedLine {
  std::string stamp;
  std::string_view rest;
};
std::optional<StampedLine> split_time_stamp(std::string_view line);

// For --timestamps on logs whose lines carry their own: each line with its stamp in
// front; a line without one (a continuation, a client's output) gets the last
// stamp seen before it, or blanks of the same width when there was none.
class LineStamper {
 public:
  std::string stamp(std::string_view line);

 private:
  std::string last_;
};

}  // namespace devenv::runtime
