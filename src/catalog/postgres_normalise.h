#pragma once

#include <string>

namespace devenv::catalog::postgres {

// Spellings PostgreSQL prints for one expression that it prints differently once that
// printed form is run again (docs/engines.md, item 21), turned into one form.

// `status IN ('a', 'b')` on a varchar column prints as
//   ARRAY['a'::character varying, 'b'::character varying]::text[]
// and, run again, as
//   ARRAY['a'::character varying::text, 'b'::character varying::text]
// The second becomes the first: a fix that writes the printed check, index predicate
// or view converges.
std::string array_casts(const std::string& expression);

}  // namespace devenv::catalog::postgres
