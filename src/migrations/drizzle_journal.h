#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace devenv::migrations {

struct DrizzleJournalEntry {
  std::string tag;        // the migration file is `<tag>.sql` beside `meta/`
  std::int64_t when = 0;  // milliseconds since the epoch: Drizzle runs entries newer than its last row
  int line = 1;           // where the tag stands in the journal, for errors about the entry
  int column = 1;
};

// `meta/_journal.json`: `{ "dialect": …, "entries": [{ "idx", "when", "tag", "breakpoints" }] }`.
struct DrizzleJournal {
  std::optional<std::string> dialect;
  std::vector<DrizzleJournalEntry> entries;  // in journal order, which is the order Drizzle applies them
};

// Throws sqltext::SourceError at the journal when it is not JSON of that shape.
DrizzleJournal read_drizzle_journal(std::string_view text, const std::string& display);

}  // namespace devenv::migrations
