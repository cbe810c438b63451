#pragma once

#include "config/config.h"
#include "generator/generated_file.h"

namespace devenv::generator {

// docker-compose.yml for the compose runtime: one service per server with the
// configured image, its initdb/<server> folder as /docker-entrypoint-initdb.d, a
// named volume, ports on 127.0.0.1, and a healthcheck that passes only once the
// last init file has run (it reads the fingerprint over TCP, which the images'
// socket-only temporary init server cannot answer). Secrets stay ${VAR} references.
GeneratedFile compose_file(const config::Config& config);

}  // namespace devenv::generator
