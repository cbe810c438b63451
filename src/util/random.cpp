#include "util/random.h"

#include <openssl/rand.h>

#include <vector>

#include "util/runtime_error.h"

namespace devenv::util {

std::string random_hex(std::size_t bytes) {
  std::vector<unsigned char> raw(bytes);
  if (RAND_bytes(raw.data(), static_cast<int>(raw.size())) != 1) {
    throw RuntimeError("the system's random generator failed", "try again");
  }
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned char byte : raw) {
    out.push_back(kDigits[byte >> 4]);
    out.push_back(kDigits[byte & 15]);
  }
  return out;
}

}  // namespace devenv::util
