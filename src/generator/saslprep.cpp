#include "generator/saslprep.h"

#include <stringprep.h>

#include <algorithm>
#include <cstdlib>
#include <memory>

namespace devenv::generator {
namespace {

bool is_ascii(const std::string& text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; });
}

}  // namespace

std::string postgres_scram_password(const std::string& password) {
  if (is_ascii(password)) return password;
  // libidn's "SASLprep" profile: RFC 4013 mapping, NFKC, prohibited output and bidi
  // checks. STRINGPREP_NO_UNASSIGNED because PostgreSQL also refuses unassigned code
  // points (and then hashes the raw bytes).
  char* prepared = nullptr;
  const int rc = stringprep_profile(password.c_str(), &prepared, "SASLprep", STRINGPREP_NO_UNASSIGNED);
  const std::unique_ptr<char, decltype(&std::free)> owner(prepared, &std::free);
  if (rc != STRINGPREP_OK || prepared == nullptr || prepared[0] == '\0') return password;
  return prepared;
}

}  // namespace devenv::generator
