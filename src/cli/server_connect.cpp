#include "cli/server_connect.h"

#include "util/runtime_error.h"

namespace devenv::cli {

catalog::Connect server_connect(runtime::Server& server) {
  if (server.status().health != runtime::Health::Running) {
    throw util::RuntimeError("server " + server.server().name + " is not running", "start it with `devenv up`");
  }
  return db::connector(server.server().engine, server.tcp_endpoint());
}

db::ConnectAs server_connect_as(runtime::Server& server) {
  return db::connector_as(server.server().engine, server.tcp_endpoint());
}

}  // namespace devenv::cli
