#pragma once

#include <string>

namespace devenv::generator {

// The password PostgreSQL actually hashes into a SCRAM verifier (and libpq hashes
// when it logs in): the SASLprep (RFC 4013) form of the password when it has one,
// else the password's own bytes. PostgreSQL falls back to the raw bytes whenever
// SASLprep fails (not UTF-8, a prohibited or unassigned code point, a bidi rule
// broken, nothing left after mapping), so a verifier made any other way does not
// log in. Pure ASCII is used as it is, as PostgreSQL does.
std::string postgres_scram_password(const std::string& password);

}  // namespace devenv::generator
