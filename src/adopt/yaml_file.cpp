#include "adopt/yaml_file.h"

#include <algorithm>

#include "adopt/input_error.h"
#include "util/file.h"

namespace devenv::adopt {

namespace {

constexpr const char* kMergeKey = "<<";

// The mappings a `<<` value merges in: one alias, or a list of them (the first wins).
std::vector<YAML::Node> merged_mappings(const YAML::Node& mapping) {
  const YAML::Node merge = mapping[kMergeKey];
  if (!merge || !merge.IsDefined()) return {};
  if (merge.IsMap()) return {merge};
  std::vector<YAML::Node> out;
  if (merge.IsSequence()) {
    for (const YAML::Node& item : merge) {
      if (item.IsMap()) out.push_back(item);
    }
  }
  return out;
}

}  // namespace

YamlFile::YamlFile(const std::filesystem::path& path, std::string display) : display_(std::move(display)) {
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) throw InputError(display_, "is a folder, not a compose file");
  const std::optional<std::string> text = util::read_file(path);
  if (!text) throw InputError(display_, "cannot be read", "check that the file exists and that you may read it");
  try {
    root_ = YAML::Load(*text);
  } catch (const YAML::Exception& e) {
    const std::string at =
        e.mark.is_null() ? display_
                         : display_ + ":" + std::to_string(e.mark.line + 1) + ":" + std::to_string(e.mark.column + 1);
    throw InputError(at, "YAML error: " + e.msg,
                     "fix the file (docker compose config shows it too), then run init again");
  }
}

std::string YamlFile::where(const YAML::Node& node) const {
  const YAML::Mark mark = node.Mark();
  if (mark.is_null()) return display_;
  return display_ + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

void YamlFile::fail(const YAML::Node& node, const std::string& message, const std::string& hint) const {
  throw InputError(where(node), message, hint);
}

YAML::Node YamlFile::get(const YAML::Node& mapping, const std::string& key) const {
  if (!mapping.IsMap()) return YAML::Node(YAML::NodeType::Undefined);
  if (const YAML::Node value = mapping[key]; value.IsDefined()) return value;
  for (const YAML::Node& merged : merged_mappings(mapping)) {
    if (YAML::Node value = get(merged, key); value.IsDefined()) return value;
  }
  return YAML::Node(YAML::NodeType::Undefined);
}

std::vector<std::string> YamlFile::keys(const YAML::Node& mapping) const {
  std::vector<std::string> out;
  if (!mapping.IsMap()) return out;
  const auto add = [&out](const std::string& key) {
    if (key != kMergeKey && std::find(out.begin(), out.end(), key) == out.end()) out.push_back(key);
  };
  for (const auto& entry : mapping) add(entry.first.Scalar());
  for (const YAML::Node& merged : merged_mappings(mapping)) {
    for (const std::string& key : keys(merged)) add(key);
  }
  return out;
}

std::string YamlFile::key_where(const YAML::Node& mapping, const std::string& key) const {
  for (const auto& entry : mapping) {
    if (entry.first.Scalar() == key) return where(entry.first);
  }
  return where(get(mapping, key));
}

std::string YamlFile::scalar(const YAML::Node& node, const std::string& what) const {
  if (node.IsScalar()) return node.Scalar();
  fail(node, "expected " + what);
}

}  // namespace devenv::adopt
