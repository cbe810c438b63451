#include "support/sqlite_files.h"

#include <filesystem>

#include "catalog/inspector.h"
#include "engine/engine.h"

namespace devenv::test {

std::string SqliteFiles::path(const std::string& name) const {
  return (dir_.path() / engine::Engine::database_file_name(name)).string();
}

db::Connect SqliteFiles::connector() const {
  return [this](const std::string& name) { return db::open_sqlite(path(name), true); };
}

void SqliteFiles::load(const std::string& name, const std::string& sql) const {
  std::filesystem::remove(path(name));
  connector()(name)->execute(sql);
}

catalog::Database SqliteFiles::model(const std::string& name) const {
  return catalog::make_inspector(sqltext::Dialect::SQLite, connector())->inspect({name}).at(name);
}

std::vector<std::string> described(const std::vector<catalog::Difference>& differences) {
  std::vector<std::string> out;
  for (const catalog::Difference& d : differences) {
    const std::string where = catalog::is_table_part(d.kind) ? d.table + "." + d.name : d.name;
    out.push_back(std::string(catalog::change_name(d.change)) + " " + catalog::kind_name(d.kind) + " " + where);
  }
  return out;
}

}  // namespace devenv::test
