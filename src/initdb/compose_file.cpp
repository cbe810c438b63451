#include "initdb/compose_file.h"

#include <fmt/format.h>

#include "initdb/fingerprint.h"

namespace devenv::initdb {
namespace {

using config::Engine;
using config::Server;

// A YAML double-quoted scalar.
std::string yaml(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"' || c == '\\') out.push_back('\\');
    out.push_back(c);
  }
  return out + "\"";
}

struct EngineImage {
  int container_port;
  const char* data_dir;
  const char* password_variable;
  const char* user_variable;  // empty when the image has no such setting
  const char* client;
};

EngineImage image_facts(Engine engine) {
  switch (engine) {
    case Engine::MySQL: return {3306, "/var/lib/mysql", "MYSQL_ROOT_PASSWORD", "", "mysql"};
    case Engine::MariaDB: return {3306, "/var/lib/mysql", "MARIADB_ROOT_PASSWORD", "", "mariadb"};
    case Engine::Postgres: return {5432, "/var/lib/postgresql/data", "POSTGRES_PASSWORD", "POSTGRES_USER", "psql"};
  }
  return {};
}

// Reads the fingerprint over TCP: the images' temporary init server listens on no
// TCP port, so this cannot pass before the last init file has run.
std::string healthcheck(const Server& server, const EngineImage& facts, int port) {
  // `$$` is compose's escape for a `$` the container's shell expands.
  if (server.engine == Engine::Postgres) {
    return fmt::format("PGPASSWORD=\"$${}\" psql -h 127.0.0.1 -p {} -U {} -d postgres -tAc '{}' | grep -q .",
                       facts.password_variable, port, server.root_user, kFingerprintQuery);
  }
  return fmt::format("{} --protocol=tcp -h 127.0.0.1 -P {} -u{} -p\"$${}\" -N -e '{}' | grep -q .", facts.client, port,
                     server.root_user, facts.password_variable, kFingerprintQuery);
}

// With host networking the server itself must listen on the configured port and on
// loopback only; the official images pass these arguments to the server.
std::string host_network_command(const Server& server) {
  if (server.engine == Engine::Postgres) {
    return fmt::format("[\"postgres\", \"-p\", \"{}\", \"-c\", \"listen_addresses=127.0.0.1\"]", server.port);
  }
  return fmt::format("[\"{}\", \"--port={}\", \"--bind-address=127.0.0.1\"]",
                     server.engine == Engine::MySQL ? "mysqld" : "mariadbd", server.port);
}

std::string service(const Server& server, bool host_network) {
  const EngineImage facts = image_facts(server.engine);
  std::string out = fmt::format("  {}:\n    image: {}\n    environment:\n", server.name, yaml(server.image));
  out += fmt::format("      {}: {}\n", facts.password_variable, yaml(server.root_password.reference));
  if (*facts.user_variable) out += fmt::format("      {}: {}\n", facts.user_variable, yaml(server.root_user));
  if (host_network) {
    out += "    network_mode: host\n    command: " + host_network_command(server) + "\n";
  } else {
    const std::string host_port = server.port == 0 ? "" : std::to_string(server.port);
    out += fmt::format("    ports:\n      - {}\n", yaml(fmt::format("127.0.0.1:{}:{}", host_port, facts.container_port)));
  }
  out += fmt::format("    volumes:\n      - {}\n      - {}\n",
                     yaml(fmt::format("./initdb/{}:/docker-entrypoint-initdb.d:ro", server.name)),
                     yaml(fmt::format("{}-data:{}", server.name, facts.data_dir)));
  out += fmt::format(
      "    healthcheck:\n      test: [\"CMD-SHELL\", {}]\n      interval: 2s\n      timeout: 5s\n      retries: 90\n"
      "      start_period: 300s\n",
      yaml(healthcheck(server, facts, host_network ? server.port : facts.container_port)));
  return out;
}

}  // namespace

GeneratedFile compose_file(const config::Config& config) {
  std::string out = fmt::format(
      "# {} from config.toml. Do not edit: change config.toml, then run `devenv build`.\n"
      "# Secrets are ${{VAR}} references that docker compose reads from the environment.\n"
      "services:\n",
      kGeneratedMarker);
  for (const Server& server : config.servers) out += service(server, config.project.network_mode == "host");
  out += "volumes:\n";
  for (const Server& server : config.servers) out += fmt::format("  {}-data:\n", server.name);
  return {"docker-compose.yml", out};
}

}  // namespace devenv::initdb
