#include "verify/shadow_account.h"

#include "util/random.h"
#include "verify/sandbox_names.h"

namespace devenv::verify {

namespace {

constexpr std::size_t kPasswordBytes = 24;

}  // namespace

ShadowAccount::ShadowAccount(const config::Server& server, db::Connect admin, const std::string& suffix)
    : writer_(generator::make_script_writer(server.engine)), admin_(std::move(admin)) {
  login_.user = account_name(server, suffix);
  login_.password = util::random_hex(kPasswordBytes);
  const auto session = admin_("");
  const std::vector<std::string> hosts = session->column(writer_->client_host_query());
  const std::string host = hosts.empty() ? std::string() : hosts.front();
  account_ = writer_->account(login_.user, host);
  session->execute(writer_->create_account(login_.user, host, login_.password));
  created_ = true;
}

ShadowAccount::~ShadowAccount() { drop(); }

void ShadowAccount::grant(const std::string& database) {
  admin_("")->execute(writer_->grant_database(account_, database));
}

void ShadowAccount::drop() {
  if (!created_) return;
  created_ = false;
  try {
    admin_("")->execute(writer_->drop_account(account_));
  } catch (const std::exception&) {
    // The next verify's drop_leftovers removes it.
  }
}

void ShadowAccount::drop_leftovers(const config::Server& server, db::Session& session) {
  const auto writer = generator::make_script_writer(server.engine);
  // The long form too: a MariaDB configured as `engine = "mysql"` took it before the
  // short one existed.
  const std::string current = account_prefix(server);
  const std::string long_form = sandbox_prefix(kAccountPrefix, server);
  for (const db::Row& row : session.rows(writer->list_accounts())) {
    const std::string user = row.at(0).value_or("");
    if (user.starts_with(current) || user.starts_with(long_form))
      session.execute(writer->drop_account(writer->account(user, row.at(1).value_or(""))));
  }
}

}  // namespace devenv::verify
