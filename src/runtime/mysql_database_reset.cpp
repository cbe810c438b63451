// A reset in place on MariaDB/MySQL (database_reset.h): drop, then the generated
// files again, each in a session of devenv's own.
#include <stdexcept>

#include "runtime/database_reset.h"

namespace devenv::runtime {
namespace {

class MySqlDatabaseReset final : public SessionDatabaseReset {
 public:
  explicit MySqlDatabaseReset(const ResetTarget& target) : SessionDatabaseReset(target) {}

  bool keeps_pristine_copies() const override { return false; }
  bool reruns_init_databases() const override { return true; }
  std::set<std::string> pristine_copies(const std::vector<std::string>&) override { return {}; }
  void prepare_rebuild(const std::vector<std::string>&) override {}

  void restore_pristine(const std::string& name) override {
    throw std::logic_error("MySQL keeps no pristine copy of " + name);
  }

  // Its grants (mysql.db) outlive the drop; 00-init-databases.sql makes it again. A
  // table of another database with a foreign key into this one (made by a developer,
  // or by the schema) would refuse the drop: the checks are off for it, as for a dump.
  void clear(const std::string& name) override {
    if (!checks_off_) {
      admin().execute("SET SESSION foreign_key_checks = 0");
      checks_off_ = true;
    }
    admin().execute(writer_->drop_database(name));
  }

  void keep_pristine(const std::string&) override {}

 private:
  bool checks_off_ = false;
};

}  // namespace

std::unique_ptr<DatabaseReset> make_mysql_database_reset(const ResetTarget& target) {
  return std::make_unique<MySqlDatabaseReset>(target);
}

}  // namespace devenv::runtime
