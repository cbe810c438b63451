#pragma once

#include <cstddef>
#include <string>

namespace devenv::util {

// `bytes` bytes from the operating system's CSPRNG (OpenSSL RAND_bytes), as lowercase
// hex: secrets such as a verify's temporary password. Throws RuntimeError if the
// generator fails.
std::string random_hex(std::size_t bytes);

}  // namespace devenv::util
