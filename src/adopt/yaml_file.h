#pragma once

#include <yaml-cpp/yaml.h>

#include <filesystem>
#include <string>
#include <vector>

namespace devenv::adopt {

// A YAML file read with yaml-cpp, and the positions of its nodes for messages. Kept
// inside the adopt layer: only compose_reader.cpp sees YAML types.
class YamlFile {
 public:
  // Reads and parses `path`; `display` names it in messages. Throws InputError at
  // file:line:col for a syntax error, or naming the file when it cannot be read.
  YamlFile(const std::filesystem::path& path, std::string display);

  const YAML::Node& root() const { return root_; }
  const std::string& display() const { return display_; }

  // display:line:col of a node (1-based), or the file alone for a node without a place.
  std::string where(const YAML::Node& node) const;
  [[noreturn]] void fail(const YAML::Node& node, const std::string& message, const std::string& hint = {}) const;

  // The value of `key` in a mapping, following YAML merge keys (`<<: *defaults`) as
  // compose does, where yaml-cpp leaves `<<` an ordinary key; an undefined node when absent.
  YAML::Node get(const YAML::Node& mapping, const std::string& key) const;
  // The keys of a mapping with those it merges in, each once, in file order.
  std::vector<std::string> keys(const YAML::Node& mapping) const;
  // display:line:col of `key` itself in a mapping (of its value when merged in).
  std::string key_where(const YAML::Node& mapping, const std::string& key) const;
  // A scalar's text; an InputError at the node, saying `what` it should be, otherwise.
  std::string scalar(const YAML::Node& node, const std::string& what) const;

 private:
  YAML::Node root_;
  std::string display_;
};

}  // namespace devenv::adopt
