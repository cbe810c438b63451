#pragma once

#include <string>
#include <string_view>

namespace devenv::util {

std::string sha256_hex(std::string_view data);
// SHA-384 in lower-case hex (sqlx's migration checksum).
std::string sha384_hex(std::string_view data);

// Incremental SHA-256 for hashing several pieces without concatenating them.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void update(std::string_view data);
  std::string hex();     // finishes; call once
  std::string digest();  // finishes; raw 32 bytes; call once

 private:
  void* context_;
};

}  // namespace devenv::util
