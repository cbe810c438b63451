#include "generator/password_hash.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <stdexcept>

#include "generator/saslprep.h"
#include "generator/sha256_crypt.h"
#include "util/sha256.h"

namespace devenv::generator {
namespace {

std::string sha1(const std::string& data) {
  unsigned char out[SHA_DIGEST_LENGTH];
  SHA1(reinterpret_cast<const unsigned char*>(data.data()), data.size(), out);
  return std::string(reinterpret_cast<const char*>(out), sizeof out);
}

std::string hmac_sha256(const std::string& key, const std::string& message) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), out, &length);
  return std::string(reinterpret_cast<const char*>(out), length);
}

std::string base64(const std::string& bytes) {
  std::string out(4 * ((bytes.size() + 2) / 3) + 1, '\0');
  const int length =
      EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                      reinterpret_cast<const unsigned char*>(bytes.data()), static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(length));
  return out;
}

}  // namespace

std::string mysql_native_password_hash(const std::string& password) {
  static constexpr char digits[] = "0123456789ABCDEF";
  std::string out = "*";
  for (unsigned char byte : sha1(sha1(password))) {
    out.push_back(digits[byte >> 4]);
    out.push_back(digits[byte & 15]);
  }
  return out;
}

std::string caching_sha2_password_hash_with_salt(const std::string& password, const std::string& salt) {
  constexpr int kRoundsInThousands = 5;  // MySQL's caching_sha2_password_digest_rounds default
  return "$A$" + std::string("005") + "$" + salt + sha256_crypt_digest(password, salt, kRoundsInThousands * 1000);
}

std::string caching_sha2_password_hash(const std::string& user, const std::string& password) {
  util::Sha256 salt_source;
  salt_source.update("devenv caching_sha2 salt\n" + user + "\n" + password);
  std::string salt = salt_source.digest().substr(0, 20);
  for (char& c : salt) {
    c = static_cast<char>(c & 0x7f);
    if (c == '\0' || c == '$') ++c;
  }
  return caching_sha2_password_hash_with_salt(password, salt);
}

std::string postgres_scram_verifier(const std::string& user, const std::string& given_password) {
  constexpr int iterations = 4096;  // PostgreSQL's default scram_iterations
  const std::string password = postgres_scram_password(given_password);
  util::Sha256 salt_source;
  salt_source.update("devenv scram salt\n" + user + "\n" + given_password);
  const std::string salt = salt_source.digest().substr(0, 16);
  unsigned char salted[32];
  if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                        EVP_sha256(), sizeof salted, salted) != 1) {
    throw std::runtime_error("OpenSSL: PBKDF2 failed");
  }
  const std::string salted_password(reinterpret_cast<const char*>(salted), sizeof salted);
  util::Sha256 stored_key;
  stored_key.update(hmac_sha256(salted_password, "Client Key"));
  const std::string server_key = hmac_sha256(salted_password, "Server Key");
  return "SCRAM-SHA-256$" + std::to_string(iterations) + ":" + base64(salt) + "$" + base64(stored_key.digest()) + ":" +
         base64(server_key);
}

}  // namespace devenv::generator
