#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "generator/generated_file.h"

namespace devenv::generator {

// Where the last init file records the fingerprint of a server's init files. A
// server whose data dir answers this query has finished init (the official images'
// temporary init server never listens on TCP, and this is written last); a value
// that differs from the current initdb/ means the data dir is older than the schema.
inline constexpr const char* kFingerprintSchema = "_devenv";  // MySQL: a database; PostgreSQL: a schema in `postgres`
inline constexpr const char* kFingerprintTable = "init_fingerprint";
inline constexpr const char* kFingerprintQuery = "SELECT fingerprint FROM _devenv.init_fingerprint";

// SHA-256 over the names and contents of the init files, in order.
std::string fingerprint_of(const std::vector<GeneratedFile>& files);

// The fingerprint the last `devenv build` wrote into initdb/<server>/ under
// `config_dir`, read from its fingerprint file; "" when there is none. Commands that
// must work with broken schema files (down, status, logs, env, shell) use it instead of
// reading the schema files.
std::string built_fingerprint(const std::filesystem::path& config_dir, const std::string& server);

}  // namespace devenv::generator
