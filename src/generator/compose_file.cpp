#include "generator/compose_file.h"

#include <fmt/format.h>

#include "generator/fingerprint.h"

namespace devenv::generator {
namespace {

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

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : separator) + word;
  return out;
}

// Reads the fingerprint over TCP: the images' temporary init server listens on no
// TCP port, so this cannot pass before the last init file has run.
std::string healthcheck(const Server& server, int port) {
  const engine::Engine& engine = server.engine;
  const engine::ClientCommand client =
      engine.tcp_client(engine.image_client(), port, server.root_user, engine.fallback_database());
  // `$$` is compose's escape for a `$` the container's shell expands.
  return fmt::format("{}=\"$${}\" {} {} '{}' | grep -q .", client.password_variable,
                     engine.image_root_password_variable(), joined(client.argv, " "),
                     joined(engine.batch_query_flags(), " "), kFingerprintQuery);
}

// A value compose must not interpolate: `$` is its variable sign, `$$` a literal one.
std::string literal_dollars(const std::string& text) {
  std::string out;
  for (char c : text) out += c == '$' ? "$$" : std::string(1, c);
  return out;
}

// The server's arguments, which the official images pass on: with host networking,
// listening on the configured port and on loopback only; then the config's settings.
// Empty when the image's own command will do.
std::string server_command(const Server& server, bool host_network) {
  std::vector<std::string> arguments;
  if (host_network) arguments = server.engine.loopback_server_arguments(server.port);
  for (const auto& [name, value] : server.settings) {
    for (const std::string& argument : server.engine.setting_arguments(name, value)) {
      arguments.push_back(literal_dollars(argument));
    }
  }
  if (arguments.empty()) return "";
  std::vector<std::string> words = {yaml(server.engine.image_server())};
  for (const std::string& argument : arguments) words.push_back(yaml(argument));
  return "    command: [" + joined(words, ", ") + "]\n";
}

std::string service(const Server& server, bool host_network) {
  const engine::Engine& engine = server.engine;
  std::string out = fmt::format("  {}:\n    image: {}\n    environment:\n", server.name, yaml(server.image));
  out += fmt::format("      {}: {}\n", engine.image_root_password_variable(), yaml(server.root_password.reference));
  if (*engine.image_root_user_variable()) {
    out += fmt::format("      {}: {}\n", engine.image_root_user_variable(), yaml(server.root_user));
  }
  if (host_network) {
    out += "    network_mode: host\n" + server_command(server, true);
  } else {
    const std::string host_port = server.port == 0 ? "" : std::to_string(server.port);
    out +=
        fmt::format("    ports:\n      - {}\n", yaml(fmt::format("127.0.0.1:{}:{}", host_port, engine.default_port())));
    out += server_command(server, false);
  }
  out += fmt::format("    volumes:\n      - {}\n      - {}\n",
                     yaml(fmt::format("./initdb/{}:/docker-entrypoint-initdb.d:ro", server.name)),
                     yaml(fmt::format("{}-data:{}", server.name, engine.image_data_dir())));
  out += fmt::format(
      "    healthcheck:\n      test: [\"CMD-SHELL\", {}]\n      interval: 2s\n      timeout: 5s\n      retries: 90\n"
      "      start_period: 300s\n",
      yaml(healthcheck(server, host_network ? server.port : engine.default_port())));
  return out;
}

}  // namespace

GeneratedFile compose_file(const config::Config& config) {
  std::string out = fmt::format(
      "# {} from config.toml. Do not edit: change config.toml, then run `devenv build`.\n"
      "# Secrets are ${{VAR}} references that docker compose reads from the environment.\n",
      kGeneratedMarker);
  // A SQLite server is a folder of files on this machine, whichever the runtime: no
  // container, no volume.
  std::vector<const Server*> containers;
  for (const Server& server : config.servers) {
    if (server.engine.runs_a_server()) containers.push_back(&server);
  }
  if (containers.size() < config.servers.size()) {
    out += "# SQLite servers are local files (devenv makes them): they have no service here.\n";
  }
  if (containers.empty()) return {config.project.compose_file, out + "services: {}\n", InitRole::None, {}};
  out += "services:\n";
  for (const Server* server : containers) out += service(*server, config.project.network_mode == "host");
  out += "volumes:\n";
  for (const Server* server : containers) out += fmt::format("  {}-data:\n", server->name);
  return {config.project.compose_file, out, InitRole::None, {}};
}

}  // namespace devenv::generator
