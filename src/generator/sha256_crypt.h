#pragma once

#include <string>
#include <string_view>

namespace devenv::generator {

// The digest part of SHA-256 crypt (Ulrich Drepper's "Unix crypt using SHA-256",
// glibc's `$5$`): `rounds` rounds over password and salt, encoded as 43 characters of
// crypt's base-64 alphabet. The salt is used whole: glibc cuts it to 16 bytes before
// calling this, MySQL's caching_sha2_password passes its 20.
std::string sha256_crypt_digest(std::string_view password, std::string_view salt, int rounds);

}  // namespace devenv::generator
