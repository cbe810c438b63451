#include "adopt/compose_reader.h"

#include <sstream>

#include "adopt/compose_text.h"
#include "adopt/env_file.h"
#include "adopt/input_error.h"
#include "adopt/yaml_file.h"
#include "generator/output_files.h"

namespace devenv::adopt {

namespace fs = std::filesystem;

namespace {

// `command: mysqld --a=1 "--b=two words"`: compose splits a string as a shell would,
// without expanding anything.
std::vector<std::string> shell_words(const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  bool in_word = false;
  char quote = 0;
  for (char c : text) {
    if (quote) {
      if (c == quote) {
        quote = 0;
      } else {
        word.push_back(c);
      }
    } else if (c == '"' || c == '\'') {
      quote = c;
      in_word = true;
    } else if (c == ' ' || c == '\t' || c == '\n') {
      if (in_word) words.push_back(word);
      word.clear();
      in_word = false;
    } else {
      word.push_back(c);
      in_word = true;
    }
  }
  if (in_word) words.push_back(word);
  return words;
}

class ComposeReader {
 public:
  ComposeReader(const fs::path& file, const fs::path& project_dir)
      : file_(file), dir_(file.parent_path()), yaml_(file, fs::path(file).lexically_relative(project_dir).string()) {}

  ComposeProject read() {
    const YAML::Node& root = yaml_.root();
    ComposeProject project{file_, yaml_.display(), "", {}};
    if (root.IsNull()) return project;
    if (!root.IsMap()) yaml_.fail(root, "expected a mapping with `services:` at the top of a compose file");
    if (const YAML::Node name = yaml_.get(root, "name"); name.IsDefined()) project.name = yaml_.scalar(name, "a name");
    const YAML::Node services = yaml_.get(root, "services");
    if (!services.IsDefined() || services.IsNull()) return project;
    if (!services.IsMap()) yaml_.fail(services, "expected `services:` to be a mapping of service names");
    for (const std::string& name : yaml_.keys(services)) {
      project.services.push_back(service(name, yaml_.get(services, name), yaml_.key_where(services, name)));
    }
    return project;
  }

 private:
  ComposeService service(const std::string& name, const YAML::Node& node, const std::string& where) {
    ComposeService service;
    service.name = name;
    service.where = where;
    if (node.IsNull()) return service;
    if (!node.IsMap()) yaml_.fail(node, "expected service " + name + " to be a mapping");
    if (const YAML::Node image = yaml_.get(node, "image"); image.IsDefined()) {
      service.image = Located{yaml_.scalar(image, "an image name, e.g. postgres:16"), yaml_.where(image)};
    }
    service.has_build = yaml_.get(node, "build").IsDefined();
    read_env_files(yaml_.get(node, "env_file"), service);
    read_environment(yaml_.get(node, "environment"), service);
    for (const YAML::Node& port : sequence(yaml_.get(node, "ports"), "ports"))
      service.ports.push_back(mapping_of(port));
    for (const YAML::Node& volume : sequence(yaml_.get(node, "volumes"), "volumes")) {
      if (std::optional<BindMount> mount = bind_mount(volume)) service.mounts.push_back(*mount);
    }
    read_command(yaml_.get(node, "command"), service);
    return service;
  }

  std::vector<YAML::Node> sequence(const YAML::Node& node, const std::string& key) const {
    std::vector<YAML::Node> out;
    if (!node.IsDefined() || node.IsNull()) return out;
    if (!node.IsSequence()) yaml_.fail(node, "expected `" + key + ":` to be a list");
    for (const YAML::Node& item : node) out.push_back(item);
    return out;
  }

  // env_file: a file, a list of files, or a list of { path, required }.
  void read_env_files(const YAML::Node& node, ComposeService& service) {
    if (!node.IsDefined() || node.IsNull()) return;
    std::vector<YAML::Node> entries = node.IsSequence() ? sequence(node, "env_file") : std::vector<YAML::Node>{node};
    for (const YAML::Node& entry : entries) {
      const YAML::Node path = entry.IsMap() ? yaml_.get(entry, "path") : entry;
      const std::string name = yaml_.scalar(path, "an env file's path");
      service.env_files.push_back(name);
      const fs::path file = (dir_ / name).lexically_normal();
      const std::optional<std::map<std::string, Located>> variables = read_env_file(file, name);
      if (!variables) continue;  // compose says so at its start; the variables are unknown here
      for (const auto& [key, value] : *variables) service.environment[key] = value;
    }
  }

  // environment: a mapping (KEY: value) or a list (- KEY=value); a KEY without a value
  // comes from the shell, which a reference to it stands for.
  void read_environment(const YAML::Node& node, ComposeService& service) const {
    if (!node.IsDefined() || node.IsNull()) return;
    if (node.IsMap()) {
      for (const std::string& key : yaml_.keys(node)) {
        const YAML::Node value = yaml_.get(node, key);
        const std::string text = value.IsNull() ? "${" + key + "}" : yaml_.scalar(value, "a value for " + key);
        service.environment[key] = {text, yaml_.where(value.IsNull() ? node : value)};
      }
      return;
    }
    for (const YAML::Node& item : sequence(node, "environment")) {
      const std::string entry = yaml_.scalar(item, "KEY=value");
      const std::size_t equals = entry.find('=');
      const std::string key = entry.substr(0, equals);
      service.environment[key] = {equals == std::string::npos ? "${" + key + "}" : entry.substr(equals + 1),
                                  yaml_.where(item)};
    }
  }

