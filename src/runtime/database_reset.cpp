#include "runtime/database_reset.h"

#include "runtime/session_script.h"
#include "util/sha256.h"

namespace devenv::runtime {

namespace {

constexpr std::string_view kPristinePrefix = "_devenv_tpl_";
constexpr std::size_t kHashLength = 8;

// The longest start of `text` within `bytes` that does not cut a UTF-8 character.
std::string utf8_prefix(const std::string& text, std::size_t bytes) {
  if (text.size() <= bytes) return text;
  while (bytes > 0 && (static_cast<unsigned char>(text[bytes]) & 0xC0) == 0x80) --bytes;
  return text.substr(0, bytes);
}

}  // namespace

std::string pristine_copy_name(const std::string& database, const engine::Engine& engine) {
  const std::size_t limit = engine.max_identifier_bytes();
  if (kPristinePrefix.size() + database.size() <= limit) return std::string(kPristinePrefix) + database;
  // Two long names that share a beginning still get different copies.
  const std::string hash = util::sha256_hex(database).substr(0, kHashLength);
  return std::string(kPristinePrefix) + utf8_prefix(database, limit - kPristinePrefix.size() - hash.size() - 1) + "_" +
         hash;
}

SessionDatabaseReset::SessionDatabaseReset(ResetTarget target)
    : target_(std::move(target)), writer_(generator::make_script_writer(target_.server->engine)) {}

db::Session& SessionDatabaseReset::admin() {
  if (!admin_) admin_ = db::connect(target_.server->engine.dialect(), target_.session);
  return *admin_;
}

void SessionDatabaseReset::run_generated_file(const std::filesystem::path& file) {
  target_.progress("running " + file.filename().string());
  if (run_with_sessions(file, target_.server->engine, target_.session, target_.log)) return;
  target_.run_with_client(file);
}

void SessionDatabaseReset::forget_fingerprint() { admin().execute(writer_->forget_fingerprint()); }

std::unique_ptr<DatabaseReset> make_database_reset(const ResetTarget& target) {
  if (target.server->engine.dialect() == sqltext::Dialect::Postgres) return make_postgres_database_reset(target);
  return make_mysql_database_reset(target);
}

}  // namespace devenv::runtime
