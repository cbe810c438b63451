#pragma once

#include "catalog/inspector.h"
#include "runtime/server.h"

namespace devenv::cli {

// Root sessions on a running server, over TCP, on any of its databases. Throws
// util::RuntimeError when the server is not running.
catalog::Connect server_connect(runtime::Server& server);
// The same server over TCP as another account.
db::ConnectAs server_connect_as(runtime::Server& server);

}  // namespace devenv::cli
