#pragma once

#include <memory>
#include <string>

#include "config/config.h"
#include "db/session.h"
#include "generator/script_writer.h"

namespace devenv::verify {

// The account a verify's shadow loads run as, so that a statement the name rewriting
// missed is refused by the server instead of writing to a live database. Made for one
// run with a random password that is never printed, granted only that run's shadow
// databases, and dropped by the destructor (on success, failure or interrupt); the
// next verify's drop_leftovers removes one a kill -9 left.
class ShadowAccount {
 public:
  // Creates `_devenv_verify_<suffix>` through `admin`, the root connector.
  ShadowAccount(const config::Server& server, db::Connect admin, const std::string& suffix);
  ~ShadowAccount();
  ShadowAccount(const ShadowAccount&) = delete;
  ShadowAccount& operator=(const ShadowAccount&) = delete;

  void grant(const std::string& database);
  const db::Login& login() const { return login_; }
  // As SQL names it (MySQL `user`@`host`): what DEFINER clauses become in a shadow.
  const std::string& account() const { return account_; }

  // Drops the accounts a killed devenv left behind on this server.
  static void drop_leftovers(const config::Server& server, db::Session& session);

 private:
  void drop();

  std::unique_ptr<generator::ScriptWriter> writer_;
  db::Connect admin_;
  db::Login login_;
  std::string account_;
  bool created_ = false;
};

}  // namespace devenv::verify
