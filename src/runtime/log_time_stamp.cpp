#include "runtime/log_time_stamp.h"

#include <cctype>

namespace devenv::runtime {

namespace {

bool digits_at(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return false;
  for (std::size_t i = at; i < at + count; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i]))) return false;
  }
  return true;
}

// YYYY-MM-DD at the start.
bool starts_with_date(std::string_view line) {
  return digits_at(line, 0, 4) && line.size() > 10 && line[4] == '-' && digits_at(line, 5, 2) && line[7] == '-' &&
         digits_at(line, 8, 2);
}

// [H]H:MM:SS at `at`; sets `end` past it and `padded` to the two-digit form.
bool time_at(std::string_view line, std::size_t at, std::size_t& end, std::string& padded) {
  const std::size_t hour_digits = digits_at(line, at, 2) ? 2 : digits_at(line, at, 1) ? 1 : 0;
  if (hour_digits == 0) return false;
  const std::size_t colon = at + hour_digits;
  if (colon + 6 > line.size() || line[colon] != ':' || !digits_at(line, colon + 1, 2) || line[colon + 3] != ':' ||
      !digits_at(line, colon + 4, 2)) {
    return false;
  }
  padded = std::string(hour_digits == 1 ? "0" : "") + std::string(line.substr(at, colon + 6 - at));
  end = colon + 6;
  return true;
}

// .123 or .123456 at `at`.
std::string fraction_at(std::string_view line, std::size_t& at) {
  if (at >= line.size() || line[at] != '.') return "";
  std::size_t end = at + 1;
  while (end < line.size() && std::isdigit(static_cast<unsigned char>(line[end]))) ++end;
  if (end == at + 1) return "";
  std::string fraction(line.substr(at, end - at));
  at = end;
  return fraction;
}

// " UTC", " CET", " +01" after PostgreSQL's time: Z for UTC, else kept after a space.
std::string zone_at(std::string_view line, std::size_t& at) {
  if (at >= line.size() || line[at] != ' ') return "";
  std::size_t end = at + 1;
  while (end < line.size() && (std::isalpha(static_cast<unsigned char>(line[end])) || line[end] == '+' ||
                               line[end] == '-' || std::isdigit(static_cast<unsigned char>(line[end])))) {
    ++end;
  }
  const std::string_view zone = line.substr(at + 1, end - at - 1);
  // A zone is letters or a signed offset, followed by a space; else it is the message.
  const bool named = !zone.empty() && std::isalpha(static_cast<unsigned char>(zone[0])) && zone.size() <= 5;
  const bool offset = zone.size() >= 3 && (zone[0] == '+' || zone[0] == '-');
  if (!(named || offset) || end >= line.size() || line[end] != ' ') return "";
  at = end;
  return zone == "UTC" || zone == "GMT" ? "Z" : " " + std::string(zone);
}

}  // namespace

std::optional<StampedLine> split_time_stamp(std::string_view line) {
  if (!starts_with_date(line)) return std::nullopt;
  const std::string date(line.substr(0, 10));
  std::size_t at = 10;
  std::string time;
  if (line[at] == 'T') {  // MySQL 8: ISO already
    if (!time_at(line, at + 1, at, time)) return std::nullopt;
    std::string fraction = fraction_at(line, at);
    std::string zone;
    if (at < line.size() && line[at] == 'Z') {
      zone = "Z";
      ++at;
    }
    if (at < line.size() && line[at] != ' ') return std::nullopt;
    return StampedLine{date + "T" + time + fraction + zone, line.substr(std::min(at + 1, line.size()))};
  }
  // PostgreSQL one space, MariaDB two before a one-digit hour.
  while (at < line.size() && line[at] == ' ' && at < 12) ++at;
  if (at == 10 || !time_at(line, at, at, time)) return std::nullopt;
  const std::string fraction = fraction_at(line, at);
  const std::string zone = zone_at(line, at);
  if (at < line.size() && line[at] != ' ') return std::nullopt;
  return StampedLine{date + "T" + time + fraction + zone, line.substr(std::min(at + 1, line.size()))};
}

std::string LineStamper::stamp(std::string_view line) {
  if (const std::optional<StampedLine> stamped = split_time_stamp(line)) {
    last_ = stamped->stamp;
    return stamped->stamp + " " + std::string(stamped->rest);
  }
  return (last_.empty() ? std::string(19, ' ') : last_) + " " + std::string(line);
}

}  // namespace devenv::runtime
