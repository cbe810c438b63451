#pragma once

#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "catalog/differ.h"

namespace devenv::catalog {

// Which side a fix changes, for the signs: as in git and Atlas, `+` is what a fix
// adds and `-` what it drops, whichever side the difference was found on.
enum class FixDirection {
  ActualToExpected,  // verify: the live database is made like the schema files
  ExpectedToActual,  // diff A B: A (compared as expected) is made like B
};

// Grouped by database and object: `+` added by a fix, `-` dropped by it, `~` changed,
// with the expected and actual definitions; colour when `colour`.
void render_text(std::ostream& out, const std::vector<Difference>& differences, bool colour,
                 FixDirection direction = FixDirection::ActualToExpected);

// The line that says what the signs mean, for the end of a text report.
std::string sign_legend(FixDirection direction);

// A database found on a server beside those compared, which is not drift.
struct UnmanagedDatabase {
  std::string server;
  std::string database;
};

// A stable shape (documented in the README):
// {"drift": bool, "differences": [{"database", "object", "kind", "name", "change", "expected", "actual"}],
//  "unmanaged_databases": [{"server", "database"}]}   (verify only)
void render_json(std::ostream& out, const std::vector<Difference>& differences,
                 const std::optional<std::vector<UnmanagedDatabase>>& unmanaged = std::nullopt);

}  // namespace devenv::catalog
