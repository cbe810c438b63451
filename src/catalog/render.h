#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "catalog/differ.h"

namespace devenv::catalog {

// Grouped by database and object: `+` extra, `-` missing, `~` changed, with the
// expected and actual definitions; colour when `colour` (a terminal).
void render_text(std::ostream& out, const std::vector<Difference>& differences, bool colour);

// A stable shape (documented in the README):
// {"drift": bool, "differences": [{"database", "object", "kind", "name", "change", "expected", "actual"}]}
void render_json(std::ostream& out, const std::vector<Difference>& differences);

}  // namespace devenv::catalog