  // A scalar with compose's variables filled in as they are when none is set.
  std::string unset_value(const YAML::Node& node, const std::string& what) const {
    const std::string text = yaml_.scalar(node, what);
    try {
      return ComposeText(text).unset_value();
    } catch (const std::invalid_argument& e) {
      yaml_.fail(node, e.what(), "compose would refuse it too: fix the value, then run init again");
    }
  }

  bool has_variables(const YAML::Node& node) const {
    return node.IsScalar() && node.Scalar().find('$') != std::string::npos;
  }

  // "[host_ip:][published:]target[/protocol]", or { target, published, host_ip }.
  PortMapping mapping_of(const YAML::Node& node) const {
    PortMapping mapping;
    mapping.where = yaml_.where(node);
    if (node.IsMap()) {
      const YAML::Node published = yaml_.get(node, "published");
      mapping.target = unset_value(yaml_.get(node, "target"), "a target port");
      if (published.IsDefined()) mapping.published = unset_value(published, "a published port");
      if (const YAML::Node ip = yaml_.get(node, "host_ip"); ip.IsDefined()) mapping.host_ip = unset_value(ip, "an IP");
      mapping.written = mapping.published;
      mapping.has_variables = has_variables(published);
      return mapping;
    }
    mapping.written = yaml_.scalar(node, "a port mapping such as \"5432:5432\"");
    mapping.has_variables = has_variables(node);
    std::string text = unset_value(node, "a port mapping such as \"5432:5432\"");
    text = text.substr(0, text.find('/'));
    std::string ip;
    if (text.starts_with("[")) {  // [::1]:5433:5432
      const std::size_t close = text.find(']');
      ip = text.substr(1, close == std::string::npos ? std::string::npos : close - 1);
      text = close == std::string::npos ? "" : text.substr(std::min(text.size(), close + 2));
    }
    const std::size_t last = text.rfind(':');
    mapping.target = text.substr(last == std::string::npos ? 0 : last + 1);
    if (last != std::string::npos) {
      const std::string front = text.substr(0, last);
      const std::size_t colon = front.rfind(':');
      mapping.published = front.substr(colon == std::string::npos ? 0 : colon + 1);
      if (colon != std::string::npos) ip = front.substr(0, colon);
    }
    mapping.host_ip = ip;
    return mapping;
  }

  // "./src:/target[:ro]" or { type: bind, source, target }; nullopt for named volumes.
  std::optional<BindMount> bind_mount(const YAML::Node& node) const {
    if (node.IsMap()) {
      const YAML::Node type = yaml_.get(node, "type");
      if (type.IsDefined() && yaml_.scalar(type, "a volume type") != "bind") return std::nullopt;
      const YAML::Node source = yaml_.get(node, "source");
      if (!source.IsDefined()) return std::nullopt;
      return BindMount{unset_value(source, "a source path"), unset_value(yaml_.get(node, "target"), "a target path"),
                       yaml_.scalar(source, "a source path"), yaml_.where(node)};
    }
    const std::string text = unset_value(node, "a volume such as \"./init:/docker-entrypoint-initdb.d\"");
    const std::size_t colon = text.find(':');
    if (colon == std::string::npos) return std::nullopt;
    const std::string source = text.substr(0, colon);
    if (source.empty() || (source[0] != '.' && source[0] != '/' && source[0] != '~')) {
      return std::nullopt;  // a named volume
    }
    const std::string rest = text.substr(colon + 1);
    return BindMount{source, rest.substr(0, rest.find(':')), node.Scalar(), yaml_.where(node)};
  }

  void read_command(const YAML::Node& node, ComposeService& service) const {
    if (!node.IsDefined() || node.IsNull()) return;
    service.command_where = yaml_.where(node);
    if (node.IsSequence()) {
      for (const YAML::Node& word : node) service.command.push_back(yaml_.scalar(word, "a command word"));
    } else {
      service.command = shell_words(yaml_.scalar(node, "a command"));
    }
  }

  fs::path file_;
  fs::path dir_;
  YamlFile yaml_;
};

}  // namespace

const std::vector<std::string>& compose_file_names() {
  static const std::vector<std::string> names = {"compose.yaml", "compose.yml", "docker-compose.yaml",
                                                 "docker-compose.yml"};
  return names;
}

std::optional<fs::path> find_compose_file(const fs::path& dir) {
  for (const std::string& name : compose_file_names()) {
    std::error_code error;
    const fs::path file = dir / name;
    if (fs::is_regular_file(file, error) && !generator::is_generated(file)) return file;
  }
  return std::nullopt;
}

ComposeProject read_compose(const fs::path& file, const fs::path& project_dir) {
  return ComposeReader(fs::absolute(file).lexically_normal(), fs::absolute(project_dir).lexically_normal()).read();
}

}  // namespace devenv::adopt
