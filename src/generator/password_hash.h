#pragma once

#include <string>

namespace devenv::generator {

// Generated init files hold password hashes, not passwords: the engines accept
// both, and initdb/ is often committed.

// MySQL/MariaDB mysql_native_password: "*" + upper-hex SHA1(SHA1(password)).
std::string mysql_native_password_hash(const std::string& password);

// MySQL caching_sha2_password, as mysql.user stores it: "$A$005$", a 20-byte salt,
// then the 43-character SHA-256 crypt digest of 5 × 1000 rounds (sha256_crypt.h). The
// salt is derived from user and password (bytes 1–127 but '$', as MySQL draws them),
// so that builds are byte-identical; it is binary, so SQL takes it as a hex literal.
std::string caching_sha2_password_hash(const std::string& user, const std::string& password);
std::string caching_sha2_password_hash_with_salt(const std::string& password, const std::string& salt);

// PostgreSQL SCRAM-SHA-256 verifier (RFC 5802/7677, as PostgreSQL stores it). The salt
// is derived from user and password so that generated files are byte-identical on
// every build.
std::string postgres_scram_verifier(const std::string& user, const std::string& password);

}  // namespace devenv::generator
