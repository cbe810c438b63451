#include "runtime/native_engine.h"

#include <unistd.h>

namespace devenv::runtime {

std::unique_ptr<NativeEngine> make_mysql_native_engine(const config::Server& server);
std::unique_ptr<NativeEngine> make_postgres_native_engine(const config::Server& server);

bool runs_as_other_user(const config::Server& server) {
  return server.engine.refuses_to_run_as_root() && geteuid() == 0;
}

std::unique_ptr<NativeEngine> make_native_engine(const config::Server& server) {
  switch (server.engine.dialect()) {
    case sqltext::Dialect::MySQL: return make_mysql_native_engine(server);
    case sqltext::Dialect::Postgres: return make_postgres_native_engine(server);
  }
  return nullptr;
}

}  // namespace devenv::runtime
