#include "generator/sha256_crypt.h"

#include "util/sha256.h"

namespace devenv::generator {
namespace {

constexpr std::size_t kDigestBytes = 32;

std::string sha256(std::string_view data) {
  util::Sha256 hash;
  hash.update(data);
  return hash.digest();
}

// `digest` repeated and cut to `length` bytes (the spec's sequences P and S).
std::string repeated_to(const std::string& digest, std::size_t length) {
  std::string out;
  while (out.size() + kDigestBytes <= length) out += digest;
  out += digest.substr(0, length - out.size());
  return out;
}

// Steps 1–12 of the spec: the digest A that seeds the rounds.
std::string initial_digest(std::string_view password, std::string_view salt) {
  const std::string alternate = sha256(std::string(password) + std::string(salt) + std::string(password));
  std::string input = std::string(password) + std::string(salt) + repeated_to(alternate, password.size());
  for (std::size_t bits = password.size(); bits > 0; bits >>= 1) {
    input += (bits & 1) ? alternate : std::string(password);
  }
  return sha256(input);
}

std::string repeated_hash(std::string_view part, std::size_t times) {
  util::Sha256 hash;
  for (std::size_t i = 0; i < times; ++i) hash.update(part);
  return hash.digest();
}

// Crypt's base 64: least significant 6 bits first, alphabet ./0-9A-Za-z.
void encode(std::string& out, unsigned value, int characters) {
  static constexpr char kAlphabet[] = "./0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  for (int i = 0; i < characters; ++i) {
    out.push_back(kAlphabet[value & 63]);
    value >>= 6;
  }
}

std::string encode_digest(const std::string& c) {
  const auto byte = [&](int i) { return static_cast<unsigned>(static_cast<unsigned char>(c[i])); };
  std::string out;
  // The spec's byte order: groups of three, each taking bytes i, i+10, i+20 rotated.
  for (int group = 0, i = 0; group < 10; ++group, i = (i + 21) % 30) {
    encode(out, (byte(i) << 16) | (byte((i + 10) % 30) << 8) | byte((i + 20) % 30), 4);
  }
  encode(out, (byte(31) << 8) | byte(30), 3);
  return out;
}

}  // namespace

std::string sha256_crypt_digest(std::string_view password, std::string_view salt, int rounds) {
  const std::string a = initial_digest(password, salt);
  const std::string p = repeated_to(repeated_hash(password, password.size()), password.size());
  const std::string s = repeated_to(repeated_hash(salt, 16 + static_cast<unsigned char>(a[0])), salt.size());
  std::string c = a;
  for (int round = 0; round < rounds; ++round) {
    util::Sha256 hash;
    hash.update(round & 1 ? std::string_view(p) : std::string_view(c));
    if (round % 3 != 0) hash.update(s);
    if (round % 7 != 0) hash.update(p);
    hash.update(round & 1 ? std::string_view(c) : std::string_view(p));
    c = hash.digest();
  }
  return encode_digest(c);
}

}  // namespace devenv::generator
