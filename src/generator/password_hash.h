#pragma once

#include <string>

namespace devenv::generator {

// Generated init files hold password hashes, not passwords: the engines accept
// both, and initdb/ is often committed.

// MySQL/MariaDB mysql_native_password: "*" + upper-hex SHA1(SHA1(password)).
std::string mysql_native_password_hash(const std::string& password);

// PostgreSQL SCRAM-SHA-256 verifier (RFC 5802/7677, as PostgreSQL stores it). The salt
// is derived from user and password so that generated files are byte-identical on
// every build.
std::string postgres_scram_verifier(const std::string& user, const std::string& password);

}  // namespace devenv::generator
